import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { isMaskportError } from "@maskport/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isGrey, toGrey, toRgb, type RawImage } from "./image-channels.ts";

/** Pillow's `convert("L")` outputs (make-jpeg-fixtures.py, Pillow 9.4.0). */
interface Golden {
  jpeg: Record<string, { width: number; height: number; pixels: number[]; luma?: number[] }>;
  luma: { rgb: number[]; l: number[] };
}
const golden = JSON.parse(readFileSync(fileURLToPath(new URL("./__fixtures__/pil-jpeg-golden.json", import.meta.url)), "utf8")) as Golden;

const rgb = (width: number, height: number, data: number[]): RawImage => ({ width, height, channels: 3, data: Uint8Array.from(data) });

const greyImages = fc
  .record({ width: fc.integer({ min: 1, max: 6 }), height: fc.integer({ min: 1, max: 6 }) })
  .chain(({ width, height }) => fc.uint8Array({ minLength: width * height, maxLength: width * height }).map((data): RawImage => ({ width, height, channels: 1, data })));

describe("isGrey", () => {
  it("is true for one channel and for R = G = B everywhere, false as soon as one pixel differs", () => {
    expect(isGrey({ width: 2, height: 1, channels: 1, data: Uint16Array.from([1, 60000]) })).toBe(true);
    expect(isGrey(rgb(2, 1, [5, 5, 5, 200, 200, 200]))).toBe(true);
    expect(isGrey(rgb(2, 1, [5, 5, 5, 200, 200, 201]))).toBe(false);
    expect(isGrey(rgb(2, 1, [5, 6, 5, 200, 200, 200]))).toBe(false);
  });

  it("holds for every grey image expanded to RGB", () => {
    fc.assert(fc.property(greyImages, (image) => {
        expect(isGrey(toRgb(image, "g.png"))).toBe(true);
      }));
  });
});

describe("toGrey", () => {
  it("matches Pillow's convert('L') on chosen and random triplets", () => {
    const { rgb: triplets, l } = golden.luma;
    const out = toGrey(rgb(l.length, 1, triplets));
    expect(out.channels).toBe(1);
    expect(Array.from(out.data)).toEqual(l);
  });

  it("matches Pillow's convert('L') of Pillow's own decode of colour-420.jpg", () => {
    const { width, height, pixels, luma } = golden.jpeg["colour-420.jpg"] as Golden["jpeg"][string];
    expect(Array.from(toGrey(rgb(width, height, pixels)).data)).toEqual(luma);
  });

  it("gives back R where R = G = B, for every value", () => {
    const values = Array.from({ length: 256 }, (_, v) => v);
    expect(Array.from(toGrey(rgb(256, 1, values.flatMap((v) => [v, v, v]))).data)).toEqual(values);
  });

  it("leaves one-channel images as they are (16-bit too)", () => {
    const deep: RawImage = { width: 1, height: 1, channels: 1, data: Uint16Array.from([40000]) };
    expect(toGrey(deep)).toBe(deep);
  });

  it("undoes toRgb", () => {
    fc.assert(fc.property(greyImages, (image) => {
        expect(toGrey(toRgb(image, "g.png"))).toEqual(image);
      }));
  });
});

describe("toRgb", () => {
  it("expands 8-bit grey R = G = B and leaves RGB as it is", () => {
    expect(toRgb({ width: 2, height: 1, channels: 1, data: Uint8Array.from([3, 250]) }, "g.png")).toEqual(rgb(2, 1, [3, 3, 3, 250, 250, 250]));
    const colour = rgb(1, 1, [1, 2, 3]);
    expect(toRgb(colour, "c.png")).toBe(colour);
  });

  it("refuses 16-bit grey, naming the file: any 8-bit reduction would change intensities", () => {
    let error: unknown;
    try {
      toRgb({ width: 1, height: 1, channels: 1, data: Uint16Array.from([40000]) }, "scans/Y1.png");
    } catch (thrown) {
      error = thrown;
    }
    expect(isMaskportError(error)).toBe(true);
    expect(error).toMatchObject({ code: "INVALID_INPUT", file: "scans/Y1.png" });
    expect((error as Error).message).toMatch(/^scans\/Y1\.png: 16-bit grey image in a dataset of RGB images/);
  });
});
