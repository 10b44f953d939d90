import { MaskportError } from "../errors.ts";
import { checkPixelLimit } from "./pixel-limit.ts";
import { crc32 } from "./crc32.ts";

/**
 * A PNG's chunks, checked before any pixel buffer is allocated: signature, every chunk whole
 * and its CRC right, IHDR first and valid, at most one PLTE of 1 to
 * 256 RGB entries before the image data, image data present, IEND reached. Data after IEND is ignored, as libpng does.
 */
export interface PngStructure {
  readonly width: number;
  readonly height: number;
  /** Bits per sample: 1, 2, 4, 8 or 16. */
  readonly bitDepth: number;
  /** 0 gray, 2 RGB, 3 palette, 4 gray + alpha, 6 RGBA. */
  readonly colorType: number;
  readonly interlace: boolean;
  /** The PLTE chunk's data (RGB triplets), when there is one. */
  readonly palette: Uint8Array | undefined;
  /** The IDAT chunks' data, in order. */
  readonly idat: readonly Uint8Array[];
  readonly idatLength: number;
  /** Bytes the image data must inflate to: every row (of every Adam7 pass) with its filter byte. */
  readonly inflatedLength: number;
  /** Offset just past IEND. */
  readonly end: number;
  /** The first critical chunk other than IHDR, PLTE, IDAT and IEND, if any (a decoder must refuse it). */
  readonly unknownCritical: string | undefined;
}


/**
 * Deflate's largest expansion: one 258-byte match per 2 bits (zlib's own figure, 1032:1). Image
 * data that inflates to more than this many times its size is truncated or lies about its size.
 */
export const MAX_INFLATE_RATIO = 1032;

/**
 * Checks a PNG's chunk structure and declared size against the data it holds, and the pixel limit.
 * @param file named in errors
 * @throws MaskportError PNG_UNREADABLE saying what is wrong (not a PNG, truncated, bad CRC in
 *   which chunk, bad header, too little image data for the declared size); IMAGE_TOO_LARGE
 */
export function readPngStructure(bytes: Uint8Array, file: string): PngStructure {
  const fail = (reason: string): MaskportError => unreadablePng(bytes, file, reason);
  if (bytes.length === 0) throw fail("the file is empty");
  for (let i = 0; i < 8; i++) if (bytes[i] !== SIGNATURE[i]) throw fail(bytes.length < 8 ? "truncated inside the PNG signature" : "not a PNG file (it does not start with the PNG signature)");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let header: Omit<PngStructure, "palette" | "idat" | "idatLength" | "inflatedLength" | "end" | "unknownCritical"> | undefined;
  let palette: Uint8Array | undefined;
  const idat: Uint8Array[] = [];
  let idatLength = 0;
  let unknownCritical: string | undefined;
  let previous = "the PNG signature";
  let at = 8;
  for (;;) {
    if (at + 8 > bytes.length) {
      throw fail(at === bytes.length ? `truncated: the file ends after ${previous}, before the IEND chunk` : `truncated: the file ends inside the chunk header at byte ${at}`);
    }
    const length = view.getUint32(at);
    const type = chunkName(bytes, at + 4);
    if (type === undefined) throw fail(`corrupt: no chunk name at byte ${at + 4} (after ${previous})`);
    if (length > 0x7fffffff) throw fail(`corrupt: chunk ${type} at byte ${at} declares ${length} bytes`);
    const end = at + 12 + length;
    if (end > bytes.length) {
      throw fail(`truncated: chunk ${type} at byte ${at} declares ${length} bytes, the file holds ${Math.max(0, bytes.length - at - 8)} of them`);
    }
    const data = bytes.subarray(at + 8, at + 8 + length);
    if (crc32(bytes.subarray(at + 4, at + 8 + length)) !== view.getUint32(at + 8 + length)) {
      throw fail(`bad CRC in chunk ${type} at byte ${at}: the file is corrupt`);
    }
    if (header === undefined) {
      if (type !== "IHDR") throw fail(`corrupt: the first chunk is ${type}, not IHDR`);
      header = readHeader(data, fail);
      // Before anything is allocated for it.
      checkPixelLimit(header.width, header.height, file);
    } else if (type === "IDAT") {
      idat.push(data);
      idatLength += length;
    } else if (type === "PLTE") {
      if (idat.length > 0) throw fail(`corrupt: chunk PLTE at byte ${at} comes after the image data (IDAT)`);
      if (palette !== undefined) throw fail(`corrupt: a second PLTE chunk at byte ${at}`);
      if (length === 0 || length % 3 !== 0 || length > 256 * 3) {
        throw fail(`corrupt: the PLTE chunk at byte ${at} holds ${length} bytes, not 1 to 256 RGB entries of 3 bytes`);
      }
      palette = data;
    } else if (type === "IEND") {
      if (idatLength === 0) throw fail(idat.length === 0 ? "no image data (no IDAT chunk)" : "the image data (IDAT) is empty");
      if (header.colorType === 3 && palette === undefined) throw fail("a palette image without a palette (no PLTE chunk)");
      const inflatedLength = inflatedSize(header.width, header.height, header.bitDepth * CHANNELS[header.colorType]!, header.interlace);
      if (inflatedLength > idatLength * MAX_INFLATE_RATIO + MAX_INFLATE_RATIO) {
        throw fail(
          `truncated or corrupt: ${idatLength} bytes of compressed image data cannot hold the ${header.width}×${header.height} image it declares (${inflatedLength} bytes once inflated)`,
        );
      }
      return { ...header, palette, idat, idatLength, inflatedLength, end, unknownCritical };
    } else if ((bytes[at + 4] ?? 0) < 0x61) {
      unknownCritical ??= type;
    }
    previous = `chunk ${type}`;
    at = end;
  }
}

