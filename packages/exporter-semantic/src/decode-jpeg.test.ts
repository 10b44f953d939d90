import { readFileSync } from "node:fs";
import jpegJs from "jpeg-js";
import { describe, expect, it } from "vitest";
import { fixture, fixtures, golden, type PilImage } from "./__fixtures__/jpeg-golden.ts";
import { isGrey, type RawImage } from "./image-channels.ts";
import { orientImage } from "./orient-image.ts";
import { decodeRawImage, readRawImage } from "./read-raw-image.ts";

/** Largest per-sample difference and how many pixels differ at all. */
function difference(image: RawImage, pil: PilImage): { max: number; pixels: number } {
  let max = 0;
  let pixels = 0;
  const channels = image.channels;
  for (let p = 0; p < image.width * image.height; p++) {
    let worst = 0;
    for (let c = 0; c < channels; c++) worst = Math.max(worst, Math.abs((image.data[p * channels + c] as number) - (pil.pixels[p * channels + c] as number)));
    if (worst > 0) pixels++;
    max = Math.max(max, worst);
  }
  return { max, pixels };
}

describe("JPEG decoding against Pillow (libjpeg-turbo)", () => {
  // Measured, not tolerated: jpeg-js's IDCT is within ±1 of libjpeg-turbo's islow per plane;
  // YCbCr → RGB amplifies that to ±3. Upsampling and colour tables follow libjpeg exactly
  // (jpeg-js's own nearest-neighbour chroma was 58 off on colour-420.jpg, 53 on colour-422.jpg).
  const measured: Record<string, { max: number; pixels: number; channels: 1 | 3 }> = {
    "grey-1c.jpg": { max: 1, pixels: 16, channels: 1 },
    "colour-420.jpg": { max: 3, pixels: 31, channels: 3 },
    "colour-444.jpg": { max: 3, pixels: 30, channels: 3 },
    "colour-422.jpg": { max: 2, pixels: 26, channels: 3 },
    "colour-420-narrow.jpg": { max: 2, pixels: 5, channels: 3 },
    "grey-rgb-420.jpg": { max: 1, pixels: 16, channels: 3 },
    "grey-rgb-progressive.jpg": { max: 1, pixels: 10, channels: 3 },
    "colour-rgb-ids.jpg": { max: 1, pixels: 32, channels: 3 },
    "colour-adobe-rgb.jpg": { max: 1, pixels: 32, channels: 3 },
    "colour-adobe-ycc.jpg": { max: 3, pixels: 30, channels: 3 },
    "grey-orient-6.jpg": { max: 1, pixels: 16, channels: 1 },
  };

  it("covers every fixture of the golden file", () => {
    expect(Object.keys(measured).sort()).toEqual(Object.keys(golden.jpeg).sort());
    expect(golden.producer).toContain("libjpeg-turbo");
  });

  it.each(Object.entries(measured))("%s: size, channels and the measured difference", (name, expected) => {
    const entry = golden.jpeg[name] as PilImage & { upright?: PilImage };
    const pil = entry.upright ?? entry;
    const image = decodeRawImage(fixture(name), name);
    expect([image.width, image.height, image.channels]).toEqual([pil.width, pil.height, pil.mode === "L" ? 1 : 3]);
    expect(image.channels).toBe(expected.channels);
    expect(image.data).toBeInstanceOf(Uint8Array);
    expect(difference(image, pil)).toEqual({ max: expected.max, pixels: expected.pixels });
  });

  it("leaves its input alone, a Buffer too (the Adobe flag is cleared on a copy)", () => {
    const bytes = readFileSync(`${fixtures}colour-adobe-ycc.jpg`);
    const before = Buffer.from(bytes);
    decodeRawImage(bytes, "a.jpg");
    expect(bytes.equals(before)).toBe(true);
  });

  it("keeps a grey picture stored as YCbCr grey (R = G = B), as Pillow does", () => {
    for (const name of ["grey-rgb-420.jpg", "grey-rgb-progressive.jpg"]) {
      const image = decodeRawImage(fixture(name), name);
      expect(image.channels).toBe(3);
      expect(isGrey(image)).toBe(true);
    }
    expect(isGrey(decodeRawImage(fixture("colour-420.jpg"), "c.jpg"))).toBe(false);
  });

  it("turns an EXIF orientation 6 image upright (16×12 stored → 12×16), like ImageOps.exif_transpose", () => {
    const image = decodeRawImage(fixture("grey-orient-6.jpg"), "o.jpg");
    expect([image.width, image.height]).toEqual([12, 16]);
    // The same pixels as the stored frame rotated 90° clockwise.
    const stored = golden.jpeg["grey-orient-6.jpg"] as PilImage & { upright: PilImage };
    const rotated = orientImage({ width: stored.width, height: stored.height, channels: 1, data: Uint8Array.from(stored.pixels) }, 6);
    expect(Array.from(rotated.data)).toEqual(stored.upright.pixels);
  });

  it("decodes a large flat image (a small file) within the memory budget given to jpeg-js", () => {
    const bytes = new Uint8Array(jpegJs.encode({ width: 800, height: 600, data: new Uint8Array(800 * 600 * 4).fill(90) }, 90).data);
    expect(bytes.length).toBeLessThan(20_000);
    const image = decodeRawImage(bytes, "flat.jpg");
    expect([image.width, image.height, image.channels]).toEqual([800, 600, 3]);
    expect(isGrey(image)).toBe(true);
  });

  it("readRawImage reads the file", () => {
    expect(readRawImage(`${fixtures}grey-1c.jpg`, "g.jpg")).toEqual(decodeRawImage(fixture("grey-1c.jpg"), "g.jpg"));
  });
});
