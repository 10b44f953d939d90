/**
 * Raw images (the pictures masks were drawn on) decoded to pixels, for formats that store them
 * losslessly (nnU-Net takes PNG, not JPEG): JPEG and PNG, turned upright as CVAT shows them.
 *
 * JPEGs are entropy-decoded by jpeg-js; chroma upsampling and YCbCr → RGB then follow
 * libjpeg-turbo (what Pillow, OpenCV and browsers decode with): its "fancy" triangle-filter
 * upsampling (jdsample.c) and integer colour tables (jdcolor.c), where jpeg-js would use
 * nearest-neighbour chroma and float colour. What remains is jpeg-js's own IDCT, within ±1 of
 * libjpeg-turbo's per plane (read-raw-image.test.ts measures it against Pillow).
 */
import { readFileSync } from "node:fs";
import { isMaskportError, MaskportError } from "@maskport/core";
import type { MaskImage } from "@maskport/core";
import { decodePng, jpegOrientation, onFirstUse } from "@maskport/core/node";
import type { RawImage } from "./image-channels.ts";

export type { RawImage } from "./image-channels.ts";

/**
 * Reads and decodes a raw image file (see {@link decodeRawImage}); synchronous, for the
 * per-sample encode stage (main thread or worker).
 * @param shownAs the file as the user knows it, for errors
 * @throws MaskportError IMAGE_MISSING when the file does not exist; IMAGE_UNREADABLE when it
 *   cannot be read or decoded
 */
export function readRawImage(path: string, shownAs: string): RawImage {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (cause) {
    const missing = (cause as NodeJS.ErrnoException).code === "ENOENT";
    throw new MaskportError(missing ? "IMAGE_MISSING" : "IMAGE_UNREADABLE", `cannot read the image: ${reason(cause)}`, { file: shownAs, cause });
  }
  return decodeRawImage(bytes, shownAs);
}

/**
 * Decodes a raw image: a JPEG (8-bit baseline, extended or progressive; grey, YCbCr or RGB)
 * turned upright by its EXIF orientation, or a PNG of any colour type and bit depth. Grey stays
 * one channel (1/2/4-bit grey scaled to 8 bits as libpng does; 16-bit kept in a `Uint16Array`);
 * palette PNGs are expanded to RGB; alpha is dropped; 16-bit RGB is scaled to 8 bits.
 * @throws MaskportError IMAGE_UNREADABLE for other formats, truncated or corrupt data, JPEG
 *   kinds jpeg-js cannot decode (12-bit, lossless, arithmetic-coded, CMYK) and headers that
 *   claim more pixels than the file's data can code
 */
export function decodeRawImage(bytes: Uint8Array, shownAs: string): RawImage {
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return orientImage(decodeJpeg(bytes, shownAs), jpegOrientation(bytes) ?? 1);
  if (PNG_SIGNATURE.every((byte, i) => bytes[i] === byte)) return fromMaskImage(decodePngImage(bytes, shownAs), shownAs);
  const format = otherFormat(bytes);
  throw unreadable(shownAs, format === undefined ? "not a JPEG or PNG image" : `the image is a ${format} file: only JPEG and PNG raw images are read`, "Convert the image to PNG, then run again.");
}

/**
 * The image as EXIF orientation `orientation` says to show it (the TIFF/EXIF tag's 1..8:
 * 2 mirror horizontal, 3 rotate 180°, 4 mirror vertical, 5 transpose, 6 rotate 90° clockwise,
 * 7 transverse, 8 rotate 90° counter-clockwise); 5..8 swap width and height. Other values
 * (1, 0, 9…) leave the image as it is, as Pillow's `ImageOps.exif_transpose` does.
 */
export function orientImage(image: RawImage, orientation: number): RawImage {
  const walk = ORIENTATION_WALKS[orientation];
  if (walk === undefined) return image;
  const { width, height, channels, data } = image;
  const [outWidth, outHeight] = orientation >= 5 ? [height, width] : [width, height];
  // Source pixel of output (x, y) is start + x·dx + y·dy, all in pixels of the source.
  const { start, dx, dy } = walk(width, height);
  const out = data instanceof Uint16Array ? new Uint16Array(data.length) : new Uint8Array(data.length);
  let o = 0;
  for (let y = 0; y < outHeight; y++) {
    let source = start + y * dy;
    for (let x = 0; x < outWidth; x++, source += dx) {
      for (let c = 0; c < channels; c++) out[o++] = data[source * channels + c] as number;
    }
  }
  return { width: outWidth, height: outHeight, channels, data: out };
}

