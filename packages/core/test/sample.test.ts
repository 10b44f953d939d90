// The bundled sample examples/mri-brain-tumor/: regenerating it gives the committed bytes,
// and every case its README promises is checked from the decoded PNG pixels (pngjs), against
// hand-written expectations and the format facts of FORMATS.md §1.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readMaskDataset } from "../src/node.ts";

const root = fileURLToPath(new URL("../../..", import.meta.url));
const script = join(root, "scripts/make-sample.mjs");
const sample = join(root, "examples/mri-brain-tumor");
const PUBLISHED = "segmentation_mask";
const CLASS_DIR = "brain_tumor_segmentation_mask_CLASS_png_format";
const OBJECT_DIR = "brain_tumor_segmentation_mask_OBJECT_png_format";
const MULTI_CLASS_DIR = "multi-class/brain_tumor_regions_CLASS_png_format";
const MULTI_OBJECT_DIR = "multi-class/brain_tumor_regions_OBJECT_png_format";
const SIZE = 256;

/** What the README's table promises: Tumor instances and multi-class instances per class. */
const EXPECTED: Record<string, { tumor: number; edema: number; enhancing: number; necrosis: number }> = {
  Y1: { tumor: 1, edema: 1, enhancing: 1, necrosis: 0 },
  Y2: { tumor: 3, edema: 3, enhancing: 3, necrosis: 0 },
  Y3: { tumor: 1, edema: 1, enhancing: 1, necrosis: 1 },
  Y4: { tumor: 2, edema: 2, enhancing: 2, necrosis: 0 },
  Y5: { tumor: 1, edema: 1, enhancing: 1, necrosis: 0 },
  Y6: { tumor: 2, edema: 1, enhancing: 2, necrosis: 0 },
  Y7: { tumor: 2, edema: 2, enhancing: 2, necrosis: 0 },
  Y8: { tumor: 2, edema: 2, enhancing: 2, necrosis: 0 },
  Y9: { tumor: 4, edema: 3, enhancing: 4, necrosis: 1 },
  "scans/Y10": { tumor: 2, edema: 2, enhancing: 2, necrosis: 1 },
  N1: { tumor: 0, edema: 0, enhancing: 0, necrosis: 0 },
  "scans/N2": { tumor: 0, edema: 0, enhancing: 0, necrosis: 0 },
};
const IDS = Object.keys(EXPECTED);

/** Pascal VOC palette entries 0..10 as listed in FORMATS.md §1.4 (independent of any code). */
const VOC = ["0,0,0", "128,0,0", "0,128,0", "128,128,0", "0,0,128", "128,0,128", "0,128,128", "128,128,128", "64,0,0", "192,0,0", "64,128,0"];
const TUMOR = "250,50,83";
const MULTI: Record<string, number> = { "0,0,0": 0, "255,204,51": 1, "250,50,83": 2, "51,221,255": 3 };
const [EDEMA, ENHANCING, NECROSIS] = [1, 2, 3];

let generated = "";
beforeAll(() => {
  generated = mkdtempSync(join(tmpdir(), "maskport-sample-"));
  execFileSync(process.execPath, [script, "--out", generated], { stdio: "pipe" });
});
afterAll(() => {
  if (generated) rmSync(generated, { recursive: true, force: true });
});

describe("the generator", () => {
  it("reproduces the committed sample byte for byte", () => {
    const committed = listFiles(sample);
    const fresh = listFiles(generated);
    expect(committed).toEqual([...fresh, "README.md"].sort());
    for (const file of fresh) {
      const a = readFileSync(join(sample, file));
      const b = readFileSync(join(generated, file));
      if (!a.equals(b)) {
        // PNG bytes also depend on Node's bundled zlib; say whether the pixels differ too.
        const pixels = file.endsWith(".png") && decode(a).rgba.equals(decode(b).rgba) ? "same pixels" : "different content";
        expect.fail(`${file} differs from a fresh run (${pixels}; zlib ${process.versions.zlib})`);
      }
    }
  });

  it("keeps the sample small", () => {
    const total = listFiles(sample).reduce((sum, file) => sum + statSync(join(sample, file)).size, 0);
    expect(total).toBeLessThan(1.5 * 1024 * 1024);
  });
});

