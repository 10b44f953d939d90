import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { isMaskportError, type MaskportError } from "@maskport/core";
import fc from "fast-check";
import jpegJs from "jpeg-js";
import { describe, expect, it } from "vitest";
import { encodePng, type EncodeOptions } from "../../core/src/node/__fixtures__/encode-png.ts";
import { isGrey, type RawImage } from "./image-channels.ts";
import { decodeRawImage, orientImage, readRawImage } from "./read-raw-image.ts";

const fixtures = fileURLToPath(new URL("./__fixtures__/", import.meta.url));

/** PIL's decode of each fixture (make-jpeg-fixtures.py, Pillow 9.4.0 on libjpeg-turbo 2.1.5). */
interface PilImage {
  mode: "L" | "RGB";
  width: number;
  height: number;
  pixels: number[];
}
interface Golden {
  producer: string;
  jpeg: Record<string, PilImage & { upright?: PilImage }>;
  exifTranspose: Record<string, { width: number; height: number; pixels: number[] }>;
}
const golden = JSON.parse(readFileSync(`${fixtures}pil-jpeg-golden.json`, "utf8")) as Golden;

/** A plain Uint8Array (a Buffer's slice would be a view, not a copy). */
function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(`${fixtures}${name}`));
}

function caught(run: () => unknown): MaskportError {
  try {
    run();
  } catch (error) {
    if (isMaskportError(error)) return error;
    throw error;
  }
  throw new Error("expected a MaskportError");
}

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