// --- internal: formats and errors ---

const jpegJs = onFirstUse<typeof import("jpeg-js")>(import.meta.url, "jpeg-js");

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;

/** Headers larger than this are refused before decoding (jpeg-js needs ~20 bytes a pixel for colour). */
const MAX_JPEG_PIXELS = 100_000_000;

const JPEG_HINT = "Save the image as PNG (lossless), or as an 8-bit grey or colour JPEG, then run again.";

function unreadable(shownAs: string, message: string, hint: string, cause?: unknown): MaskportError {
  return new MaskportError("IMAGE_UNREADABLE", message, { file: shownAs, hint, ...(cause === undefined ? {} : { cause }) });
}

function reason(cause: unknown): string {
  return cause instanceof Error ? cause.message : String(cause);
}

/** Names a recognised image format other than JPEG and PNG from its magic bytes. */
function otherFormat(bytes: Uint8Array): string | undefined {
  const at = (offset: number, text: string): boolean => Array.from(text).every((char, i) => bytes[offset + i] === char.charCodeAt(0));
  if (at(0, "GIF8")) return "GIF";
  if (at(0, "BM")) return "BMP";
  if (at(0, "II*\0") || at(0, "MM\0*")) return "TIFF";
  if (at(0, "RIFF") && at(8, "WEBP")) return "WebP";
  if (at(128, "DICM")) return "DICOM";
  if (at(4, "jP  ") || at(0, "\xff\x4f\xff\x51")) return "JPEG 2000";
  if (at(4, "ftyp")) return "HEIF/AVIF";
  return undefined;
}

// --- internal: PNG ---

function decodePngImage(bytes: Uint8Array, shownAs: string): MaskImage {
  try {
    return decodePng(bytes, shownAs);
  } catch (cause) {
    // decodePng's message already names the file: keep only its reason.
    const inner = isMaskportError(cause) && cause.cause !== undefined ? reason(cause.cause) : reason(cause);
    throw unreadable(shownAs, `cannot read the PNG (${bytes.length} bytes): ${inner}`, "The file is truncated or corrupt: copy or export it again.", cause);
  }
}

function fromMaskImage(image: MaskImage, shownAs: string): RawImage {
  const { width, height, bitDepth } = image;
  if (image.kind === "gray") {
    if (bitDepth === 16) return { width, height, channels: 1, data: image.values };
    // 1/2/4-bit grey scaled to 8 bits as libpng and Pillow do: v × 255 / (2^depth − 1), exact.
    const scale = 255 / ((1 << bitDepth) - 1);
    const data = new Uint8Array(image.values.length);
    for (let p = 0; p < data.length; p++) data[p] = (image.values[p] as number) * scale;
    return { width, height, channels: 1, data };
  }
  const count = width * height;
  const data = new Uint8Array(count * 3);
  if (image.kind === "indexed") {
    const { values, palette } = image;
    const entries = palette.length / 3;
    for (let p = 0; p < count; p++) {
      const index = values[p] as number;
      if (index >= entries) {
        throw new MaskportError("IMAGE_UNREADABLE", `palette index ${index} is past the ${entries}-colour palette`, {
          file: shownAs,
          pixel: { x: p % width, y: Math.floor(p / width) },
          hint: "The PNG is corrupt: export it again.",
        });
      }
      data.set(palette.subarray(3 * index, 3 * index + 3), 3 * p);
    }
    return { width, height, channels: 3, data };
  }
  const { values } = image;
  for (let p = 0; p < count; p++) {
    data[3 * p] = values[4 * p] as number;
    data[3 * p + 1] = values[4 * p + 1] as number;
    data[3 * p + 2] = values[4 * p + 2] as number;
  }
  return { width, height, channels: 3, data };
}

// --- internal: JPEG ---

interface JpegComponent {
  readonly id: number;
  /** Horizontal and vertical sampling factors, 1..4. */
  readonly h: number;
  readonly v: number;
}

