import { readFileSync } from "node:fs";
import fc from "fast-check";
import { fileURLToPath } from "node:url";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { connectedComponents } from "../model/connected-components.ts";
import { instancesFromRasters } from "../model/instances.ts";
import { parseLabelmap } from "../model/labelmap.ts";
import { classRasterFromImage, objectRasterFromImage } from "../model/rasters.ts";
import { vocColor } from "../model/voc-palette.ts";
import { encodePng, type EncodeOptions } from "./__fixtures__/encode-png.ts";
import { decodePng } from "../png/png.ts";
import { caught } from "./__fixtures__/caught.ts";

const golden = fileURLToPath(new URL("../../../../fixtures/golden/", import.meta.url));

interface GoldenObject {
  value: number;
  area: number;
  bbox: [number, number, number, number];
  components_4: number;
  components_8: number;
}
interface GoldenJson {
  files: { file: string; width: number; height: number; objects: GoldenObject[] }[];
  instance_sets: { objects: string; classes: string; instances: { id: number; class: number; area: number }[] }[];
}
const goldenJson = JSON.parse(readFileSync(`${golden}golden.json`, "utf8")) as GoldenJson;

describe("decodePng on the golden PNGs (written by the reference tools, not pngjs)", () => {
  it.each(goldenJson.files.map((f) => [f.file, f] as const))("%s: areas, boxes and component counts match", (_, entry) => {
    const image = decodePng(readFileSync(`${golden}${entry.file}`), entry.file);
    expect([image.kind, image.width, image.height]).toEqual(["gray", entry.width, entry.height]);
    for (const object of entry.objects) {
      const data = Uint8Array.from(image.values, (v) => (v === object.value ? 1 : 0));
      let area = 0;
      let [minX, minY, maxX, maxY] = [Infinity, Infinity, -1, -1];
      data.forEach((bit, p) => {
        if (bit === 0) return;
        area++;
        const x = p % image.width;
        const y = Math.floor(p / image.width);
        [minX, minY, maxX, maxY] = [Math.min(minX, x), Math.min(minY, y), Math.max(maxX, x), Math.max(maxY, y)];
      });
      expect(area).toBe(object.area);
      expect([minX, minY, maxX - minX + 1, maxY - minY + 1]).toEqual(object.bbox);
      const bitmap = { width: image.width, height: image.height, data };
      expect(connectedComponents(bitmap, 4).count).toBe(object.components_4);
      expect(connectedComponents(bitmap, 8).count).toBe(object.components_8);
    }
  });

  it("gives the golden instance set of i01", () => {
    const [set] = goldenJson.instance_sets;
    if (set === undefined) throw new Error("golden.json has no instance set");
    const labelmap = parseLabelmap("0: background\n1: a\n2: b\n3: c\n");
    const classes = classRasterFromImage(decodePng(readFileSync(`${golden}${set.classes}`), set.classes), labelmap, set.classes);
    const objects = objectRasterFromImage(decodePng(readFileSync(`${golden}${set.objects}`), set.objects), set.objects);
    const { instances, diagnostics } = instancesFromRasters({ width: classes.width, height: classes.height, classRaster: classes.data, objectRaster: objects.data, labelmap });
    expect(diagnostics).toEqual([]);
    expect(instances.map((i) => ({ id: i.instanceId, class: i.label, area: i.area }))).toEqual(set.instances);
  });
});