/** The PNG_UNREADABLE error for `bytes` of `file`, with what is wrong. */
export function unreadablePng(bytes: Uint8Array, file: string, reason: string, cause?: unknown): MaskportError {
  return new MaskportError("PNG_UNREADABLE", `cannot read PNG (${bytes.length} bytes): ${reason}`, {
    file,
    hint: "The file is damaged or not a PNG: export or copy it again.",
    ...(cause === undefined ? {} : { cause }),
  });
}

// --- internal ---

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** Samples per pixel by colour type. */
export const CHANNELS: Readonly<Record<number, number>> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
/** Allowed bit depths by colour type (PNG specification, table 11.1). */
const DEPTHS: Readonly<Record<number, readonly number[]>> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };
/** Adam7 passes: x0, y0, dx, dy. */
export const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

/** Four ASCII letters, or undefined. */
function chunkName(bytes: Uint8Array, at: number): string | undefined {
  let name = "";
  for (let i = at; i < at + 4; i++) {
    const byte = bytes[i] ?? 0;
    if (!((byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a))) return undefined;
    name += String.fromCharCode(byte);
  }
  return name;
}

function readHeader(data: Uint8Array, fail: (reason: string) => MaskportError): { width: number; height: number; bitDepth: number; colorType: number; interlace: boolean } {
  if (data.length !== 13) throw fail(`corrupt: the IHDR chunk holds ${data.length} bytes, not 13`);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const width = view.getUint32(0);
  const height = view.getUint32(4);
  const [bitDepth = 0, colorType = 0, compression, filter, interlace = 0] = data.subarray(8);
  if (width === 0 || height === 0 || width > 0x7fffffff || height > 0x7fffffff) throw fail(`corrupt: the header declares ${width}×${height} pixels`);
  if (DEPTHS[colorType] === undefined) throw fail(`corrupt: unknown colour type ${colorType}`);
  if (!DEPTHS[colorType]!.includes(bitDepth)) throw fail(`corrupt: bit depth ${bitDepth} is not allowed for colour type ${colorType}`);
  if (compression !== 0 || filter !== 0 || interlace > 1) throw fail(`corrupt: unknown compression (${compression}), filter (${filter}) or interlace (${interlace}) method`);
  return { width, height, bitDepth, colorType, interlace: interlace === 1 };
}

/** Inflated size of the image data: rows of `⌈width · bitsPerPixel / 8⌉` bytes plus a filter byte, per pass. */
function inflatedSize(width: number, height: number, bitsPerPixel: number, interlace: boolean): number {
  const rows = (w: number, h: number): number => (w === 0 || h === 0 ? 0 : h * (1 + Math.ceil((w * bitsPerPixel) / 8)));
  if (!interlace) return rows(width, height);
  let total = 0;
  for (const [x0, y0, dx, dy] of ADAM7) total += rows(Math.max(0, Math.ceil((width - x0) / dx)), Math.max(0, Math.ceil((height - y0) / dy)));
  return total;
}
