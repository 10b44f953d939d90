import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encodeCropCounts } from "./encode-crop-rle.ts";

/** The definition: scan the full frame column by column, counting alternating runs from 0. */
function naiveCounts(frame: Uint8Array, width: number, height: number): number[] {
  const counts: number[] = [];
  let value = 0;
  let run = 0;
  for (let x = 0; x < width; x++) {
    for (let y = 0; y < height; y++) {
      const pixel = frame[y * width + x]!;
      if (pixel !== value) {
        counts.push(run);
        run = 0;
        value = pixel;
      }
      run++;
    }
  }
  counts.push(run);
  return counts;
}

describe("encodeCropCounts", () => {
  it("matches the full-frame definition for any crop placement (borders included)", () => {
    const scene = fc
      .record({ width: fc.integer({ min: 1, max: 12 }), height: fc.integer({ min: 1, max: 12 }) })
      .chain(({ width, height }) =>
        fc
          .record({ x: fc.nat(width - 1), y: fc.nat(height - 1) })
          .chain(({ x, y }) =>
            fc.record({
              width: fc.constant(width),
              height: fc.constant(height),
              x: fc.constant(x),
              y: fc.constant(y),
              cw: fc.integer({ min: 1, max: width - x }),
              ch: fc.integer({ min: 1, max: height - y }),
              seed: fc.array(fc.boolean(), { minLength: 144, maxLength: 144 }),
            }),
          ),
      );
    fc.assert(
      fc.property(scene, ({ width, height, x, y, cw, ch, seed }) => {
        const crop = Uint8Array.from({ length: cw * ch }, (_, i) => (seed[i] ? 1 : 0));
        const frame = new Uint8Array(width * height);
        for (let cy = 0; cy < ch; cy++) for (let cx = 0; cx < cw; cx++) frame[(cy + y) * width + cx + x] = crop[cy * cw + cx]!;
        expect(encodeCropCounts({ width: cw, height: ch, data: crop }, { x, y }, width, height)).toEqual(naiveCounts(frame, width, height));
      }),
      { numRuns: 500 },
    );
  });

  it("keeps the zero rows above and the columns to the right out of a run of ones (crop touching the bottom)", () => {
    // 3×3 image, crop 1×2 at (0, 1) all ones: column 0 = 0,1,1; columns 1–2 zero.
    expect(encodeCropCounts({ width: 1, height: 2, data: Uint8Array.of(1, 1) }, { x: 0, y: 1 }, 3, 3)).toEqual([1, 2, 6]);
    // 2×2 image, crop 2×1 at (0, 1): 0,1 | 0,1
    expect(encodeCropCounts({ width: 2, height: 1, data: Uint8Array.of(1, 1) }, { x: 0, y: 1 }, 2, 2)).toEqual([1, 1, 1, 1]);
  });
});