interface JpegHeader {
  readonly width: number;
  readonly height: number;
  readonly components: readonly JpegComponent[];
  /** How libjpeg reads three components: YCbCr to convert, or RGB as it is. */
  readonly colour: "grey" | "ycbcr" | "rgb";
  /** Byte offsets of Adobe APP14 transform flags, which would make jpeg-js convert colours itself. */
  readonly adobeFlags: readonly number[];
  /** First byte after the first SOS header: the coded data. */
  readonly scanStart: number;
}

function decodeJpeg(bytes: Uint8Array, shownAs: string): RawImage {
  const header = readJpegHeader(bytes, shownAs);
  const { width, height, components } = header;
  let input = bytes;
  if (header.adobeFlags.length > 0) {
    // jpeg-js converts YCbCr itself whenever Adobe's flag is set; cleared on a copy, it hands us the planes.
    input = new Uint8Array(bytes); // a copy (Buffer's slice would be a view)
    for (const at of header.adobeFlags) input[at] = 0;
  }
  let decoded: { width: number; height: number; data: Uint8Array };
  try {
    decoded = jpegJs().decode(input, {
      useTArray: true,
      formatAsRGBA: false,
      colorTransform: false,
      // One pixel above the checked header size (the limit is in megapixels, a float).
      maxResolutionInMP: (width * height + 1) / 1e6,
      maxMemoryUsageInMB: jpegJsBudget(header, bytes.length) / 2 ** 20,
    });
  } catch (cause) {
    throw unreadable(shownAs, `cannot decode the JPEG: ${reason(cause)}`, JPEG_HINT, cause);
  }
  if (decoded.width !== width || decoded.height !== height || decoded.data.length !== width * height * 3) {
    throw unreadable(shownAs, `the JPEG decoded to ${decoded.width}×${decoded.height}, not the ${width}×${height} of its header`, JPEG_HINT);
  }
  const rgb = decoded.data;
  if (components.length === 1) {
    const grey = new Uint8Array(width * height);
    for (let p = 0; p < grey.length; p++) grey[p] = rgb[3 * p] as number;
    return { width, height, channels: 1, data: grey };
  }
  const maxH = Math.max(...components.map((c) => c.h));
  const maxV = Math.max(...components.map((c) => c.v));
  const planes = components.map((component, c) => {
    const sx = maxH / component.h;
    const sy = maxV / component.v;
    // libjpeg's downsampled size: the component's samples that cover the image.
    const planeWidth = Math.ceil((width * component.h) / maxH);
    const planeHeight = Math.ceil((height * component.v) / maxV);
    const plane = new Uint8Array(planeWidth * planeHeight);
    // jpeg-js repeated each sample sx × sy times (nearest neighbour): take the first of each.
    for (let y = 0; y < planeHeight; y++) {
      for (let x = 0; x < planeWidth; x++) plane[y * planeWidth + x] = rgb[3 * (y * sy * width + x * sx) + c] as number;
    }
    return upsample(plane, planeWidth, planeHeight, sx, sy, width, height);
  });
  return { width, height, channels: 3, data: header.colour === "rgb" ? interleave(planes, width * height) : yccToRgb(planes, width * height) };
}

/**
 * The frame header and what decides the colour space, from the markers before the first scan.
 * Refuses what jpeg-js cannot decode right and headers that claim more than the data can hold.
 */