describe("decodePng: every colour type and bit depth gives the same rasters", () => {
  const width = 13;
  const height = 11;
  const labelmap = parseLabelmap("# label:color_rgb:parts:actions\nbackground:0,0,0::\ntumor:250,50,83::\nedema:61,61,245::\n");
  const colors = labelmap.labels.map((label) => label.color);
  // Class ids 0..2 and object ids 0..3 in blobs; object 3 touches object 1 inside class 1.
  const classes = Array.from({ length: width * height }, (_, p) => {
    const x = p % width;
    const y = Math.floor(p / width);
    return x < 6 && y < 7 ? 1 : (x - 9) ** 2 + (y - 6) ** 2 <= 8 ? 2 : 0;
  });
  const objects = classes.map((c, p) => (c === 0 ? 0 : c === 2 ? 2 : p % width < 3 ? 1 : 3));
  const binary = classes.map((c) => (c === 0 ? 0 : 1));

  const expectClasses = (options: Omit<EncodeOptions, "width" | "height">, expected: number[]): void => {
    const image = decodePng(encodePng({ width, height, ...options }), "class.png");
    expect([image.width, image.height]).toEqual([width, height]);
    expect([...classRasterFromImage(image, labelmap, "class.png").data]).toEqual(expected.map((c) => (c === 0 ? -1 : c)));
  };
  const expectObjects = (options: Omit<EncodeOptions, "width" | "height">, expected: number[]): void => {
    const image = decodePng(encodePng({ width, height, ...options }), "object.png");
    expect([...objectRasterFromImage(image, "object.png").data]).toEqual(expected);
  };
  const perPixel = (values: number[], map: (v: number) => number[]): number[] => values.flatMap(map);

  for (const interlace of [false, true]) {
    const tag = interlace ? "interlaced" : "non-interlaced";
    it(`gray 1/2/4/8/16-bit and gray+alpha 8/16-bit, ${tag}`, () => {
      expectClasses({ colorType: 0, bitDepth: 1, interlace, samples: binary }, binary);
      for (const bitDepth of [2, 4, 8, 16] as const) {
        expectClasses({ colorType: 0, bitDepth, interlace, samples: classes }, classes);
        expectObjects({ colorType: 0, bitDepth, interlace, samples: objects }, objects);
      }
      for (const bitDepth of [8, 16] as const) {
        const alpha = bitDepth === 8 ? 255 : 65535;
        expectClasses({ colorType: 4, bitDepth, interlace, samples: perPixel(classes, (c) => [c, c === 0 ? 0 : alpha]) }, classes);
        expectObjects({ colorType: 4, bitDepth, interlace, samples: perPixel(objects, (o) => [o, alpha]) }, objects);
      }
    });

    it(`16-bit gray object masks keep ids above 255, ${tag}`, () => {
      const big = objects.map((o) => (o === 0 ? 0 : o * 1000 + 7));
      expectObjects({ colorType: 0, bitDepth: 16, interlace, samples: big }, big);
    });

    it(`RGB and RGBA 8/16-bit by labelmap colour and VOC colour, ${tag}`, () => {
      for (const bitDepth of [8, 16] as const) {
        const scale = bitDepth === 8 ? 1 : 257;
        const classRgb = perPixel(classes, (c) => (colors[c] ?? [0, 0, 0]).map((v) => v * scale));
        const objectRgb = perPixel(objects, (o) => vocColor(o).map((v) => v * scale));
        expectClasses({ colorType: 2, bitDepth, interlace, samples: classRgb }, classes);
        expectObjects({ colorType: 2, bitDepth, interlace, samples: objectRgb }, objects);
        const withAlpha = (rgb: number[]): number[] => rgb.flatMap((v, i) => (i % 3 === 2 ? [v, 255 * scale] : [v]));
        expectClasses({ colorType: 6, bitDepth, interlace, samples: withAlpha(classRgb) }, classes);
        expectObjects({ colorType: 6, bitDepth, interlace, samples: withAlpha(objectRgb) }, objects);
      }
    });

    it(`palette 1/2/4/8-bit: class masks by colour, object masks by index even with repeated colours, ${tag}`, () => {
      // Palette order differs from label ids, so only the colours can say which label it is.
      const palette = [colors[2], colors[0], colors[1]] as [number, number, number][];
      const toIndex = [1, 2, 0];
      for (const bitDepth of [2, 4, 8] as const) {
        expectClasses({ colorType: 3, bitDepth, interlace, palette, samples: classes.map((c) => toIndex[c] ?? 0) }, classes);
        const repeated: [number, number, number][] = [[0, 0, 0], [128, 0, 0], [128, 0, 0], [128, 0, 0]];
        expectObjects({ colorType: 3, bitDepth, interlace, palette: repeated, samples: objects }, objects);
      }
      expectClasses({ colorType: 3, bitDepth: 1, interlace, palette: [[0, 0, 0], colors[1] as [number, number, number]], samples: binary }, binary);
      expectObjects({ colorType: 3, bitDepth: 1, interlace, palette: [[0, 0, 0], [0, 0, 0]], samples: binary }, binary);
    });
  }

  it("agrees with pngjs's public decoder on the hand-made bytes", () => {
    const samples = perPixel(classes, (c) => [...(colors[c] ?? [0, 0, 0]), 200]);
    const bytes = encodePng({ width, height, colorType: 6, bitDepth: 8, interlace: true, samples });
    expect([...PNG.sync.read(Buffer.from(bytes)).data]).toEqual(samples);
  });

  it("reads a PNG written by pngjs", () => {
    const png = new PNG({ width: 2, height: 1 });
    png.data.set([250, 50, 83, 255, 0, 0, 0, 255]);
    const image = decodePng(PNG.sync.write(png), "w.png");
    expect([...classRasterFromImage(image, labelmap, "w.png").data]).toEqual([1, -1]);
  });
});