describe("labelmaps", () => {
  it("are CVAT's dialect sorted by code point, or the index dialect", () => {
    expect(text(`${PUBLISHED}/labelmap.txt`)).toBe("# label:color_rgb:parts:actions\nTumor:250,50,83::\nbackground:0,0,0::\n");
    expect(text("segmentation-mask-1.1/labelmap.txt")).toBe(text(`${PUBLISHED}/labelmap.txt`));
    expect(text("index-masks/labelmap.txt")).toBe("0: Background\n1: Tumor\n");
    expect(text("multi-class/labelmap.txt")).toBe(
      "# label:color_rgb:parts:actions\nbackground:0,0,0::\nedema:255,204,51::\nenhancing:250,50,83::\nnecrosis:51,221,255::\n",
    );
  });
});

describe("images and the published layout", () => {
  it("has one 8-bit grey 256×256 slice per item, sub-folder kept", () => {
    expect(listFiles(join(sample, "images"))).toEqual(IDS.map((id) => `${id}.png`).sort());
    for (const id of IDS) {
      const image = decodeFile(`images/${id}.png`);
      expect([image.width, image.height, image.bitDepth, image.colorType]).toEqual([SIZE, SIZE, 8, 0]);
    }
  });

  it("writes RGB class masks in the label colour and VOC-palette object masks numbered 1..n", () => {
    for (const id of IDS) {
      const { classes, objects } = published(id);
      // An instance pixel is exactly a Tumor pixel: the object mask partitions the labelled pixels.
      expect(at(firstIndex(classes, (p) => (objects[p] !== 0) !== (classes[p] === 1))), id).toBeUndefined();
      const ids = [...new Set(objects)].filter((value) => value !== 0).sort((a, b) => a - b);
      expect(ids, id).toEqual(range(1, EXPECTED[id]!.tumor));
    }
  });

  it("draws tumours brighter than the rest of the head", () => {
    for (const id of IDS.filter((id) => EXPECTED[id]!.tumor > 0)) {
      const gray = grayOf(decodeFile(`images/${id}.png`));
      const { classes } = published(id);
      let tumour = 0;
      let tumourCount = 0;
      let head = 0;
      let headCount = 0;
      for (let p = 0; p < gray.length; p++) {
        if (classes[p] === 1) [tumour, tumourCount] = [tumour + gray[p]!, tumourCount + 1];
        else if (gray[p]! > 20) [head, headCount] = [head + gray[p]!, headCount + 1];
      }
      expect(tumour / tumourCount, id).toBeGreaterThan(head / headCount + 40);
    }
  });
});

