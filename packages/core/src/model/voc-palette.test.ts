import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { vocColor, vocIndex } from "./voc-palette.ts";

describe("vocColor", () => {
  it("matches the Pascal VOC palette entries listed in FORMATS.md §1.4", () => {
    const expected: [number, [number, number, number]][] = [
      [0, [0, 0, 0]],
      [1, [128, 0, 0]],
      [2, [0, 128, 0]],
      [3, [128, 128, 0]],
      [4, [0, 0, 128]],
      [5, [128, 0, 128]],
      [6, [0, 128, 128]],
      [7, [128, 128, 128]],
      [8, [64, 0, 0]],
      [9, [192, 0, 0]],
      [10, [64, 128, 0]],
      [255, [224, 224, 192]],
    ];
    for (const [index, color] of expected) expect(vocColor(index), `index ${index}`).toEqual(color);
  });

  it("rejects indices outside 0..2^24-1", () => {
    expect(() => vocColor(-1)).toThrow(RangeError);
    expect(() => vocColor(1 << 24)).toThrow(RangeError);
    expect(() => vocColor(1.5)).toThrow(RangeError);
  });
});

describe("vocIndex", () => {
  it("inverts vocColor on every index", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: (1 << 24) - 1 }), (index) => {
        const [r, g, b] = vocColor(index);
        expect(vocIndex(r, g, b)).toBe(index);
      }),
    );
  });

  it("gives large indices to non-palette colours such as pure red", () => {
    // (255,0,0) sets every R bit: index bits 0, 3, …, 21.
    expect(vocIndex(255, 0, 0)).toBe(0b001001001001001001001001);
    expect(vocIndex(224, 224, 192)).toBe(255);
  });
});