function readJpegHeader(bytes: Uint8Array, shownAs: string): JpegHeader {
  const truncated = (): MaskportError =>
    unreadable(shownAs, `truncated JPEG: the file (${bytes.length} bytes) ends before its image data does`, "The file is cut short (an interrupted copy or download?): copy it again.");
  const corrupt = (what: string): MaskportError => unreadable(shownAs, `corrupt JPEG: ${what}`, JPEG_HINT);
  const u16 = (at: number): number => ((bytes[at] as number) << 8) | (bytes[at + 1] as number);
  let frame: { width: number; height: number; components: JpegComponent[] } | undefined;
  let jfif = false;
  let adobeTransform: number | undefined;
  const adobeFlags: number[] = [];
  let at = 2;
  for (;;) {
    if (at + 2 > bytes.length) throw truncated();
    if (bytes[at] !== 0xff) throw corrupt(`no marker at byte ${at}`);
    const marker = bytes[at + 1] as number;
    // Fill bytes (0xFF) may pad before a marker.
    if (marker === 0xff) {
      at++;
      continue;
    }
    // Markers without a length: TEM and restart markers.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2;
      continue;
    }
    if (marker === 0xd8 || marker === 0xd9) throw corrupt(`a ${marker === 0xd8 ? "second start" : "premature end"} of image at byte ${at}`);
    if (at + 4 > bytes.length) throw truncated();
    const length = u16(at + 2);
    const data = at + 4;
    const end = at + 2 + length;
    if (length < 2) throw corrupt(`a segment length of ${length} at byte ${at}`);
    if (end > bytes.length) throw truncated();
    if (marker === 0xe0 && length >= 16 && ascii(bytes, data, 5) === "JFIF\0") jfif = true;
    if (marker === 0xee && length >= 14 && ascii(bytes, data, 5) === "Adobe") {
      adobeTransform = bytes[data + 11] as number;
      adobeFlags.push(data + 11);
    }
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (frame !== undefined) throw corrupt("more than one frame header");
      frame = readFrame(bytes, marker, data, end, shownAs, corrupt);
    }
    if (marker === 0xda) {
      if (frame === undefined) throw corrupt("image data before the frame header");
      return checkedHeader(bytes, frame, jfif, adobeTransform, adobeFlags, end, shownAs, truncated);
    }
    at = end;
  }
}

function readFrame(
  bytes: Uint8Array,
  marker: number,
  data: number,
  end: number,
  shownAs: string,
  corrupt: (what: string) => MaskportError,
): { width: number; height: number; components: JpegComponent[] } {
  const unsupported = (what: string): MaskportError => unreadable(shownAs, what, JPEG_HINT);
  const kind = UNSUPPORTED_FRAMES[marker];
  if (kind !== undefined) throw unsupported(`${kind} JPEG: jpeg-js decodes only baseline, extended and progressive Huffman-coded JPEGs`);
  const precision = bytes[data] as number;
  const height = ((bytes[data + 1] as number) << 8) | (bytes[data + 2] as number);
  const width = ((bytes[data + 3] as number) << 8) | (bytes[data + 4] as number);
  const count = bytes[data + 5] as number;
  if (data + 6 + 3 * count > end) throw corrupt("a frame header shorter than its component list");
  if (precision !== 8) throw unsupported(`a ${precision}-bit JPEG: jpeg-js decodes 8-bit samples only`);
  if (width === 0 || height === 0) throw corrupt(`a frame size of ${width}×${height}`);
  if (count !== 1 && count !== 3) throw unsupported(`a JPEG with ${count} colour components${count === 4 ? " (CMYK)" : ""}: only grey (1) and colour (3) JPEGs are read`);
  const components: JpegComponent[] = [];
  for (let i = 0; i < count; i++) {
    const at = data + 6 + 3 * i;
    const id = bytes[at] as number;
    const sampling = bytes[at + 1] as number;
    if (components.some((c) => c.id === id)) throw corrupt(`component id ${id} used twice`);
    components.push({ id, h: sampling >> 4, v: sampling & 15 });
  }
  const maxH = Math.max(...components.map((c) => c.h));
  const maxV = Math.max(...components.map((c) => c.v));
  for (const { h, v } of components) {
    if (h < 1 || h > 4 || v < 1 || v > 4) throw corrupt(`sampling factors ${h}×${v} (each must be 1 to 4)`);
    // Ratios 1, 2 and 4 only: jpeg-js maps samples exactly for those; 3 is unheard of in practice.
    if (![1, 2, 4].includes(maxH / h) || ![1, 2, 4].includes(maxV / v)) throw unsupported(`a JPEG with sampling factors ${h}×${v} against ${maxH}×${maxV}: maskport decodes ratios of 1, 2 and 4`);
  }
  return { width, height, components };
}

