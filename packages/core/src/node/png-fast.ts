import { inflateSync } from "node:zlib";
import type { MaskImage } from "../model/mask-image.ts";
import { CHECKS_CRC, readPngStructure, type PngStructure } from "./png-structure.ts";

/**
 * The fast path of {@link decodePng} for what mask PNGs nearly always are: 8-bit samples, not
 * interlaced, colour type 0 (gray), 2 (RGB), 3 (palette), 4 (gray + alpha) or 6 (RGBA).
 * One native inflate, the five PNG row filters undone in place, and one typed-array pass
 * into the {@link MaskImage} layout — no per-pixel closures, no RGBA round trip for palettes.
 * Returns undefined for anything else AND for anything unusual (a bad structure, truncated or
 * surplus image data, an unknown filter or critical chunk): the caller then runs pngjs, which
 * decodes the rest and reports errors.
 * @param allocate gives the RGBA output buffer of RGB/RGBA images (zero-filled or not: every byte is written)
 */
export function decodeSimplePng(bytes: Uint8Array, allocate: (byteLength: number) => Uint8Array = (n) => new Uint8Array(n)): MaskImage | undefined {
  let png: PngStructure;
  try {
    png = readPngStructure(bytes, "");
  } catch {
    return undefined;
  }
  return decodeSimpleStructure(png, allocate);
}

/** {@link decodeSimplePng} on a structure already checked by `readPngStructure`. */
export function decodeSimpleStructure(png: PngStructure, allocate: (byteLength: number) => Uint8Array): MaskImage | undefined {
  const { width, height, colorType, palette, idat, idatLength } = png;
  // Without zlib.crc32 the CRCs are unchecked: pngjs checks them.
  if (!CHECKS_CRC || png.bitDepth !== 8 || png.interlace || CHANNELS[colorType] === undefined || png.unknownCritical || width * height > MAX_PIXELS) return undefined;
  const expected = png.inflatedLength;
  let raw: Uint8Array;
  try {
    // One byte more than expected: with exactly `expected`, zlib fills the buffer, allocates a
    // second one of the same size to look for more output, and finds none. That unused
    // allocation still counts as external memory for V8 and brings collections forward.
    // Surplus data still fails: it overflows maxOutputLength after at most one byte more, and
    // pngjs's path then refuses it with a message. One chunk for the whole image: several
    // would be concatenated into a second copy. (readPngStructure has checked that the
    // compressed data can inflate to `expected` at all, so this buffer is bounded by what the
    // file holds.)
    const chunkSize = Math.max(64, expected + 1);
    raw = inflateSync(idat.length === 1 ? (idat[0] as Uint8Array) : Buffer.concat(idat, idatLength), { maxOutputLength: expected, chunkSize });
  } catch {
    return undefined;
  }
  if (raw.length !== expected) return undefined;
  return decodeRows(raw, width, height, colorType, palette, allocate);
}

// --- internal ---

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
/** Samples per pixel by colour type. */
const CHANNELS: Readonly<Record<number, number>> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };
/** Larger images go through pngjs. */
const MAX_PIXELS = 1 << 28;

/**
 * Undoes the filter of row `y` in place (the row: filter byte at `s − 1`, then `rowBytes`
 * samples; `bpp` bytes per pixel; the row above already unfiltered). False for a filter type
 * other than 0–4.
 */
function unfilterRow(data: Uint8Array, y: number, rowBytes: number, bpp: number): boolean {
  const stride = rowBytes + 1;
  const s = y * stride + 1;
  const u = s - stride; // the previous row's samples (only read when y > 0)
  const filter = data[s - 1];
  if (filter === 0) return true;
  if (filter === 1) {
    for (let i = bpp; i < rowBytes; i++) data[s + i] = (data[s + i] as number) + (data[s + i - bpp] as number);
  } else if (filter === 2) {
    if (y > 0) for (let i = 0; i < rowBytes; i++) data[s + i] = (data[s + i] as number) + (data[u + i] as number);
  } else if (filter === 3) {
    if (y === 0) {
      for (let i = bpp; i < rowBytes; i++) data[s + i] = (data[s + i] as number) + ((data[s + i - bpp] as number) >> 1);
    } else {
      for (let i = 0; i < bpp; i++) data[s + i] = (data[s + i] as number) + ((data[u + i] as number) >> 1);
      for (let i = bpp; i < rowBytes; i++) data[s + i] = (data[s + i] as number) + (((data[s + i - bpp] as number) + (data[u + i] as number)) >> 1);
    }
  } else if (filter === 4) {
    if (y === 0) {
      // Paeth with no row above predicts from the left pixel (Sub).
      for (let i = bpp; i < rowBytes; i++) data[s + i] = (data[s + i] as number) + (data[s + i - bpp] as number);
    } else {
      for (let i = 0; i < bpp; i++) data[s + i] = (data[s + i] as number) + (data[u + i] as number);
      for (let i = bpp; i < rowBytes; i++) {
        const a = data[s + i - bpp] as number;
        const b = data[u + i] as number;
        const c = data[u + i - bpp] as number;
        const pa = b > c ? b - c : c - b; // |p − a| with p = a + b − c
        const pb = a > c ? a - c : c - a;
        const pcRaw = a + b - c - c;
        const pc = pcRaw < 0 ? -pcRaw : pcRaw;
        data[s + i] = (data[s + i] as number) + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
      }
    }
  } else {
    return false;
  }
  return true;
}

