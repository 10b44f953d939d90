import type { MaskportError } from "@maskport/core";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { caught } from "../../core/src/node/__fixtures__/caught.ts";
import { encodePng, type EncodeOptions } from "../../core/src/node/__fixtures__/encode-png.ts";
import { fixture, fixtures } from "./__fixtures__/jpeg-golden.ts";
import type { RawImage } from "./image-channels.ts";
import { decodeRawImage, readRawImage } from "./read-raw-image.ts";

describe("PNG raw images (encoded by core's spec-written test encoder)", () => {
  const decode = (options: EncodeOptions): RawImage => decodeRawImage(encodePng(options), "p.png");
  const pixels = (width: number, height: number, values: (p: number) => number[]): number[] => Array.from({ length: width * height }, (_, p) => values(p)).flat();

  it.each([1, 2, 4] as const)("%s-bit grey is scaled to 8 bits as libpng does (v × 255 / (2^depth − 1))", (bitDepth) => {
    const max = (1 << bitDepth) - 1;
    const samples = pixels(5, 3, (p) => [p % (max + 1)]);
    for (const interlace of [false, true]) {
      const image = decode({ width: 5, height: 3, colorType: 0, bitDepth, samples, interlace });
      expect(image).toEqual({ width: 5, height: 3, channels: 1, data: Uint8Array.from(samples, (v) => (v * 255) / max) });
    }
  });

  it("8-bit grey and grey + alpha: the grey values (alpha dropped)", () => {
    const grey = pixels(4, 3, (p) => [p * 20]);
    expect(decode({ width: 4, height: 3, colorType: 0, bitDepth: 8, samples: grey })).toEqual({ width: 4, height: 3, channels: 1, data: Uint8Array.from(grey) });
    const greyAlpha = pixels(4, 3, (p) => [p * 20, 255 - p]);
    expect(decode({ width: 4, height: 3, colorType: 4, bitDepth: 8, samples: greyAlpha })).toEqual({ width: 4, height: 3, channels: 1, data: Uint8Array.from(grey) });
  });

  it("16-bit grey (with or without alpha) stays 16-bit", () => {
    const grey = pixels(3, 2, (p) => [p * 13_001]);
    for (const interlace of [false, true]) {
      expect(decode({ width: 3, height: 2, colorType: 0, bitDepth: 16, samples: grey, interlace })).toEqual({ width: 3, height: 2, channels: 1, data: Uint16Array.from(grey) });
    }
    const greyAlpha = pixels(3, 2, (p) => [p * 13_001, 7]);
    expect(decode({ width: 3, height: 2, colorType: 4, bitDepth: 16, samples: greyAlpha })).toEqual({ width: 3, height: 2, channels: 1, data: Uint16Array.from(grey) });
  });

  it("RGB and RGBA, 8 and 16 bits: three 8-bit channels (16-bit v·257 → v)", () => {
    const rgb = pixels(3, 2, (p) => [p * 40, 255 - p, p % 2 === 0 ? 7 : 250]);
    const expected = { width: 3, height: 2, channels: 3, data: Uint8Array.from(rgb) };
    expect(decode({ width: 3, height: 2, colorType: 2, bitDepth: 8, samples: rgb })).toEqual(expected);
    expect(decode({ width: 3, height: 2, colorType: 2, bitDepth: 16, samples: rgb.map((v) => v * 257) })).toEqual(expected);
    const rgba = pixels(3, 2, (p) => [...rgb.slice(3 * p, 3 * p + 3), p * 50]);
    expect(decode({ width: 3, height: 2, colorType: 6, bitDepth: 8, samples: rgba })).toEqual(expected);
    expect(decode({ width: 3, height: 2, colorType: 6, bitDepth: 16, samples: rgba.map((v) => v * 257), interlace: true })).toEqual(expected);
  });

  it.each([1, 2, 4, 8] as const)("%s-bit palette is expanded to RGB through the palette", (bitDepth) => {
    const entries = Math.min(1 << bitDepth, 5);
    const palette = Array.from({ length: entries }, (_, i) => [i * 50, 255 - i * 40, (i * 97) % 256] as const);
    const indices = pixels(5, 2, (p) => [p % entries]);
    const image = decode({ width: 5, height: 2, colorType: 3, bitDepth, samples: indices, palette });
    expect(image).toEqual({ width: 5, height: 2, channels: 3, data: Uint8Array.from(indices.flatMap((i) => [...(palette[i] as readonly number[])])) });
  });

  it("round-trips random 8-bit RGB and grey images exactly", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }), fc.constantFrom(0 as const, 2 as const), fc.boolean(), fc.infiniteStream(fc.integer({ min: 0, max: 255 })), (width, height, colorType, interlace, stream) => {
        const channels = colorType === 0 ? 1 : 3;
        const samples = [...stream.take(width * height * channels)];
        expect(decode({ width, height, colorType, bitDepth: 8, samples, interlace })).toEqual({ width, height, channels, data: Uint8Array.from(samples) });
      }),
    );
  });
});