function checkedHeader(
  bytes: Uint8Array,
  frame: { width: number; height: number; components: JpegComponent[] },
  jfif: boolean,
  adobeTransform: number | undefined,
  adobeFlags: readonly number[],
  scanStart: number,
  shownAs: string,
  truncated: () => MaskportError,
): JpegHeader {
  const { width, height, components } = frame;
  // Every 8×8 block of a scan takes at least one coded bit, so the data bounds the size (and memory).
  const blocks = Math.ceil(width / 8) * Math.ceil(height / 8);
  const coded = bytes.length - scanStart;
  if (blocks > 8 * coded) {
    throw unreadable(shownAs, `the JPEG header claims ${width}×${height} pixels, more than its ${coded} bytes of image data can code: the file is corrupt or truncated`, JPEG_HINT);
  }
  if (width * height > MAX_JPEG_PIXELS) {
    throw unreadable(shownAs, `the JPEG is ${width}×${height} pixels, more than the ${MAX_JPEG_PIXELS / 1e6} megapixels maskport decodes`, "Downscale or tile the image first.");
  }
  if (!hasEndMarker(bytes, scanStart)) throw truncated();
  return { width, height, components, colour: colourSpace(components, jfif, adobeTransform), adobeFlags, scanStart };
}

/** libjpeg's rule (jdapimin.c default_decompress_parms): JFIF → YCbCr; else Adobe's flag; else component ids 'R','G','B' → RGB. */
function colourSpace(components: readonly JpegComponent[], jfif: boolean, adobeTransform: number | undefined): JpegHeader["colour"] {
  if (components.length === 1) return "grey";
  if (jfif) return "ycbcr";
  if (adobeTransform !== undefined) return adobeTransform === 0 ? "rgb" : "ycbcr";
  const [a, b, c] = components.map((component) => component.id);
  return a === 82 && b === 71 && c === 66 ? "rgb" : "ycbcr";
}

/** An EOI marker after the first scan: without one the file was cut short (Pillow refuses it too). */
function hasEndMarker(bytes: Uint8Array, from: number): boolean {
  for (let i = bytes.length - 2; i >= from; i--) {
    if (bytes[i] === 0xff && bytes[i + 1] === 0xd9) return true;
  }
  return false;
}

/** What jpeg-js's own memory accounting will ask for this header, plus its tables: its limit, so only a lie fails. */
function jpegJsBudget(header: JpegHeader, fileBytes: number): number {
  const { width, height, components } = header;
  const maxH = Math.max(...components.map((c) => c.h));
  const maxV = Math.max(...components.map((c) => c.v));
  const mcusPerLine = Math.ceil(width / 8 / maxH);
  const mcusPerColumn = Math.ceil(height / 8 / maxV);
  let budget = width * height * (components.length + 3);
  for (const { h, v } of components) {
    budget += mcusPerLine * h * mcusPerColumn * v * 256;
    budget += Math.ceil((Math.ceil(width / 8) * h) / maxH) * 8 * Math.ceil((Math.ceil(height / 8) * v) / maxV) * 8;
  }
  return budget + 4 * fileBytes + 2 ** 20;
}

/**
 * A component plane brought to full size as libjpeg-turbo does with its defaults
 * (jdsample.c): triangle filters for 2:1 ratios (h2v1 and h2v2 only when the plane is wider than
 * two samples), replication otherwise; edges repeat the outermost samples.
 */
function upsample(plane: Uint8Array, planeWidth: number, planeHeight: number, sx: number, sy: number, width: number, height: number): Uint8Array {
  if (sx === 1 && sy === 1) return plane;
  const out = new Uint8Array(width * height);
  const row = (r: number): number => Math.min(Math.max(r, 0), planeHeight - 1) * planeWidth;
  const fancyH = sx === 2 && planeWidth > 2;
  for (let y = 0; y < height; y++) {
    const near = row(Math.floor(y / sy));
    // The other row of the vertical filter: above for even output rows, below for odd ones.
    const far = row((y >> 1) + (y & 1 ? 1 : -1));
    const o = y * width;
    if (sx === 2 && sy === 2 && fancyH) {
      const sum = (c: number): number => 3 * (plane[near + c] as number) + (plane[far + c] as number);
      for (let x = 0; x < width; x++) {
        const c = x >> 1;
        if (x & 1) out[o + x] = c === planeWidth - 1 ? (4 * sum(c) + 7) >> 4 : (3 * sum(c) + sum(c + 1) + 7) >> 4;
        else out[o + x] = c === 0 ? (4 * sum(c) + 8) >> 4 : (3 * sum(c) + sum(c - 1) + 8) >> 4;
      }
    } else if (sx === 2 && sy === 1 && fancyH) {
      for (let x = 0; x < width; x++) {
        const c = x >> 1;
        const here = plane[near + c] as number;
        if (x & 1) out[o + x] = c === planeWidth - 1 ? here : (3 * here + (plane[near + c + 1] as number) + 2) >> 2;
        else out[o + x] = c === 0 ? here : (3 * here + (plane[near + c - 1] as number) + 1) >> 2;
      }
    } else if (sx === 1 && sy === 2) {
      const bias = y & 1 ? 2 : 1;
      for (let x = 0; x < width; x++) out[o + x] = (3 * (plane[near + x] as number) + (plane[far + x] as number) + bias) >> 2;
    } else {
      for (let x = 0; x < width; x++) out[o + x] = plane[near + Math.floor(x / sx)] as number;
    }
  }
  return out;
}

