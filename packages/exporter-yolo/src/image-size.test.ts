import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jpegSize, pngSize, readImageSize } from "./image-size.ts";

/** A JPEG header by hand: SOI, APP0 (JFIF), optional padding APPn, SOF0 with the size (big-endian), SOS. */
function jpegHeader(width: number, height: number, appBytes = 0, marker = 0xc0): Uint8Array {
  const bytes: number[] = [0xff, 0xd8];
  bytes.push(0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00);
  if (appBytes > 0) {
    const length = appBytes + 2;
    bytes.push(0xff, 0xe1, length >> 8, length & 0xff, ...new Array<number>(appBytes).fill(0x2a));
  }
  bytes.push(0xff, 0xc4, 0x00, 0x04, 0x00, 0x00); // a DHT segment, which sits in the SOF marker range
  bytes.push(0xff, marker, 0x00, 0x0b, 0x08, height >> 8, height & 0xff, width >> 8, width & 0xff, 0x01, 0x01, 0x11, 0x00);
  bytes.push(0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00, 0xff, 0xd9);
  return Uint8Array.from(bytes);
}

let folder: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "yolo-image-size-"));
});
afterAll(async () => {
  await rm(folder, { recursive: true, force: true });
});

describe("image headers", () => {
  it("reads a PNG's size (pngjs-written file)", async () => {
    const png = new PNG({ width: 37, height: 23 });
    const file = join(folder, "a.png");
    await writeFile(file, PNG.sync.write(png));
    await expect(readImageSize(file)).resolves.toEqual({ width: 37, height: 23 });
  });

  it("reads a JPEG's size from SOF0 and SOF2, skipping DHT", async () => {
    expect(jpegSize(jpegHeader(640, 480))).toEqual({ width: 640, height: 480 });
    expect(jpegSize(jpegHeader(300, 513, 0, 0xc2))).toEqual({ width: 300, height: 513 });
    const file = join(folder, "a.jpg");
    await writeFile(file, jpegHeader(512, 256));
    await expect(readImageSize(file)).resolves.toEqual({ width: 512, height: 256 });
  });

  it("finds the frame header behind a metadata block larger than the first read", async () => {
    const file = join(folder, "big-exif.jpg");
    await writeFile(file, jpegHeader(1024, 768, 65_000));
    expect(jpegSize(jpegHeader(1024, 768, 65_000).subarray(0, 1000))).toBe("more");
    await expect(readImageSize(file)).resolves.toEqual({ width: 1024, height: 768 });
  });

  it("gives undefined for other files", async () => {
    const file = join(folder, "notes.txt");
    await writeFile(file, "hello");
    await expect(readImageSize(file)).resolves.toBeUndefined();
    expect(pngSize(new Uint8Array(30))).toBeUndefined();
  });
});
