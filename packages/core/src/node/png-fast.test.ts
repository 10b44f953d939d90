import fc from "fast-check";
import { crc32 } from "node:zlib";
import { describe, expect, it } from "vitest";
import { isMaskportError } from "../errors.ts";
import { encodePng, type EncodeOptions } from "./__fixtures__/encode-png.ts";
import { decodePng } from "./png.ts";
import { decodeSimplePng } from "./png-fast.ts";

const CHANNELS = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 } as const;

/** Random 8-bit, non-interlaced images of every colour type (the encoder cycles all five row filters). */
const images = fc
  .record({ width: fc.integer({ min: 1, max: 19 }), height: fc.integer({ min: 1, max: 13 }), colorType: fc.constantFrom(0 as const, 2 as const, 3 as const, 4 as const, 6 as const) })
  .chain(({ width, height, colorType }) =>
    fc.record({
      width: fc.constant(width),
      height: fc.constant(height),
      colorType: fc.constant(colorType),
      samples: fc.uint8Array({ minLength: width * height * CHANNELS[colorType], maxLength: width * height * CHANNELS[colorType], max: colorType === 3 ? 5 : 255 }),
    }),
  );
const PALETTE: [number, number, number][] = [
  [0, 0, 0],
  [250, 50, 83],
  [1, 2, 3],
  [255, 255, 255],
  [128, 0, 0],
  [0, 128, 0],
];

describe("decodeSimplePng (8-bit, non-interlaced fast path)", () => {
  it("returns exactly the written samples for every colour type and row filter", () => {
    fc.assert(
      fc.property(images, ({ width, height, colorType, samples }) => {
        const png = encodePng({ width, height, colorType, bitDepth: 8, samples, ...(colorType === 3 ? { palette: PALETTE } : {}) });
        const image = decodeSimplePng(png);
        if (image === undefined) throw new Error("fast path declined a plain 8-bit PNG");
        expect([image.width, image.height, image.bitDepth]).toEqual([width, height, 8]);
        const channels = CHANNELS[colorType];
        for (let p = 0; p < width * height; p++) {
          if (image.kind === "rgb") {
            // RGB(A) → four bytes per pixel; R, G, B are the samples (alpha ignored).
            for (let c = 0; c < 3; c++) expect(image.values[4 * p + c]).toBe(samples[p * channels + c]);
          } else {
            expect(image.values[p]).toBe(samples[p * channels]); // gray (alpha dropped) or palette index
          }
        }
        if (image.kind === "indexed") expect(Array.from(image.palette)).toEqual(PALETTE.flat());
        expect(image.kind).toBe(colorType === 3 ? "indexed" : colorType === 0 || colorType === 4 ? "gray" : "rgb");
      }),
      { numRuns: 200 },
    );
  });

  it("decodes RGB images whose rows repeat (the copy-the-row-above shortcut) exactly", () => {
    const rowsOf = fc.integer({ min: 1, max: 9 }).chain((width) =>
      fc.record({
        width: fc.constant(width),
        // Two candidate rows; each image row is one of them, so rows repeat often.
        choices: fc.array(fc.uint8Array({ minLength: 3 * width, maxLength: 3 * width, max: 3 }), { minLength: 2, maxLength: 2 }),
        pick: fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 1, maxLength: 12 }),
      }),
    );
    fc.assert(
      fc.property(rowsOf, ({ width, choices, pick }) => {
        const samples = pick.flatMap((i) => Array.from(choices[i] ?? []));
        const image = decodeSimplePng(encodePng({ width, height: pick.length, colorType: 2, bitDepth: 8, samples }));
        if (image === undefined || image.kind !== "rgb") throw new Error("expected an RGB image");
        for (let p = 0; p < width * pick.length; p++) for (let c = 0; c < 3; c++) expect(image.values[4 * p + c]).toBe(samples[3 * p + c]);
      }),
      { numRuns: 200 },
    );
  });

  const plain: EncodeOptions = { width: 3, height: 2, colorType: 2, bitDepth: 8, samples: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18] };

  it("declines what it does not handle: 16-bit, sub-byte, interlaced", () => {
    expect(decodeSimplePng(encodePng({ ...plain, bitDepth: 16 }))).toBeUndefined();
    expect(decodeSimplePng(encodePng({ width: 8, height: 1, colorType: 0, bitDepth: 1, samples: [1, 0, 1, 0, 1, 0, 1, 0] }))).toBeUndefined();
    expect(decodeSimplePng(encodePng({ ...plain, interlace: true }))).toBeUndefined();
  });

  it("declines a corrupt chunk (bad CRC), and decodePng still reports it through pngjs as PNG_UNREADABLE naming the file", () => {
    const png = encodePng(plain).slice();
    // The first IDAT's data starts after the signature (8) and IHDR (25) plus IDAT length/type (8).
    png[8 + 25 + 8] = (png[8 + 25 + 8] ?? 0) ^ 0xff;
    expect(decodeSimplePng(png)).toBeUndefined();
    try {
      decodePng(png, "masks/bad.png");
      throw new Error("expected an error");
    } catch (error) {
      if (!isMaskportError(error)) throw error;
      expect(error.code).toBe("PNG_UNREADABLE");
      expect(error.message).toContain("masks/bad.png");
    }
  });

  it("declines image data longer than the rows it declares, and decodePng refuses it", () => {
    // Claim one row in IHDR while IDAT holds two: zlib must find the surplus, not stop at the
    // declared size (the fast path sizes its inflate buffer one byte past the rows).
    const png = encodePng(plain).slice();
    const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
    view.setUint32(8 + 8 + 4, 1); // IHDR height
    view.setUint32(8 + 8 + 13, crc32(png.subarray(8 + 4, 8 + 8 + 13)));
    expect(decodeSimplePng(png)).toBeUndefined();
    try {
      decodePng(png, "masks/long.png");
      throw new Error("expected an error");
    } catch (error) {
      if (!isMaskportError(error)) throw error;
      expect(error.code).toBe("PNG_UNREADABLE");
      expect(error.file).toBe("masks/long.png");
      expect(error.message).toContain("image data longer than the declared 3×1 rows");
    }
  });

  it("declines truncated data", () => {
    const png = encodePng(plain);
    expect(decodeSimplePng(png.subarray(0, png.length - 20))).toBeUndefined();
  });
});