describe("the cases real data has", () => {
  it("several tumours in one image", () => {
    expect(instanceCount(published("Y2").objects)).toBe(3);
    expect(instanceCount(published("Y9").objects)).toBe(4);
  });

  it("a ring-shaped tumour whose necrotic hole is background", () => {
    for (const id of ["Y3", "Y9", "scans/Y10"]) {
      const { classes, objects } = published(id);
      // The cored tumour is listed first in each of these images.
      const hole = holePixels(objects, 1);
      expect(hole.length, id).toBeGreaterThan(50);
      expect(hole.find((p) => classes[p] !== 0), `${id}: first non-background hole pixel`).toBeUndefined();
      // The multi-class variant labels the same hole necrosis.
      const multi = multiClass(id);
      expect(hole.find((p) => multi.classes[p] !== NECROSIS), `${id}: first hole pixel not necrosis`).toBeUndefined();
    }
  });

  it("two touching tumours that are separate instances", () => {
    for (const [id, a, b] of [["Y4", 1, 2], ["Y9", 2, 3]] as const) {
      const { classes, objects } = published(id);
      expect(adjacent(objects, a, b), id).toBe(true);
      // One 4-connected region of the class mask holds both: only the object mask separates them.
      const region = floodFill(classes, firstPixel(objects, a));
      expect(region.has(firstPixel(objects, b)), id).toBe(true);
    }
  });

  it("tumours cut by the image border", () => {
    const left = published("Y5").objects;
    const top = published("Y8").objects;
    expect(range(0, SIZE - 1).filter((y) => left[y * SIZE] === 1).length).toBeGreaterThan(10);
    expect(range(0, SIZE - 1).filter((x) => top[x] === 1).length).toBeGreaterThan(10);
  });

  it("a 1–3 pixel speck as its own isolated instance", () => {
    for (const [id, speckId, area] of [["Y6", 2, 2], ["Y9", 4, 3]] as const) {
      const { objects } = published(id);
      const pixels = pixelsOf(objects, speckId);
      expect(pixels.length, id).toBe(area);
      for (const p of pixels) {
        for (const q of neighbours8(p)) expect([0, speckId], `${id} around the speck`).toContain(objects[q]);
      }
    }
  });

  it("images without tumour: all-background masks, listed but not written by CVAT", () => {
    for (const id of ["N1", "scans/N2"]) {
      const { classes, objects } = published(id);
      expect(classes.every((value) => value === 0) && objects.every((value) => value === 0), id).toBe(true);
      const multi = multiClass(id);
      expect(multi.classes.every((value) => value === 0) && multi.objects.every((value) => value === 0), id).toBe(true);
    }
  });
});

describe("the index-mask variant", () => {
  it("holds 8-bit grey class ids and instance ids equal to the colour masks", () => {
    for (const id of IDS) {
      const classes = decodeFile(`index-masks/${CLASS_DIR}/${id}.png`);
      const objects = decodeFile(`index-masks/${OBJECT_DIR}/${id}.png`);
      expect([classes.bitDepth, classes.colorType, objects.bitDepth, objects.colorType]).toEqual([8, 0, 8, 0]);
      const expected = published(id);
      const [classValues, objectValues] = [grayOf(classes), grayOf(objects)];
      expect(at(firstIndex(classValues, (p) => classValues[p] !== expected.classes[p])), `${id} class`).toBeUndefined();
      expect(at(firstIndex(objectValues, (p) => objectValues[p] !== expected.objects[p])), `${id} object`).toBeUndefined();
    }
  });
});

describe("the Segmentation mask 1.1 copy", () => {
  it("lists every item in CVAT's order and writes PNGs only for annotated ones", () => {
    const ids = [...IDS].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    expect(text("segmentation-mask-1.1/ImageSets/Segmentation/default.txt")).toBe(ids.map((id) => `${id}\n`).join(""));
    const annotated = IDS.filter((id) => EXPECTED[id]!.tumor > 0).map((id) => `${id}.png`).sort();
    expect(listFiles(join(sample, "segmentation-mask-1.1/SegmentationClass"))).toEqual(annotated);
    expect(listFiles(join(sample, "segmentation-mask-1.1/SegmentationObject"))).toEqual(annotated);
    for (const id of IDS.filter((id) => EXPECTED[id]!.tumor > 0)) {
      const classes = decodeFile(`segmentation-mask-1.1/SegmentationClass/${id}.png`);
      const objects = decodeFile(`segmentation-mask-1.1/SegmentationObject/${id}.png`);
      expect(classes.colorType).toBe(2);
      expect(classes.rgba.equals(decodeFile(`${PUBLISHED}/${CLASS_DIR}/${id}.png`).rgba)).toBe(true);
      expect(objects.rgba.equals(decodeFile(`${PUBLISHED}/${OBJECT_DIR}/${id}.png`).rgba)).toBe(true);
    }
  });
});

