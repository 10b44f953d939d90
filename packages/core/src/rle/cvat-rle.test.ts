import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeCvatRle, encodeCvatRle } from "./cvat-rle.ts";

describe("CVAT mask RLE", () => {
  it("encodes FORMATS.md §3.4 by hand: box rows 110/111/010 → 0, 2, 1, 3, 1, 1, 1", () => {
    const crop = { width: 3, height: 3, data: Uint8Array.from([1, 1, 0, 1, 1, 1, 0, 1, 0]) };
    expect(encodeCvatRle(crop)).toEqual([0, 2, 1, 3, 1, 1, 1]);
  });
  it("starts with a 0-run and ends with whatever run the last pixel is in", () => {
    expect(encodeCvatRle({ width: 2, height: 1, data: Uint8Array.from([0, 1]) })).toEqual([1, 1]);
    expect(encodeCvatRle({ width: 2, height: 1, data: Uint8Array.from([0, 0]) })).toEqual([2]);
  });
  it("decodes zero-length runs and non-tight boxes as real CVAT exports have them", () => {
    // A 3×2 box whose first row is empty, written with an explicit zero-length 1-run.
    const bitmap = decodeCvatRle([0, 0, 3, 2, 1], 3, 2);
    expect([...bitmap.data]).toEqual([0, 0, 0, 1, 1, 0]);
  });
  it("rejects runs that do not sum to width·height, naming the box", () => {
    expect(() => decodeCvatRle([1, 2], 2, 2, "annotations.xml")).toThrow(/annotations\.xml: mask RLE runs sum to 3, but the box is 2×2 = 4 pixels/);
  });
  it("round-trips any box", () => {
    const bitmap = fc
      .record({ width: fc.integer({ min: 1, max: 20 }), height: fc.integer({ min: 1, max: 20 }) })
      .chain(({ width, height }) => fc.uint8Array({ minLength: width * height, maxLength: width * height, max: 1 }).map((data) => ({ width, height, data })));
    fc.assert(
      fc.property(bitmap, (m) => {
        const runs = encodeCvatRle(m);
        expect(runs.reduce((a, b) => a + b, 0)).toBe(m.width * m.height);
        expect(decodeCvatRle(runs, m.width, m.height).data).toEqual(m.data);
      }),
    );
  });
});