/** libjpeg's integer YCbCr → RGB (jdcolor.c build_ycc_rgb_table, ycc_rgb_convert). */
function yccToRgb(planes: readonly Uint8Array[], count: number): Uint8Array {
  const [luma, cb, cr] = planes as [Uint8Array, Uint8Array, Uint8Array];
  const out = new Uint8Array(count * 3);
  for (let p = 0; p < count; p++) {
    const y = luma[p] as number;
    const b = cb[p] as number;
    const r = cr[p] as number;
    out[3 * p] = clamp(y + (CR_R[r] as number));
    out[3 * p + 1] = clamp(y + (((CB_G[b] as number) + (CR_G[r] as number)) >> 16));
    out[3 * p + 2] = clamp(y + (CB_B[b] as number));
  }
  return out;
}

function interleave(planes: readonly Uint8Array[], count: number): Uint8Array {
  const out = new Uint8Array(count * 3);
  planes.forEach((plane, c) => {
    for (let p = 0; p < count; p++) out[3 * p + c] = plane[p] as number;
  });
  return out;
}

function clamp(value: number): number {
  return value < 0 ? 0 : value > 255 ? 255 : value;
}

/** libjpeg's 16-bit fixed point: FIX(x) = (JLONG)(x · 65536 + 0.5). */
function fix(x: number): number {
  return Math.floor(x * 65536 + 0.5);
}

const CR_R = Int32Array.from({ length: 256 }, (_, i) => (fix(1.402) * (i - 128) + 32768) >> 16);
const CB_B = Int32Array.from({ length: 256 }, (_, i) => (fix(1.772) * (i - 128) + 32768) >> 16);
const CR_G = Int32Array.from({ length: 256 }, (_, i) => -fix(0.71414) * (i - 128));
const CB_G = Int32Array.from({ length: 256 }, (_, i) => -fix(0.34414) * (i - 128) + 32768);

/** Frame types jpeg-js does not decode, by SOF marker. */
const UNSUPPORTED_FRAMES: Readonly<Record<number, string>> = {
  0xc3: "a lossless",
  0xc5: "a hierarchical",
  0xc6: "a hierarchical progressive",
  0xc7: "a hierarchical lossless",
  0xc9: "an arithmetic-coded",
  0xca: "an arithmetic-coded progressive",
  0xcb: "an arithmetic-coded lossless",
  0xcd: "an arithmetic-coded hierarchical",
  0xce: "an arithmetic-coded hierarchical progressive",
  0xcf: "an arithmetic-coded hierarchical lossless",
};

/** Source walk of each orientation (see {@link orientImage}): first pixel, step along an output row, step down. */
const ORIENTATION_WALKS: Readonly<Record<number, (w: number, h: number) => { start: number; dx: number; dy: number }>> = {
  2: (w) => ({ start: w - 1, dx: -1, dy: w }),
  3: (w, h) => ({ start: h * w - 1, dx: -1, dy: -w }),
  4: (w, h) => ({ start: (h - 1) * w, dx: 1, dy: -w }),
  5: (w) => ({ start: 0, dx: w, dy: 1 }),
  6: (w, h) => ({ start: (h - 1) * w, dx: -w, dy: 1 }),
  7: (w, h) => ({ start: h * w - 1, dx: -w, dy: -1 }),
  8: (w) => ({ start: w - 1, dx: w, dy: -1 }),
};

function ascii(bytes: Uint8Array, start: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(start, start + length));
}