describe("the multi-class variant", () => {
  it("has the promised instances of each class, each instance of one class", () => {
    for (const id of IDS) {
      const { classes, objects } = multiClass(id);
      expect(at(firstIndex(classes, (p) => (objects[p] !== 0) !== (classes[p] !== 0))), id).toBeUndefined();
      const classOf = new Map<number, number>();
      for (let p = 0; p < classes.length; p++) if (objects[p] !== 0 && !classOf.has(objects[p]!)) classOf.set(objects[p]!, classes[p]!);
      const mixed = firstIndex(classes, (p) => objects[p] !== 0 && classOf.get(objects[p]!) !== classes[p]);
      expect(at(mixed), `${id}: an instance with two classes`).toBeUndefined();
      const perClass = [0, 0, 0, 0];
      for (const label of classOf.values()) perClass[label]!++;
      const { edema, enhancing, necrosis } = EXPECTED[id]!;
      expect(perClass.slice(1), id).toEqual([edema, enhancing, necrosis]);
      expect([...classOf.keys()].sort((a, b) => a - b), id).toEqual(range(1, classOf.size));
    }
  });

  it("covers the Tumor pixels with edema and enhancing tissue; necrosis fills the holes", () => {
    for (const id of IDS) {
      const tumour = published(id).classes;
      const { classes } = multiClass(id);
      const wrong = firstIndex(classes, (p) => (tumour[p] === 1) !== (classes[p] === EDEMA || classes[p] === ENHANCING));
      expect(at(wrong), id).toBeUndefined();
    }
  });

  it("nests necrosis inside enhancing tissue inside edema (Y3)", () => {
    const { classes } = multiClass("Y3");
    const allowed: Record<number, number[]> = { [NECROSIS]: [NECROSIS, ENHANCING], [ENHANCING]: [NECROSIS, ENHANCING, EDEMA] };
    const outOfPlace = firstIndex(classes, (p) => neighbours4(p).some((q) => allowed[classes[p]!]?.includes(classes[q]!) === false));
    expect(at(outOfPlace)).toBeUndefined();
    expect(classes.includes(NECROSIS) && classes.includes(ENHANCING) && classes.includes(EDEMA)).toBe(true);
  });
});

// Reading the sample through core's own dataset reader must give the same instances.
describe("readMaskDataset on the sample", () => {
  const variants = [
    { folder: PUBLISHED, objects: (id: string) => published(id).objects, multi: false },
    { folder: "index-masks", objects: (id: string) => published(id).objects, multi: false },
    { folder: "segmentation-mask-1.1", objects: (id: string) => published(id).objects, multi: false },
    { folder: "multi-class", objects: (id: string) => multiClass(id).objects, multi: true },
  ];
  for (const { folder, objects, multi } of variants) {
    it(`finds every instance of ${folder} with the pixels of its object mask`, async () => {
      const dataset = await readMaskDataset(join(sample, folder), { images: join(sample, "images") });
      const names = new Map(dataset.labelmap.labels.map((label) => [label.id, label.name]));
      const seen: string[] = [];
      for await (const ref of dataset.refs()) {
        const loaded = await dataset.load(ref);
        seen.push(loaded.id);
        const expected = EXPECTED[loaded.id];
        expect(expected, `unexpected sample ${loaded.id}`).toBeDefined();
        expect([loaded.width, loaded.height, loaded.image?.fileName], loaded.id).toEqual([SIZE, SIZE, `${loaded.id}.png`]);
        const perLabel = new Map<string, number>();
        for (const instance of loaded.instances) {
          const name = names.get(instance.label) ?? "?";
          perLabel.set(name, (perLabel.get(name) ?? 0) + 1);
          // Same pixels as the object-mask id, decoded here independently with pngjs.
          const truth = pixelsOf(objects(loaded.id), instance.instanceId);
          expect(instance.area, `${loaded.id} instance ${instance.instanceId}`).toBe(truth.length);
          const { x, y, width } = instance.bbox;
          const inside = truth.every((p) => instance.bitmap.data[(Math.floor(p / SIZE) - y) * width + (p % SIZE) - x] === 1);
          expect(inside, `${loaded.id} instance ${instance.instanceId} pixels`).toBe(true);
        }
        const counts = multi
          ? { edema: perLabel.get("edema") ?? 0, enhancing: perLabel.get("enhancing") ?? 0, necrosis: perLabel.get("necrosis") ?? 0 }
          : { tumor: perLabel.get("Tumor") ?? 0 };
        const want = multi ? { edema: expected!.edema, enhancing: expected!.enhancing, necrosis: expected!.necrosis } : { tumor: expected!.tumor };
        expect(counts, loaded.id).toEqual(want);
      }
      // The 1.1 copy has no PNG for the unannotated items: with the images they are still samples,
      // in the order of ImageSets/Segmentation/default.txt.
      expect([...seen].sort(), folder).toEqual([...IDS].sort());
      if (folder === "segmentation-mask-1.1") {
        expect(seen.join("\n") + "\n").toBe(text("segmentation-mask-1.1/ImageSets/Segmentation/default.txt"));
      }
    });
  }
});

