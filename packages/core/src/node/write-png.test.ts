import fc from "fast-check";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { writePng } from "./write-png.ts";

const size = fc.integer({ min: 1, max: 23 }).chain((width) => fc.integer({ min: 1, max: 17 }).map((height) => ({ width, height })));

describe("writePng", () => {
  it("writes 8-bit RGB with the same bytes as pngjs 7 with filter Up, and pngjs reads the raster back", () => {
    fc.assert(
      fc.property(
        size.chain(({ width, height }) =>
          // Bytes 0/1 (mask-like long runs) or arbitrary.
          fc.constantFrom(1, 255).chain((max) => fc.record({ width: fc.constant(width), height: fc.constant(height), rgb: fc.uint8Array({ minLength: 3 * width * height, maxLength: 3 * width * height, max }) })),
        ),
        ({ width, height, rgb }) => {
          const ours = writePng({ width, height, channels: 3, data: rgb });
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

  it("writes 8-bit and 16-bit gray that pngjs reads back value for value", () => {
    fc.assert(
      fc.property(
        size.chain(({ width, height }) =>
          fc.record({
            width: fc.constant(width),
            height: fc.constant(height),
            sixteen: fc.boolean(),
            values: fc.array(fc.integer({ min: 0, max: 65535 }), { minLength: width * height, maxLength: width * height }),
          }),
        ),
        ({ width, height, sixteen, values }) => {
          const data = sixteen ? Uint16Array.from(values) : Uint8Array.from(values, (v) => v & 0xff);
          const bytes = Buffer.from(writePng({ width, height, channels: 1, data }));
          // IHDR: bit depth at byte 24, colour type 0 (gray) at byte 25.
          expect([bytes[24], bytes[25]]).toEqual([sixteen ? 16 : 8, 0]);
          const back = PNG.sync.read(bytes, { skipRescale: true } as never);
          for (let p = 0; p < width * height; p++) expect(back.data[4 * p]).toBe(data[p]);
        },
      ),
      { numRuns: 150 },
    );
  });

  it("refuses a raster of the wrong length", () => {
    expect(() => writePng({ width: 2, height: 2, channels: 1, data: new Uint8Array(3) })).toThrow(RangeError);
  });
});
