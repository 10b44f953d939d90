import fc from "fast-check";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { encodeRgbPng } from "./encode-rgb-png.ts";

describe("encodeRgbPng", () => {
  it("writes the same bytes as pngjs 7 with filter Up, and pngjs reads the raster back", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 23 }).chain((width) =>
          fc.integer({ min: 1, max: 17 }).chain((height) =>
            // Bytes 0/1 (mask-like long runs) or arbitrary.
            fc.constantFrom(1, 255).chain((max) => fc.record({ width: fc.constant(width), height: fc.constant(height), rgb: fc.uint8Array({ minLength: 3 * width * height, maxLength: 3 * width * height, max }) })),
          ),
        ),
        ({ width, height, rgb }) => {
          const ours = encodeRgbPng(width, height, rgb);
          const png = { width, height, data: Buffer.from(rgb) } as PNG;
          const reference = PNG.sync.write(png, { colorType: 2, inputColorType: 2, inputHasAlpha: false, bitDepth: 8, filterType: 2 });
          expect(Buffer.from(ours).equals(reference)).toBe(true);
          const back = PNG.sync.read(Buffer.from(ours));
          expect([back.width, back.height]).toEqual([width, height]);
          for (let p = 0; p < width * height; p++) for (let c = 0; c < 3; c++) expect(back.data[4 * p + c]).toBe(rgb[3 * p + c]);
        },
      ),
      { numRuns: 150 },
    );
  });
});