describe("unreadable raw images", () => {
  const expectUnreadable = (bytes: Uint8Array, message: RegExp): MaskportError => {
    const error = caught(() => decodeRawImage(bytes, "scans/Y12.img"));
    expect(error.code).toBe("IMAGE_UNREADABLE");
    expect(error.file).toBe("scans/Y12.img");
    expect(error.message).toMatch(/^scans\/Y12\.img[:,] /);
    expect(error.message).toMatch(message);
    expect(error.hint).toBeTruthy();
    return error;
  };
  const ascii = (text: string): number[] => Array.from(text, (char) => char.charCodeAt(0));
  const padded = (head: number[], length = 200): Uint8Array => {
    const bytes = new Uint8Array(length);
    bytes.set(head);
    return bytes;
  };
  /** Offset of the first marker `marker` in a JPEG's marker walk. */
  const markerAt = (bytes: Uint8Array, marker: number): number => {
    let at = 2;
    while (bytes[at + 1] !== marker) at += 2 + (((bytes[at + 2] as number) << 8) | (bytes[at + 3] as number));
    return at;
  };

  it("names other image formats", () => {
    expectUnreadable(padded([...ascii("BM"), 0x36, 0, 0, 0]), /a BMP file: only JPEG and PNG/);
    expectUnreadable(padded(ascii("GIF89a")), /a GIF file/);
    expectUnreadable(padded([0x49, 0x49, 0x2a, 0]), /a TIFF file/);
    expectUnreadable(padded([...ascii("RIFF"), 0, 0, 0, 0, ...ascii("WEBPVP8 ")]), /a WebP file/);
    expectUnreadable(padded([...Array.from({ length: 128 }, () => 0), ...ascii("DICM")], 300), /a DICOM file/);
    expectUnreadable(Uint8Array.from(ascii("hello")), /not a JPEG or PNG image/);
    expectUnreadable(new Uint8Array(0), /not a JPEG or PNG image/);
  });

  it("refuses truncated JPEGs: cut in the image data or in the headers", () => {
    const whole = fixture("colour-420.jpg");
    expectUnreadable(whole.subarray(0, whole.length >> 1), /truncated JPEG/);
    expectUnreadable(whole.subarray(0, whole.length - 2), /truncated JPEG/);
    expectUnreadable(whole.subarray(0, 40), /truncated JPEG/);
    expectUnreadable(whole.subarray(0, 3), /truncated JPEG/);
  });

  it("refuses a 200-byte file whose header claims 60000×60000 pixels, at once and without allocating for it", () => {
    const sof = [0xff, 0xc0, 0x00, 0x0b, 0x08, 0xea, 0x60, 0xea, 0x60, 0x01, 0x01, 0x11, 0x00];
    const sos = [0xff, 0xda, 0x00, 0x08, 0x01, 0x01, 0x00, 0x00, 0x3f, 0x00];
    const bytes = padded([0xff, 0xd8, ...sof, ...sos]);
    bytes.set([0xff, 0xd9], 198);
    const before = process.memoryUsage().arrayBuffers;
    const started = performance.now();
    expectUnreadable(bytes, /claims 60000×60000 pixels, more than its 175 bytes of image data can code/);
    expect(performance.now() - started).toBeLessThan(50);
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(1 << 20);
    // 10000×10000 is under the absolute cap: only the data bound stops it.
    bytes.set([0x27, 0x10, 0x27, 0x10], 7);
    expectUnreadable(bytes, /claims 10000×10000 pixels/);
  });

  it("refuses JPEG kinds jpeg-js cannot decode", () => {
    const grey = fixture("grey-1c.jpg");
    const sof = markerAt(grey, 0xc0);
    const lossless = grey.slice();
    lossless[sof + 1] = 0xc3;
    expectUnreadable(lossless, /a lossless JPEG: jpeg-js decodes only baseline, extended and progressive/);
    const arithmetic = grey.slice();
    arithmetic[sof + 1] = 0xc9;
    expectUnreadable(arithmetic, /an arithmetic-coded JPEG/);
    const twelveBit = grey.slice();
    twelveBit[sof + 4] = 12;
    expectUnreadable(twelveBit, /a 12-bit JPEG: jpeg-js decodes 8-bit samples only/);
    const colour = fixture("colour-420.jpg");
    const thirds = colour.slice();
    thirds[markerAt(colour, 0xc0) + 11] = 0x32;
    expectUnreadable(thirds, /a JPEG with sampling factors 1×1 against 3×2: maskport decodes ratios of 1, 2 and 4/);
    const zero = colour.slice();
    zero[markerAt(colour, 0xc0) + 11] = 0x02;
    expectUnreadable(zero, /corrupt JPEG: sampling factors 0×2/);
    const cmyk = [0xff, 0xd8, 0xff, 0xc0, 0x00, 0x14, 0x08, 0x00, 0x10, 0x00, 0x10, 0x04, 1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0, 4, 0x11, 0];
    expectUnreadable(padded([...cmyk, 0xff, 0xda, 0x00, 0x0e, 0x04, 1, 0, 2, 0, 3, 0, 4, 0, 0, 0x3f, 0]), /a JPEG with 4 colour components \(CMYK\): only grey \(1\) and colour \(3\)/);
  });

  it("reports jpeg-js's own errors as IMAGE_UNREADABLE", () => {
    const grey = fixture("grey-1c.jpg");
    const broken = grey.slice();
    // Garbage where the coded data starts, with the EOI kept: jpeg-js stops on a bad marker.
    const sos = markerAt(grey, 0xda);
    broken.fill(0xff, sos + 10, sos + 40);
    const error = expectUnreadable(broken, /cannot decode the JPEG: /);
    expect(error.cause).toBeInstanceOf(Error);
  });

  it("refuses truncated or corrupt PNGs", () => {
    const png = encodePng({ width: 4, height: 4, colorType: 2, bitDepth: 8, samples: Array.from({ length: 48 }, () => 9) });
    expectUnreadable(png.subarray(0, png.length - 20), /cannot read the PNG \(\d+ bytes\): /);
  });

  it("refuses a palette index past the palette, naming the pixel", () => {
    const png = encodePng({ width: 3, height: 2, colorType: 3, bitDepth: 8, samples: [0, 1, 0, 1, 5, 0], palette: [[0, 0, 0], [9, 9, 9]] });
    const error = expectUnreadable(png, /pixel \(x=1, y=1\): palette index 5 is past the 2-colour palette/);
    expect(error.pixel).toEqual({ x: 1, y: 1 });
  });

  it("tells a missing file from an unreadable one", () => {
    const missing = caught(() => readRawImage(`${fixtures}no-such-image.jpg`, "scans/none.jpg"));
    expect([missing.code, missing.file]).toEqual(["IMAGE_MISSING", "scans/none.jpg"]);
    const folder = caught(() => readRawImage(fixtures, "scans"));
    expect([folder.code, folder.file]).toEqual(["IMAGE_UNREADABLE", "scans"]);
  });
});