// --- internal ---

interface Decoded {
  readonly width: number;
  readonly height: number;
  readonly bitDepth: number;
  readonly colorType: number;
  readonly rgba: Buffer;
}

const cache = new Map<string, Decoded>();

/** Header fields straight from the IHDR bytes; pixels through pngjs (expanded to RGBA). */
function decode(bytes: Buffer): Decoded {
  const png = PNG.sync.read(bytes);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20), bitDepth: bytes[24]!, colorType: bytes[25]!, rgba: png.data };
}

function decodeFile(file: string): Decoded {
  let decoded = cache.get(file);
  if (!decoded) {
    decoded = decode(readFileSync(join(sample, file)));
    expect([decoded.width, decoded.height], file).toEqual([SIZE, SIZE]);
    cache.set(file, decoded);
  }
  return decoded;
}

function text(file: string): string {
  return readFileSync(join(sample, file), "utf8");
}

const rasters = new Map<string, { classes: Uint8Array; objects: Uint8Array }>();

/** The published Tumor masks as class values (1 = Tumor) and VOC instance ids. */
function published(id: string): { classes: Uint8Array; objects: Uint8Array } {
  return memo(`published ${id}`, () => readPublished(id));
}

function multiClass(id: string): { classes: Uint8Array; objects: Uint8Array } {
  return memo(`multi ${id}`, () => ({
    classes: mapColors(decodeFile(`${MULTI_CLASS_DIR}/${id}.png`), (color) => MULTI[color], id),
    objects: mapColors(decodeFile(`${MULTI_OBJECT_DIR}/${id}.png`), (color) => (VOC.includes(color) ? VOC.indexOf(color) : undefined), id),
  }));
}

function memo(key: string, make: () => { classes: Uint8Array; objects: Uint8Array }): { classes: Uint8Array; objects: Uint8Array } {
  let value = rasters.get(key);
  if (!value) {
    value = make();
    rasters.set(key, value);
  }
  return value;
}

function readPublished(id: string): { classes: Uint8Array; objects: Uint8Array } {
  const classPng = decodeFile(`${PUBLISHED}/${CLASS_DIR}/${id}.png`);
  const objectPng = decodeFile(`${PUBLISHED}/${OBJECT_DIR}/${id}.png`);
  expect([classPng.bitDepth, classPng.colorType, objectPng.bitDepth, objectPng.colorType]).toEqual([8, 2, 8, 2]);
  return {
    classes: mapColors(classPng, (color) => (color === TUMOR ? 1 : color === "0,0,0" ? 0 : undefined), id),
    objects: mapColors(objectPng, (color) => (VOC.includes(color) ? VOC.indexOf(color) : undefined), id),
  };
}

/** Maps each pixel's "R,G,B" through `lookup` (called once per distinct colour). */
function mapColors(png: Decoded, lookup: (color: string) => number | undefined, id: string): Uint8Array {
  const values = new Uint8Array(png.width * png.height);
  const known = new Map<number, number>();
  for (let p = 0; p < values.length; p++) {
    const key = (png.rgba[p * 4]! << 16) | (png.rgba[p * 4 + 1]! << 8) | png.rgba[p * 4 + 2]!;
    let value = known.get(key);
    if (value === undefined) {
      const color = `${key >> 16},${(key >> 8) & 255},${key & 255}`;
      value = lookup(color);
      if (value === undefined) expect.fail(`${id}: unexpected colour ${color} at ${at(p)}`);
      known.set(key, value);
    }
    values[p] = value;
  }
  return values;
}

