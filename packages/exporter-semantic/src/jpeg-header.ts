/**
 * JPEG headers read before decoding: the frame (size, components, sampling), the colour space
 * libjpeg would pick, the end marker, and the size and memory budget, so that kinds jpeg-js
 * cannot decode right and headers that claim more than the file's data can code are refused
 * before anything is allocated for them.
 */
import type { MaskportError } from "@maskport/core";
import { unreadable } from "./image-unreadable.ts";

/** The hint of every JPEG that cannot be decoded. */
export const JPEG_HINT = "Save the image as PNG (lossless), or as an 8-bit grey or colour JPEG, then run again.";

/** One component of a JPEG frame. */
export interface JpegComponent {
  readonly id: number;
  /** Horizontal and vertical sampling factors, 1..4. */
  readonly h: number;
  readonly v: number;
}

/** What decoding a JPEG needs from its header. */
export interface JpegHeader {
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

/**
 * The frame header and what decides the colour space, from the markers before the first scan.
 * Refuses what jpeg-js cannot decode right and headers that claim more than the data can hold.
 */
export function readJpegHeader(bytes: Uint8Array, shownAs: string): JpegHeader {
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

/** What jpeg-js's own memory accounting will ask for this header, plus its tables: its limit, so only a lie fails. */
export function jpegJsBudget(header: JpegHeader, fileBytes: number): number {
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

// --- internal ---

/** Headers larger than this are refused before decoding (jpeg-js needs ~20 bytes a pixel for colour). */
const MAX_JPEG_PIXELS = 100_000_000;

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

function ascii(bytes: Uint8Array, start: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(start, start + length));
}
