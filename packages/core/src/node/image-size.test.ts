import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { encodePng } from "./__fixtures__/encode-png.ts";
import { imageFormatOf, imageSizeOf, readImageInfoSync, readImageSize, readImageSizeSync } from "./image-size.ts";

describe("imageSizeOf", () => {
  it("reads PNG IHDR", () => {
    expect(imageSizeOf(encodePng({ width: 300, height: 7, colorType: 0, bitDepth: 1, samples: new Uint8Array(2100) }))).toEqual({ width: 300, height: 7 });
  });

  it("reads a JPEG SOF after other segments and fill bytes, skipping DHT", () => {
    const jpeg = [0xff, 0xd8, 0xff, 0xe1, 0, 6, 1, 2, 3, 4, 0xff, 0xff, 0xc4, 0, 3, 0, 0xff, 0xc2, 0, 11, 8, 0x01, 0x2c, 0x02, 0x58, 1, 1, 0x11, 0];
    expect(imageSizeOf(Uint8Array.from(jpeg))).toEqual({ width: 600, height: 300 });
  });

  it("reads GIF and BMP headers (little-endian; BMP height may be negative)", () => {
    expect(imageSizeOf(Uint8Array.from([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x10, 0x01, 0x20, 0x00]))).toEqual({ width: 272, height: 32 });
    const bmp = new Uint8Array(26);
    bmp.set([0x42, 0x4d]);
    new DataView(bmp.buffer).setInt32(18, 640, true);
    new DataView(bmp.buffer).setInt32(22, -480, true);
    expect(imageSizeOf(bmp)).toEqual({ width: 640, height: 480 });
  });

  it("gives undefined for unknown or cut headers", () => {
    expect(imageSizeOf(Uint8Array.from([1, 2, 3]))).toBeUndefined();
    expect(imageSizeOf(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 40, 0]))).toBeUndefined();
  });

  it("reads only a file's header from disk", async () => {
    const dir = await mkdtemp(join(tmpdir(), "maskport-size-"));
    try {
      await writeFile(join(dir, "a.png"), encodePng({ width: 5, height: 2, colorType: 2, bitDepth: 8, samples: new Uint8Array(30).fill(9) }));
      expect(await readImageSize(join(dir, "a.png"))).toEqual({ width: 5, height: 2 });
      expect(readImageSizeSync(join(dir, "a.png"))).toEqual({ width: 5, height: 2 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("finds a JPEG frame header behind more than 64 KiB of metadata", async () => {
    const dir = await mkdtemp(join(tmpdir(), "maskport-size-"));
    try {
      // Two APP1 segments of 65,533 payload bytes each (a large EXIF/ICC block), then SOF0 for 640×480.
      const app = (fill: number) => [0xff, 0xe1, 0xff, 0xff, ...Array.from({ length: 0xffff - 2 }, () => fill)];
      const sof = [0xff, 0xc0, 0, 11, 8, 0x01, 0xe0, 0x02, 0x80, 1, 1, 0x11, 0];
      const jpeg = Uint8Array.from([0xff, 0xd8, ...app(1), ...app(2), ...sof, 0xff, 0xd9]);
      expect(imageSizeOf(jpeg.subarray(0, 64 * 1024))).toBeUndefined();
      await writeFile(join(dir, "big-exif.jpg"), jpeg);
      expect(await readImageSize(join(dir, "big-exif.jpg"))).toEqual({ width: 640, height: 480 });
      expect(readImageSizeSync(join(dir, "big-exif.jpg"))).toEqual({ width: 640, height: 480 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("refuses a header that declares more pixels than the limit (IMAGE_TOO_LARGE naming the file), async as a rejection", async () => {
    const dir = await mkdtemp(join(tmpdir(), "maskport-size-"));
    try {
      // A 23-byte GIF header claiming 65535×65535.
      await writeFile(join(dir, "huge.gif"), Uint8Array.from([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0xff, 0xff, 0xff, 0xff, 0, 0, 0]));
      const expected = { code: "IMAGE_TOO_LARGE", file: join(dir, "huge.gif"), message: expect.stringContaining("declares 65535×65535 pixels (4295 megapixels), above the limit of 250 megapixels") };
      await expect(readImageSize(join(dir, "huge.gif"))).rejects.toMatchObject(expected);
      expect(() => readImageSizeSync(join(dir, "huge.gif"))).toThrow(expect.objectContaining(expected));
      expect(imageSizeOf(new Uint8Array(await readFile(join(dir, "huge.gif"))))).toEqual({ width: 65535, height: 65535 });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("names image formats by their first bytes, whatever the extension", async () => {
    expect(imageFormatOf(encodePng({ width: 1, height: 1, colorType: 0, bitDepth: 8, samples: [0] }))).toBe("PNG");
    expect(imageFormatOf(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toBe("JPEG");
    expect(imageFormatOf(Uint8Array.from([0x49, 0x49, 0x2a, 0x00]))).toBe("TIFF");
    expect(imageFormatOf(new TextEncoder().encode("RIFF\0\0\0\0WEBPVP8 "))).toBe("WebP");
    expect(imageFormatOf(new TextEncoder().encode("<html>403</html>"))).toBeUndefined();
    const dir = await mkdtemp(join(tmpdir(), "maskport-size-"));
    try {
      await writeFile(join(dir, "a.jpg"), "not an image");
      expect(readImageInfoSync(join(dir, "a.jpg"))).toEqual({ format: undefined, size: undefined });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("reports a missing file as a rejection (async) or a throw (sync), with the path and ENOENT", async () => {
    const missing = join(tmpdir(), "maskport-size-missing", "nope.png");
    // A rejection, not a synchronous throw: callers of the async form may rely on .catch.
    const pending = readImageSize(missing);
    await expect(pending).rejects.toMatchObject({ code: "ENOENT", path: missing });
    expect(() => readImageSizeSync(missing)).toThrow(/ENOENT.*nope\.png/);
  });
});