function grayOf(png: Decoded): Uint8Array {
  const values = new Uint8Array(png.width * png.height);
  for (let p = 0; p < values.length; p++) values[p] = png.rgba[p * 4]!;
  return values;
}

function listFiles(dir: string): string[] {
  const files: string[] = [];
  const walk = (current: string): void => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.push(relative(dir, path).split(sep).join("/"));
    }
  };
  walk(dir);
  return files.sort();
}

/** First pixel index for which `test` holds, or -1. */
function firstIndex(values: Uint8Array, test: (p: number) => boolean): number {
  for (let p = 0; p < values.length; p++) if (test(p)) return p;
  return -1;
}

/** A pixel index as "(x, y)" for messages; undefined for -1. */
function at(p: number): string | undefined {
  return p === -1 ? undefined : `(${p % SIZE}, ${Math.floor(p / SIZE)})`;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(0, to - from + 1) }, (_, i) => from + i);
}

function instanceCount(objects: Uint8Array): number {
  return new Set(objects.filter((value) => value !== 0)).size;
}

function pixelsOf(objects: Uint8Array, id: number): number[] {
  const pixels: number[] = [];
  objects.forEach((value, p) => {
    if (value === id) pixels.push(p);
  });
  return pixels;
}

function firstPixel(objects: Uint8Array, id: number): number {
  return objects.indexOf(id);
}

function neighbours4(p: number): number[] {
  const x = p % SIZE;
  const y = Math.floor(p / SIZE);
  const result: number[] = [];
  if (x > 0) result.push(p - 1);
  if (x < SIZE - 1) result.push(p + 1);
  if (y > 0) result.push(p - SIZE);
  if (y < SIZE - 1) result.push(p + SIZE);
  return result;
}

function neighbours8(p: number): number[] {
  const x = p % SIZE;
  const y = Math.floor(p / SIZE);
  const result: number[] = [];
  for (let dy = -1; dy <= 1; dy++) {
    for (let dx = -1; dx <= 1; dx++) {
      const nx = x + dx;
      const ny = y + dy;
      if ((dx !== 0 || dy !== 0) && nx >= 0 && ny >= 0 && nx < SIZE && ny < SIZE) result.push(ny * SIZE + nx);
    }
  }
  return result;
}

function adjacent(objects: Uint8Array, a: number, b: number): boolean {
  return pixelsOf(objects, a).some((p) => neighbours4(p).some((q) => objects[q] === b));
}

/** The 4-connected region of equal value containing `start`. */
function floodFill(values: Uint8Array, start: number): Set<number> {
  const region = new Set([start]);
  const stack = [start];
  while (stack.length > 0) {
    for (const q of neighbours4(stack.pop()!)) {
      if (values[q] === values[start] && !region.has(q)) {
        region.add(q);
        stack.push(q);
      }
    }
  }
  return region;
}

/** Pixels not in instance `id` that no 4-path of such pixels connects to the image border. */
function holePixels(objects: Uint8Array, id: number): number[] {
  const outside = new Uint8Array(objects.length);
  const stack: number[] = [];
  for (let p = 0; p < objects.length; p++) {
    const x = p % SIZE;
    const y = Math.floor(p / SIZE);
    const border = x === 0 || y === 0 || x === SIZE - 1 || y === SIZE - 1;
    if (border && objects[p] !== id) {
      outside[p] = 1;
      stack.push(p);
    }
  }
  while (stack.length > 0) {
    for (const q of neighbours4(stack.pop()!)) {
      if (!outside[q] && objects[q] !== id) {
        outside[q] = 1;
        stack.push(q);
      }
    }
  }
  return range(0, objects.length - 1).filter((p) => !outside[p] && objects[p] !== id);
}