describe("decodePng, property", () => {
  it("returns exactly the samples written, for random sizes, colour types, bit depths and interlacing", () => {
    type Format = readonly [colorType: 0 | 2 | 3 | 4 | 6, bitDepth: 1 | 2 | 4 | 8 | 16];
    const formatArb = fc.constantFrom<Format>(
      ...([
        [0, 1], [0, 2], [0, 4], [0, 8], [0, 16],
        [3, 1], [3, 2], [3, 4], [3, 8],
        [2, 8], [2, 16], [4, 8], [4, 16], [6, 8], [6, 16],
      ] as const satisfies readonly Format[]),
    );
    const caseArb = fc
      .record({ width: fc.integer({ min: 1, max: 19 }), height: fc.integer({ min: 1, max: 19 }), format: formatArb, interlace: fc.boolean() })
      .chain((base) => {
        const colorType = base.format[0];
        const bitDepth = base.format[1];
        const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[colorType];
        // 16-bit colour channels are written as v·257 so the 8-bit result is exact.
        const max = colorType === 2 || colorType === 6 ? 255 : 2 ** bitDepth - 1;
        const length = base.width * base.height * channels;
        return fc.record({ base: fc.constant(base), samples: fc.array(fc.integer({ min: 0, max }), { minLength: length, maxLength: length }) });
      });
    fc.assert(
      fc.property(caseArb, ({ base, samples }) => {
        const colorType = base.format[0];
        const bitDepth = base.format[1];
        const wide = (colorType === 2 || colorType === 6) && bitDepth === 16;
        const palette = Array.from({ length: 2 ** Math.min(bitDepth, 8) }, (_, i) => [i, 255 - i, 7] as [number, number, number]);
        const bytes = encodePng({
          width: base.width,
          height: base.height,
          colorType,
          bitDepth,
          interlace: base.interlace,
          samples: wide ? samples.map((v) => v * 257) : samples,
          ...(colorType === 3 ? { palette } : {}),
        });
        const image = decodePng(bytes, "random.png");
        expect([image.width, image.height, image.bitDepth]).toEqual([base.width, base.height, bitDepth]);
        if (image.kind === "rgb") {
          const stride = colorType === 6 ? 4 : 3;
          const rgb = [...image.values].filter((_, i) => i % 4 !== 3);
          expect(rgb).toEqual(samples.filter((_, i) => i % stride < 3));
        } else if (image.kind === "gray") {
          expect([...image.values]).toEqual(colorType === 4 ? samples.filter((_, i) => i % 2 === 0) : samples);
        } else {
          expect([...image.values]).toEqual(samples);
          expect([...image.palette]).toEqual(palette.flat());
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe("decodePng errors", () => {
  const valid = encodePng({ width: 4, height: 4, colorType: 0, bitDepth: 8, samples: new Uint8Array(16).fill(1) });

  it("refuses JPEG masks with the reason", () => {
    const error = caught(() => decodePng(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70]), "masks/Y1.jpg"));
    expect(error.code).toBe("MASK_NOT_PNG");
    expect(error.message).toContain("masks/Y1.jpg: mask is a JPEG, not a PNG");
    expect(error.message).toContain("lossy");
  });

  it("reports truncated, corrupted and garbage files as unreadable, naming the file", () => {
    for (const bytes of [valid.subarray(0, valid.length - 20), Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9]), new Uint8Array(0)]) {
      const error = caught(() => decodePng(bytes, "bad.png"));
      expect(error.code).toBe("PNG_UNREADABLE");
      expect(error.message).toMatch(/^bad\.png: cannot read PNG/);
    }
    const corrupt = valid.slice();
    corrupt[40] = (corrupt[40] ?? 0) ^ 0xff; // inside IDAT: the CRC no longer matches
    expect(caught(() => decodePng(corrupt, "bad.png")).code).toBe("PNG_UNREADABLE");
  });
});
