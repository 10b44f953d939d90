import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import {
  cocoRleArea,
  cocoRleBbox,
  compressCounts,
  decodeCocoRle,
  decompressCounts,
  encodeCocoRle,
  encodeCocoRleFromBitmap,
} from "./coco-rle.ts";

const golden = new URL("../../../../fixtures/golden/", import.meta.url);
interface GoldenObject {
  value: number;
  counts: string;
  counts_uncompressed?: number[];
  area: number;
  bbox: number[];
}
interface GoldenFile {
  file: string;
  width: number;
  height: number;
  objects: GoldenObject[];
}
const goldenJson = JSON.parse(readFileSync(fileURLToPath(new URL("golden.json", golden)), "utf8")) as {
  files: GoldenFile[];
};

function grayPixels(file: string): { width: number; height: number; gray: Uint8Array } {
  const png = PNG.sync.read(readFileSync(fileURLToPath(new URL(file, golden))));
  const gray = new Uint8Array(png.width * png.height);
  for (let i = 0; i < gray.length; i++) gray[i] = png.data[i * 4] ?? 0;
  return { width: png.width, height: png.height, gray };
}

describe("COCO RLE against pycocotools' golden vectors", () => {
  for (const file of goldenJson.files) {
    it(`${file.file}: every object matches counts, area and bbox byte for byte`, () => {
      const { width, height, gray } = grayPixels(file.file);
      expect([width, height]).toEqual([file.width, file.height]);
      for (const object of file.objects) {
        const data = gray.map((v) => (v === object.value ? 1 : 0));
        const rle = encodeCocoRleFromBitmap({ width, height, data });
        if (object.counts_uncompressed) expect(rle.counts).toEqual(object.counts_uncompressed);
        expect(compressCounts(rle.counts)).toBe(object.counts);
        expect(cocoRleArea(rle.counts)).toBe(object.area);
        expect(cocoRleBbox(rle)).toEqual(object.bbox);
        expect(decompressCounts(object.counts)).toEqual(rle.counts);
      }
    });
  }
});

describe("COCO RLE worked example (FORMATS.md §2.7)", () => {
  // 0110 / 0111 / 0010, h=3, w=4
  const data = Uint8Array.from([0, 1, 1, 0, 0, 1, 1, 1, 0, 0, 1, 0]);
  it("encodes to the hand-computed counts and string", () => {
    const rle = encodeCocoRleFromBitmap({ width: 4, height: 3, data });
    expect(rle.size).toEqual([3, 4]);
    expect(rle.counts).toEqual([3, 2, 1, 3, 1, 1, 1]);
    expect(compressCounts(rle.counts)).toBe("32110N0");
    expect(cocoRleArea(rle.counts)).toBe(6);
    expect(cocoRleBbox(rle)).toEqual([1, 0, 3, 3]);
  });
  it("a crop placed in the frame encodes like the full frame", () => {
    const crop = { width: 3, height: 3, data: Uint8Array.from([1, 1, 0, 1, 1, 1, 0, 1, 0]) };
    expect(encodeCocoRle(crop, { x: 1, y: 0 }, 4, 3).counts).toEqual([3, 2, 1, 3, 1, 1, 1]);
  });
  it("a first pixel that is set gives a leading 0-run", () => {
    expect(encodeCocoRleFromBitmap({ width: 1, height: 1, data: Uint8Array.of(1) }).counts).toEqual([0, 1]);
    expect(compressCounts([0, 1])).toBe("01");
  });
});

describe("COCO RLE properties", () => {
  const bitmap = fc
    .record({ width: fc.integer({ min: 1, max: 24 }), height: fc.integer({ min: 1, max: 24 }) })
    .chain(({ width, height }) =>
      fc.uint8Array({ minLength: width * height, maxLength: width * height, max: 1 }).map((data) => ({ width, height, data })),
    );
  it("decode(encode(m)) === m and string round trip", () => {
    fc.assert(
      fc.property(bitmap, (m) => {
        const rle = encodeCocoRleFromBitmap(m);
        expect(decompressCounts(compressCounts(rle.counts))).toEqual(rle.counts);
        expect(decodeCocoRle(rle).data).toEqual(m.data);
      }),
      { numRuns: 500 },
    );
  });
  it("compress/decompress round-trips arbitrary large counts", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 2 ** 40 }), { maxLength: 20 }), (counts) => {
        expect(decompressCounts(compressCounts(counts))).toEqual(counts);
      }),
    );
  });
  it("rejects counts that do not sum to h·w", () => {
    expect(() => decodeCocoRle({ size: [2, 2], counts: [1, 2] })).toThrow(/sum to 3/);
  });
});

describe("COCO RLE of crops placed in a frame", () => {
  const placed = fc
    .record({ width: fc.integer({ min: 1, max: 16 }), height: fc.integer({ min: 1, max: 16 }) })
    .chain(({ width, height }) =>
      fc.record({
        width: fc.constant(width),
        height: fc.constant(height),
        x: fc.integer({ min: 0, max: width - 1 }),
        y: fc.integer({ min: 0, max: height - 1 }),
        cw: fc.integer({ min: 1, max: width }),
        ch: fc.integer({ min: 1, max: height }),
        seed: fc.uint8Array({ minLength: 256, maxLength: 256, max: 1 }),
      }),
    );
  it("equals the full-frame encoding of the same pixels, crops touching any border included", () => {
    fc.assert(
      fc.property(placed, ({ width, height, x, y, cw, ch, seed }) => {
        const w = Math.min(cw, width - x);
        const h = Math.min(ch, height - y);
        const crop = { width: w, height: h, data: seed.slice(0, w * h) };
        const frame = new Uint8Array(width * height);
        for (let r = 0; r < h; r++) for (let c = 0; c < w; c++) frame[(y + r) * width + x + c] = crop.data[r * w + c] ?? 0;
        expect(encodeCocoRle(crop, { x, y }, width, height).counts).toEqual(encodeCocoRleFromBitmap({ width, height, data: frame }).counts);
      }),
      { numRuns: 1000 },
    );
  });
  it("closes a ones-run at the bottom edge before the next column's zeros (hand-computed)", () => {
    // 2×2 image, crop = right column fully set at x=1: column-major 0,0,1,1 → [2, 2]
    expect(encodeCocoRle({ width: 1, height: 2, data: Uint8Array.of(1, 1) }, { x: 1, y: 0 }, 2, 2).counts).toEqual([2, 2]);
    // 2×3 image (h=3, w=2), crop 1×1 at (0,2): column-major 0,0,1 | 0,0,0 → [2, 1, 3]
    expect(encodeCocoRle({ width: 1, height: 1, data: Uint8Array.of(1) }, { x: 0, y: 2 }, 2, 3).counts).toEqual([2, 1, 3]);
  });
});
