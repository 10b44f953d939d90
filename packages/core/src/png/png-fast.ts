import type { MaskImage } from "../model/mask-image.ts";
import { inflateRows, unfilterRow } from "./png-rows.ts";
import { ADAM7, CHANNELS, type PngStructure } from "./png-structure.ts";
import { sameBytes } from "./same-bytes.ts";

/**
 * Decodes the pixels of a PNG whose structure `readPngStructure` has checked: every colour type
 * and bit depth, interlaced or not, into the {@link MaskImage} layout of png.ts. The image data
 * inflates into one buffer (inflate-into.ts); 8-bit non-interlaced images (what masks nearly
 * always are) are unfiltered in it and moved into the layout row by row while in cache, gray and
 * palette values gathered into the front of that buffer; other depths and Adam7 get fresh output arrays.
 * @param reuse inflate into a buffer this module keeps for the next image (gray and palette
 *   values are then copied out, 1 byte a pixel); otherwise into a fresh one the image may keep
 * @throws Error saying what is wrong with the image data (truncated, surplus, corrupt, bad filter)
 */
export function decodePngPixels(png: PngStructure, reuse: boolean): MaskImage {
  const { raw, kept } = inflateRows(png, reuse);
  if (png.bitDepth === 8 && !png.interlace) return decodeRows(raw, png.width, png.height, png.colorType, png.palette, kept);
  return decodeOther(raw, png);
}

// --- internal ---

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const WHOLE = [[0, 0, 1, 1]] as const;

/**
 * 8-bit, not interlaced: unfilters row by row and moves each row into the MaskImage layout of
 * png.ts (RGB as RGBA-strided bytes, alpha 255) while it is still in cache.
 */
function decodeRows(raw: Uint8Array, width: number, height: number, colorType: number, palette: Uint8Array | undefined, kept: boolean): MaskImage {
  const count = width * height;
  const base = { width, height, bitDepth: 8 };
  const channels = CHANNELS[colorType] ?? 1;
  const rowBytes = width * channels;
  const stride = rowBytes + 1;
  if (colorType === 0 || colorType === 4 || colorType === 3) {
    // Values are gathered into the front of the rows buffer itself, each row once the row below
    // no longer needs it as its filter's "above": no second frame-sized array.
    const gather = (y: number): void => {
      const s = y * stride + 1;
      if (channels === 1) raw.copyWithin(y * width, s, s + rowBytes);
      else for (let x = 0, p = y * width; x < width; x++) raw[p + x] = raw[s + 2 * x] as number;
    };
    for (let y = 0; y < height; y++) {
      unfilterRow(raw, y * stride + 1, y * stride + 1 - stride, rowBytes, channels, y === 0);
      if (y > 0) gather(y - 1);
    }
    gather(height - 1);
    // A kept buffer decodes the next image: copy the values out.
    const values = kept ? raw.slice(0, count) : raw.subarray(0, count);
    if (colorType !== 3) return { kind: "gray", ...base, values };
    const entries = Math.floor((palette as Uint8Array).length / 3);
    return { kind: "indexed", ...base, values, palette: (palette as Uint8Array).slice(0, entries * 3) };
  }
  const values = new Uint8Array(count * 4);
  if (colorType === 6) {
    for (let y = 0; y < height; y++) {
      unfilterRow(raw, y * stride + 1, y * stride + 1 - stride, rowBytes, 4, y === 0);
      values.set(raw.subarray(y * stride + 1, (y + 1) * stride), 4 * y * width);
    }
    return { kind: "rgb", ...base, values };
  }
  const words = LITTLE_ENDIAN && values.byteOffset % 4 === 0 ? new Uint32Array(values.buffer, values.byteOffset, count) : undefined;
  for (let y = 0, p = 0; y < height; y++) {
    const s0 = y * stride + 1;
    unfilterRow(raw, s0, s0 - stride, rowBytes, 3, y === 0);
    // Most mask rows repeat the row above: a native compare and copy instead of converting.
    if (words !== undefined && y > 0 && sameBytes(raw, s0, raw, s0 - stride, rowBytes)) {
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

/**
 * The rare PNGs: 1/2/4/16-bit samples or Adam7. Gray values as they are (never rescaled),
 * palette indices, RGB(A) as RGBA-strided bytes with 16-bit channels scaled by 255/65535.
 */
function decodeOther(raw: Uint8Array, png: PngStructure): MaskImage {
  const { width, height, bitDepth, colorType } = png;
  const channels = CHANNELS[colorType] ?? 1;
  const bitsPerPixel = bitDepth * channels;
  const bpp = Math.max(1, bitsPerPixel >> 3);
  const count = width * height;
  const kind = colorType === 3 ? "indexed" : colorType === 0 || colorType === 4 ? "gray" : "rgb";
  const gray = kind === "gray" ? new Uint16Array(count) : undefined;
  const bytes = kind === "gray" ? undefined : new Uint8Array(kind === "rgb" ? count * 4 : count);
  const mask = (1 << bitDepth) - 1;
  /** Sample `c` of pixel `i` of the row whose samples start at `s`. */
  const sample = (s: number, i: number, c: number): number => {
    if (bitDepth === 8) return raw[s + i * channels + c] as number;
    if (bitDepth === 16) {
      const at = s + 2 * (i * channels + c);
      return ((raw[at] as number) << 8) | (raw[at + 1] as number);
    }
    const bit = i * bitDepth; // one channel below 8 bits
    return ((raw[s + (bit >> 3)] as number) >> (8 - bitDepth - (bit & 7))) & mask;
  };
  const toByte = bitDepth === 16 ? (v: number) => Math.round((v * 255) / 65535) : (v: number) => v;
  let at = 0;
  for (const [x0, y0, dx, dy] of png.interlace ? ADAM7 : WHOLE) {
    const w = Math.max(0, Math.ceil((width - x0) / dx));
    const h = Math.max(0, Math.ceil((height - y0) / dy));
    if (w === 0 || h === 0) continue;
    const rowBytes = Math.ceil((w * bitsPerPixel) / 8);
    for (let j = 0; j < h; j++) {
      const s = at + j * (rowBytes + 1) + 1;
      unfilterRow(raw, s, s - rowBytes - 1, rowBytes, bpp, j === 0);
      for (let i = 0, p = (y0 + j * dy) * width + x0; i < w; i++, p += dx) {
        if (gray !== undefined) gray[p] = sample(s, i, 0);
        else if (kind === "indexed") (bytes as Uint8Array)[p] = sample(s, i, 0);
        else {
          const q = 4 * p;
          for (let c = 0; c < 3; c++) (bytes as Uint8Array)[q + c] = toByte(sample(s, i, c));
          (bytes as Uint8Array)[q + 3] = 255;
        }
      }
    }
    at += h * (rowBytes + 1);
  }
  const base = { width, height, bitDepth };
  if (gray !== undefined) return { kind: "gray", ...base, values: gray };
  if (kind === "rgb") return { kind: "rgb", ...base, values: bytes as Uint8Array };
  const palette = png.palette as Uint8Array;
  return { kind: "indexed", ...base, values: bytes as Uint8Array, palette: palette.slice(0, Math.floor(palette.length / 3) * 3) };
}
