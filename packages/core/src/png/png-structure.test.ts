import { crc32, deflateSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { encodePng, headerData, pngFromChunks } from "../node/__fixtures__/encode-png.ts";
import { checkPixelLimit, DEFAULT_MAX_PIXELS, MAX_PIXELS_ENV, maxPixels } from "./pixel-limit.ts";
import { decodePng } from "./png.ts";
import { readPngStructure } from "./png-structure.ts";
import { caught } from "../node/__fixtures__/caught.ts";

/** A PNG whose header declares `width`×`height` while its image data inflates to `rawLength` zero bytes. */
function lyingPng(width: number, height: number, rawLength: number, colorType = 2, bitDepth = 8, interlace = false): Uint8Array {
  return pngFromChunks([
    ["IHDR", headerData(width, height, bitDepth, colorType, interlace)],
    ["IDAT", deflateSync(new Uint8Array(rawLength))],
    ["IEND", new Uint8Array(0)],
  ]);
}

const MB = 1024 * 1024;

afterEach(() => {
  delete process.env[MAX_PIXELS_ENV];
});

describe("decodePng on hostile headers: memory bounded by what is really there", () => {
  it("refuses a tiny PNG declaring 30000×30000 at once (IMAGE_TOO_LARGE naming the file), without allocating for it", () => {
    const huge = lyingPng(30000, 30000, 100);
    expect(huge.length).toBeLessThan(200);
    const rss = process.memoryUsage().rss;
    const buffers = process.memoryUsage().arrayBuffers;
    const started = performance.now();
    for (let i = 0; i < 10; i++) {
      const error = caught(() => decodePng(huge, "masks/huge.png"));
      expect(error.code).toBe("IMAGE_TOO_LARGE");
      expect(error.file).toBe("masks/huge.png");
      expect(error.message).toBe("masks/huge.png: declares 30000×30000 pixels (900 megapixels), above the limit of 250 megapixels");
      expect(error.hint).toContain("--max-pixels 900000000");
    }
    // The claim: 2.7 GB of RGB rows; ten refusals must not come near it.
    expect(performance.now() - started).toBeLessThan(1000);
    expect(process.memoryUsage().rss - rss).toBeLessThan(64 * MB);
    expect(process.memoryUsage().arrayBuffers - buffers).toBeLessThan(16 * MB);
  });

  it("with the limit raised, still refuses image data that cannot inflate to the declared size, before inflating it", () => {
    process.env[MAX_PIXELS_ENV] = "2000000000";
    const buffers = process.memoryUsage().arrayBuffers;
    for (const [width, height, colorType] of [
      [30000, 30000, 2],
      [15000, 15000, 6], // under the default limit: 900 MB of RGBA rows claimed by a 100-byte file
    ] as const) {
      const error = caught(() => decodePng(lyingPng(width, height, 100, colorType), "masks/lies.png"));
      expect(error.code).toBe("PNG_UNREADABLE");
      expect(error.message).toMatch(/^masks\/lies\.png: cannot read PNG \(\d+ bytes\): truncated or corrupt: \d+ bytes of compressed image data cannot hold the \d+×\d+ image it declares/);
    }
    expect(process.memoryUsage().arrayBuffers - buffers).toBeLessThan(16 * MB);
  });

  it("refuses image data that inflates to fewer bytes than the declared rows: an error, never zero rows", () => {
    // 100×100 gray needs 100 × 101 bytes; the data holds 5,000. 8-bit (the fast path declines,
    // pngjs refuses), 16-bit and interlaced (pngjs only).
    for (const [bitDepth, interlace, needed] of [
      [8, false, 10100],
      [16, false, 20100],
      [8, true, 10188], // the seven Adam7 passes: 182 + 169 + 312 + 650 + 1275 + 2550 + 5050
    ] as const) {
      const error = caught(() => decodePng(lyingPng(100, 100, 5000, 0, bitDepth, interlace), "short.png"));
      expect(error.code, `${bitDepth} ${interlace}`).toBe("PNG_UNREADABLE");
      expect(error.message).toContain(`short.png: cannot read PNG (`);
      expect(error.message).toContain(`truncated: the image data inflates to 5000 bytes, but the 100×100 image it declares needs ${needed}`);
    }
  });

  it("accepts a legitimate 16384×12000 gray mask's header (under the default limit)", () => {
    expect(16384 * 12000).toBeLessThan(DEFAULT_MAX_PIXELS);
    const structure = readPngStructure(lyingPng(16384, 12000, 16385 * 12000, 0), "big.png");
    expect([structure.width, structure.height, structure.inflatedLength]).toEqual([16384, 12000, 16385 * 12000]);
  });
});

describe("decodePng says what is wrong with a broken file", () => {
  const valid = encodePng({ width: 4, height: 4, colorType: 0, bitDepth: 8, samples: new Uint8Array(16).fill(1) });
  const reason = (bytes: Uint8Array): string => {
    const error = caught(() => decodePng(bytes, "bad.png"));
    expect(error.code).toBe("PNG_UNREADABLE");
    expect(error.file).toBe("bad.png");
    expect(error.message).toMatch(/^bad\.png: cannot read PNG \(\d+ bytes\): /);
    return error.message.replace(/^bad\.png: cannot read PNG \(\d+ bytes\): /, "");
  };

  it("names truncation, the chunk with a bad CRC, a missing IEND, a file that is no PNG", () => {
    // Signature (8) and IHDR (25): the first IDAT starts at byte 33.
    expect(reason(valid.subarray(0, 45))).toMatch(/^truncated: chunk IDAT at byte 33 declares \d+ bytes, the file holds \d+ of them$/);
    const corrupt = valid.slice();
    corrupt[42] = (corrupt[42] ?? 0) ^ 0xff;
    expect(reason(corrupt)).toBe("bad CRC in chunk IDAT at byte 33: the file is corrupt");
    expect(reason(valid.subarray(0, valid.length - 12))).toBe("truncated: the file ends after chunk IDAT, before the IEND chunk");
    expect(reason(new TextEncoder().encode("<html>not found</html>"))).toBe("not a PNG file (it does not start with the PNG signature)");
    expect(reason(new Uint8Array(0))).toBe("the file is empty");
    expect(reason(pngFromChunks([["IHDR", headerData(4, 4, 8, 0)], ["IEND", new Uint8Array(0)]]))).toBe("no image data (no IDAT chunk)");
    expect(reason(pngFromChunks([["IHDR", headerData(4, 4, 3, 2)], ["IDAT", deflateSync(new Uint8Array(20))], ["IEND", new Uint8Array(0)]]))).toBe(
      "corrupt: bit depth 3 is not allowed for colour type 2",
    );
  });

  it("names a compressed stream cut short inside an intact chunk, and a corrupt one", () => {
    // 16-bit gray 4×4: 4 rows of 1 + 8 bytes. Random rows compress badly, so a cut loses rows.
    const rows = Uint8Array.from({ length: 36 }, (_, i) => (i % 9 === 0 ? 0 : (i * 97) % 251));
    const data = deflateSync(rows);
    const png = (idat: Uint8Array): Uint8Array => pngFromChunks([["IHDR", headerData(4, 4, 16, 0)], ["IDAT", idat], ["IEND", new Uint8Array(0)]]);
    expect(decodePng(png(data), "ok.png").width).toBe(4);
    expect(reason(png(data.subarray(0, 20)))).toMatch(/^truncated: the image data inflates to \d+ bytes, but the 4×4 image it declares needs 36$/);
    expect(reason(png(Uint8Array.from([0x78, 0x9c, 0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0])))).toMatch(/^corrupt image data \(zlib: .+\)$/);
  });

  it("refuses image data longer than the declared rows, and inflates a zlib bomb no further than one byte past them", () => {
    // 3×2 RGB needs 2 × 10 bytes: one more row, 64 MB of zeros (8-bit: the fast path declines, pngjs
    // refuses), 16-bit and interlaced (pngjs only).
    expect(reason(lyingPng(3, 2, 30))).toBe("image data longer than the declared 3×2 rows");
    expect(reason(lyingPng(3, 2, 200, 2, 16))).toBe("image data longer than the declared 3×2 rows");
    expect(reason(lyingPng(1, 1, 12, 2, 8, true))).toBe("image data longer than the declared 1×1 rows (of its Adam7 passes)");
    // 64 MB of zeros in 64 KB: refused after inflating 21 bytes (the CLI corpus measures its memory).
    expect(reason(lyingPng(3, 2, 64 << 20))).toBe("image data longer than the declared 3×2 rows");
  });

  it("refuses a PLTE of more than 256 entries, of a length that is not a multiple of 3, after IDAT, or twice", () => {
    const idat = deflateSync(Uint8Array.from([0, 0, 1]));
    const palette = (...chunks: [string, Uint8Array][]): Uint8Array => pngFromChunks([["IHDR", headerData(2, 1, 8, 3)], ...chunks, ["IEND", new Uint8Array(0)]]);
    const entries = (n: number): Uint8Array => new Uint8Array(n);
    expect(decodePng(palette(["PLTE", entries(6)], ["IDAT", idat]), "ok.png").width).toBe(2);
    expect(decodePng(palette(["PLTE", entries(256 * 3)], ["IDAT", idat]), "ok.png").width).toBe(2);
    expect(reason(palette(["PLTE", entries(257 * 3)], ["IDAT", idat]))).toBe("corrupt: the PLTE chunk at byte 33 holds 771 bytes, not 1 to 256 RGB entries of 3 bytes");
    expect(reason(palette(["PLTE", entries(4)], ["IDAT", idat]))).toBe("corrupt: the PLTE chunk at byte 33 holds 4 bytes, not 1 to 256 RGB entries of 3 bytes");
    expect(reason(palette(["PLTE", entries(0)], ["IDAT", idat]))).toBe("corrupt: the PLTE chunk at byte 33 holds 0 bytes, not 1 to 256 RGB entries of 3 bytes");
    expect(reason(palette(["IDAT", idat], ["PLTE", entries(6)]))).toMatch(/^corrupt: chunk PLTE at byte \d+ comes after the image data \(IDAT\)$/);
    expect(reason(palette(["PLTE", entries(6)], ["PLTE", entries(6)], ["IDAT", idat]))).toBe("corrupt: a second PLTE chunk at byte 51");
  });

  it("ignores bytes after IEND, as libpng does", () => {
    const trailing = new Uint8Array(valid.length + 5);
    trailing.set(valid);
    const image = decodePng(trailing, "t.png");
    expect([image.kind, image.width, [...image.values]]).toEqual(["gray", 4, Array.from({ length: 16 }, () => 1)]);
    // The CRC check covers type and data: a valid file passes it.
    expect(crc32(valid.subarray(12, 29))).toBe(new DataView(valid.buffer).getUint32(29));
  });
});

describe("the pixel limit", () => {
  it("defaults to 250 megapixels, is raised by MASKPORT_MAX_PIXELS, and refuses a bad value", () => {
    expect(maxPixels()).toBe(250_000_000);
    expect(() => checkPixelLimit(16384, 12000, "ok.png")).not.toThrow();
    process.env[MAX_PIXELS_ENV] = "1000";
    expect(caught(() => checkPixelLimit(40, 26, "big.png")).message).toBe("big.png: declares 40×26 pixels (0.00104 megapixels), above the limit of 0.001 megapixels");
    process.env[MAX_PIXELS_ENV] = "lots";
    const error = caught(() => maxPixels());
    expect([error.code, error.message]).toEqual(["INVALID_OPTION", 'MASKPORT_MAX_PIXELS="lots" is not a whole number of pixels ≥ 1']);
  });
});
