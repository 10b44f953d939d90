import fc from "fast-check";
import { deflateSync } from "node:zlib";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { writePng } from "../png/write-png.ts";

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

describe("writePng at mask sizes", () => {
  it("compresses a 512×512 mask-like raster to the very bytes of Node's native zlib (level 9, RLE strategy)", () => {
    // pako is a port of zlib; native zlib is the independent reference for its bytes.
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.constantFrom<1 | 3>(1, 3), (seed, channels) => {
        const width = 512;
        const height = 512;
        const data = new Uint8Array(width * height * channels);
        let state = seed;
        const next = (): number => (state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32;
        // Blobs of a few labels over background, as masks are.
        for (let blob = 0; blob < 6; blob++) {
          const [cx, cy, r, value] = [next() * width, next() * height, 5 + next() * 80, 1 + Math.floor(next() * 254)];
          for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) if ((x - cx) ** 2 + (y - cy) ** 2 < r * r) data.fill(value, (y * width + x) * channels, (y * width + x + 1) * channels);
        }
        const png = writePng({ width, height, channels, data });
        const rowBytes = width * channels;
        const filtered = new Uint8Array((rowBytes + 1) * height);
        for (let y = 0; y < height; y++) {
          filtered[y * (rowBytes + 1)] = 2;
          for (let i = 0; i < rowBytes; i++) filtered[y * (rowBytes + 1) + 1 + i] = (data[y * rowBytes + i] as number) - (y === 0 ? 0 : (data[(y - 1) * rowBytes + i] as number));
        }
        const idat = deflateSync(filtered, { level: 9, strategy: 3 });
        // Signature 8 + IHDR chunk 25, then IDAT's length, type, data.
        expect(Buffer.from(png.subarray(41, 41 + idat.length)).equals(idat)).toBe(true);
        expect(new DataView(png.buffer, png.byteOffset).getUint32(33)).toBe(idat.length);
      }),
      { numRuns: 12 },
    );
  });
});
