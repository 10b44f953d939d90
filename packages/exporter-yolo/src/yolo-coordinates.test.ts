import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeCoordinate, encodeCoordinate } from "./yolo-coordinates.ts";

/**
 * Computed with numpy 2.4 as Ultralytics decodes: `(np.array([token], dtype=np.float32) * size)
 * .astype(np.int32)` — not by maskport.
 */
const NUMPY_DECODES: readonly (readonly [string, number, number])[] = [
  ["0.2406", 640, 153], ["0.000000", 3, 0], ["0.285714", 7, 1], ["0.67", 3, 2], ["0.07", 1000, 70],
  ["0.5714", 7, 3], ["0.7", 3, 2], ["0.670833", 240, 160], ["0.666667", 3, 2], ["0.05", 1000, 50],
  ["0.84", 512, 430], ["0.235352", 4096, 964], ["0.4", 512, 204], ["0.57", 65535, 37354],
  ["0.154688", 640, 99], ["0.6", 7, 4], ["0.2060", 65535, 13500], ["0.855", 4096, 3502],
  ["0.6245", 1920, 1199], ["0.48", 640, 307], ["0.89", 100, 89], ["0.571", 7, 3],
  // %.6f of k/size landing one pixel low after float32 rounding: 0.53 → 0.52999997 → 52.999996 → 52.
  ["0.530000", 100, 52],
  // float32 gives 29 here, float64 would give 28 (0.29 × 100 = 28.999999999999996).
  ["0.29", 100, 29],
  // Ultralytics' tolerance band: truncation is toward zero.
  ["1.005", 640, 643], ["-0.005", 640, -3],
];

/** An independent float32 decode through a Float32Array (no Math.fround). */
function float32Decode(token: string, size: number): number {
  const cell = new Float32Array(1);
  cell[0] = Number(token);
  cell[0] = (cell[0] as number) * size;
  return Math.trunc(cell[0] as number);
}

describe("decodeCoordinate", () => {
  it.each(NUMPY_DECODES)("%s × %i → %i as numpy float32 + int32 gives", (token, size, expected) => {
    expect(decodeCoordinate(token, size)).toBe(expected);
  });
});

describe("encodeCoordinate", () => {
  it("writes the shortest decimal that lands inside the pixel (hand-checked)", () => {
    expect(encodeCoordinate(0, 640)).toBe("0");
    // 4 px: pixel 1 is [0.25, 0.5); one digit suffices and 0.4 is nearest the middle 0.375.
    expect(encodeCoordinate(1, 4)).toBe("0.4");
    expect(encodeCoordinate(3, 4)).toBe("0.9");
    // 100 px, pixel 53: "0.53" truncates to 52 (see NUMPY_DECODES), so two digits cannot be 0.53.
    expect(encodeCoordinate(53, 100)).toBe("0.535");
    // 100 px, pixel 29: "0.29" is 29 in float32 but 28 in float64; the encoder avoids it.
    expect(encodeCoordinate(29, 100)).toBe("0.295");
  });

  it("round-trips every pixel index under float32 and float64 decodes, inside [0, 1), with no shorter decimal possible", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20_000 }), fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), (size, where) => {
        const index = Math.floor(where * size);
        const text = encodeCoordinate(index, size);
        expect(float32Decode(text, size)).toBe(index);
        expect(Math.trunc(Number(text) * size)).toBe(index);
        const value = Number(text);
        expect(value >= 0 && value < 1).toBe(true);
        expect(text).toMatch(/^0(\.\d*[1-9])?$/);
        const digits = text.includes(".") ? text.length - 2 : 0;
        if (digits > 1) {
          // Every decimal with one digit fewer inside the pixel must fail one of the two decodes.
          const scale = 10 ** (digits - 1);
          for (let n = Math.floor((index / size) * scale) - 1; n <= Math.ceil(((index + 1) / size) * scale) + 1; n++) {
            if (n < 0 || n >= scale) continue;
            const shorter = (n / scale).toFixed(digits - 1);
            const ok = float32Decode(shorter, size) === index && Math.trunc(Number(shorter) * size) === index;
            expect(ok, `${shorter} would also decode to ${index} of ${size}`).toBe(false);
          }
        }
      }),
      { numRuns: 3000 },
    );
  });

  it("rejects an index outside the image", () => {
    expect(() => encodeCoordinate(10, 10)).toThrow(RangeError);
    expect(() => encodeCoordinate(-1, 10)).toThrow(RangeError);
  });
});