/**
 * Unfilters row by row and moves each row into the MaskImage layout of png.ts (RGB as
 * RGBA-strided bytes, alpha 255) while it is still in cache. Undefined on a bad filter type.
 */
function decodeRows(raw: Uint8Array, width: number, height: number, colorType: number, palette: Uint8Array | undefined, allocate: (byteLength: number) => Uint8Array): MaskImage | undefined {
  const count = width * height;
  const base = { width, height, bitDepth: 8 };
  const channels = CHANNELS[colorType] ?? 1;
  const rowBytes = width * channels;
  if (colorType === 0 || colorType === 4) {
    // Gray values are gathered into the front of the inflated buffer itself, each row once the
    // row below no longer needs it as its filter's "above": no second frame-sized array.
    const gather = (y: number): void => {
      const s = y * (rowBytes + 1) + 1;
      if (channels === 1) raw.copyWithin(y * width, s, s + rowBytes);
      else for (let x = 0, p = y * width; x < width; x++) raw[p + x] = raw[s + 2 * x] as number;
    };
    for (let y = 0; y < height; y++) {
      if (!unfilterRow(raw, y, rowBytes, channels)) return undefined;
      if (y > 0) gather(y - 1);
    }
    if (height > 0) gather(height - 1);
    return { kind: "gray", ...base, values: new Uint8Array(raw.buffer, raw.byteOffset, count) };
  }
  if (colorType === 3) {
    const values = new Uint8Array(count);
    for (let y = 0; y < height; y++) {
      if (!unfilterRow(raw, y, rowBytes, 1)) return undefined;
      values.set(raw.subarray(y * (width + 1) + 1, (y + 1) * (width + 1)), y * width);
    }
    const entries = Math.floor((palette as Uint8Array).length / 3);
    return { kind: "indexed", ...base, values, palette: (palette as Uint8Array).slice(0, entries * 3) };
  }
  const values = allocate(count * 4);
  if (colorType === 6) {
    for (let y = 0; y < height; y++) {
      if (!unfilterRow(raw, y, rowBytes, 4)) return undefined;
      values.set(raw.subarray(y * (rowBytes + 1) + 1, (y + 1) * (rowBytes + 1)), 4 * y * width);
    }
    return { kind: "rgb", ...base, values };
  }
  const words = LITTLE_ENDIAN && values.byteOffset % 4 === 0 ? new Uint32Array(values.buffer, values.byteOffset, count) : undefined;
  const bytes = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  for (let y = 0, p = 0; y < height; y++) {
    if (!unfilterRow(raw, y, rowBytes, 3)) return undefined;
    const s0 = y * (rowBytes + 1) + 1;
    // Most mask rows repeat the row above: a native compare and copy instead of converting.
    if (words !== undefined && y > 0 && bytes.compare(bytes, s0 - rowBytes - 1, s0 - 1, s0, s0 + rowBytes) === 0) {
      words.copyWithin(p, p - width, p);
      p += width;
      continue;
    }
    if (words !== undefined) {
      for (let s = s0, end = s0 + rowBytes; s < end; s += 3) {
        words[p++] = ((raw[s] as number) | ((raw[s + 1] as number) << 8) | ((raw[s + 2] as number) << 16) | 0xff000000) >>> 0;
      }
    } else {
      for (let s = s0, end = s0 + rowBytes, q = 4 * y * width; s < end; s += 3, q += 4) {
        values[q] = raw[s] as number;
        values[q + 1] = raw[s + 1] as number;
        values[q + 2] = raw[s + 2] as number;
        values[q + 3] = 255;
      }
    }
  }
  return { kind: "rgb", ...base, values };
}
