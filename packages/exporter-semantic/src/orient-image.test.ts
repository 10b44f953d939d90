import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { golden } from "./__fixtures__/jpeg-golden.ts";
import type { RawImage } from "./image-channels.ts";
import { orientImage } from "./orient-image.ts";

describe("orientImage", () => {
  // 3 wide, 2 high:  1 2 3
  //                  4 5 6
  const image: RawImage = { width: 3, height: 2, channels: 1, data: Uint8Array.from([1, 2, 3, 4, 5, 6]) };
  const byHand: Record<number, [number, number, number[]]> = {
    1: [3, 2, [1, 2, 3, 4, 5, 6]],
    2: [3, 2, [3, 2, 1, 6, 5, 4]], // mirror horizontal
    3: [3, 2, [6, 5, 4, 3, 2, 1]], // rotate 180
    4: [3, 2, [4, 5, 6, 1, 2, 3]], // mirror vertical
    5: [2, 3, [1, 4, 2, 5, 3, 6]], // transpose
    6: [2, 3, [4, 1, 5, 2, 6, 3]], // rotate 90 clockwise
    7: [2, 3, [6, 3, 5, 2, 4, 1]], // transverse
    8: [2, 3, [3, 6, 2, 5, 1, 4]], // rotate 90 counter-clockwise
  };

  it.each(Object.entries(byHand))("orientation %s matches the hand-computed 3×2 example and ImageOps.exif_transpose", (orientation, [width, height, pixels]) => {
    const out = orientImage(image, Number(orientation));
    expect([out.width, out.height, Array.from(out.data)]).toEqual([width, height, pixels]);
    const pil = golden.exifTranspose[orientation];
    expect([pil?.width, pil?.height, pil?.pixels]).toEqual([width, height, pixels]);
  });

  it("moves whole RGB pixels and keeps 16-bit samples", () => {
    const rgb: RawImage = { width: 2, height: 1, channels: 3, data: Uint8Array.from([1, 2, 3, 4, 5, 6]) };
    expect(orientImage(rgb, 6)).toEqual({ width: 1, height: 2, channels: 3, data: Uint8Array.from([1, 2, 3, 4, 5, 6]) });
    expect(orientImage(rgb, 2)).toEqual({ width: 2, height: 1, channels: 3, data: Uint8Array.from([4, 5, 6, 1, 2, 3]) });
    const deep: RawImage = { width: 2, height: 1, channels: 1, data: Uint16Array.from([65535, 300]) };
    expect(orientImage(deep, 8)).toEqual({ width: 1, height: 2, channels: 1, data: Uint16Array.from([300, 65535]) });
  });

  it("leaves the image as it is for 1 and for values outside 1..8", () => {
    for (const orientation of [1, 0, 9, 255]) expect(orientImage(image, orientation)).toBe(image);
  });

  const images = fc
    .record({ width: fc.integer({ min: 1, max: 7 }), height: fc.integer({ min: 1, max: 7 }), channels: fc.constantFrom(1 as const, 3 as const) })
    .chain(({ width, height, channels }) =>
      fc.uint8Array({ minLength: width * height * channels, maxLength: width * height * channels }).map((data): RawImage => ({ width, height, channels, data })),
    );

  it("mirrors, 180° and the transposes undo themselves; 6 and 8 undo each other; 6 twice is 3", () => {
    fc.assert(
      fc.property(images, (source) => {
        for (const orientation of [2, 3, 4, 5, 7]) expect(orientImage(orientImage(source, orientation), orientation)).toEqual(source);
        expect(orientImage(orientImage(source, 6), 8)).toEqual(source);
        expect(orientImage(orientImage(source, 6), 6)).toEqual(orientImage(source, 3));
        expect(orientImage(orientImage(source, 5), 6)).toEqual(orientImage(source, 2));
      }),
    );
  });
});
