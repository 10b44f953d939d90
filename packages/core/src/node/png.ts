import { MaskportError } from "../errors.ts";
import type { MaskImage } from "../model/mask-image.ts";
import { decodeSimplePng } from "./png-fast.ts";
import { decodeRawPng, type RawPng } from "./pngjs-raw.ts";

/**
 * Decodes a mask PNG exactly: gray 1/2/4/8/16-bit values as they are (never rescaled),
 * palette PNGs as palette indices (plus the palette), RGB/RGBA as 8-bit RGBA-strided RGB (16-bit
 * channels scaled by 255/65535, exact for the usual v·257 values); alpha is ignored; interlaced too.
 * @param file named in error messages
 * @throws MaskportError MASK_NOT_PNG for JPEG (lossy: pixel values would not be labels) or another
 *   image format; PNG_UNREADABLE for truncated or corrupt data
 */
export function decodePng(bytes: Uint8Array, file: string): MaskImage {
  return decodePngWith(bytes, file, allocateBytes);
}

/**
 * {@link decodePng} with the RGB(A) pixel buffer of 8-bit PNGs taken from `allocate`, so a
 * reader decoding thousands of masks can reuse one buffer (the caller owns its lifetime).
 * Internal to `@maskport/core/node` (not re-exported).
 */
export function decodePngWith(bytes: Uint8Array, file: string, allocate: (byteLength: number) => Uint8Array): MaskImage {
  const format = sniffNonPng(bytes);
  if (format !== undefined) {
    throw new MaskportError("MASK_NOT_PNG", `mask is a ${format}, not a PNG${format === "JPEG" ? ": JPEG is lossy and changes pixel values, so colours and ids would no longer be labels" : ""}`, {
      file,
      hint: "Export or save masks as PNG.",
    });
  }
  const simple = decodeSimplePng(bytes, allocate);
  if (simple !== undefined) return simple;
  let raw: RawPng;
  try {
    raw = decodeRawPng(bytes);
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new MaskportError("PNG_UNREADABLE", `cannot read PNG (${bytes.length} bytes): ${reason}`, { file, cause });
  }
  return toMaskImage(raw);
}

// --- internal ---

function allocateBytes(byteLength: number): Uint8Array {
  return new Uint8Array(byteLength);
}

function toMaskImage(raw: RawPng): MaskImage {
  const { width, height, depth: bitDepth, pixels } = raw;
  const count = width * height;
  if (raw.colorType === 3) {
    const values = new Uint8Array(count);
    for (let p = 0; p < count; p++) values[p] = pixels[4 * p] ?? 0;
    const palette = new Uint8Array(raw.palette.length * 3);
    raw.palette.forEach((entry, i) => palette.set([entry[0] ?? 0, entry[1] ?? 0, entry[2] ?? 0], 3 * i));
    return { kind: "indexed", width, height, bitDepth, values, palette };
  }
  if (raw.colorType === 0 || raw.colorType === 4) {
    const values = new Uint16Array(count);
    for (let p = 0; p < count; p++) values[p] = pixels[4 * p] ?? 0;
    return { kind: "gray", width, height, bitDepth, values };
  }
  if (bitDepth !== 16) {
    // pngjs's RGBA buffer already has the layout: no copy.
    return { kind: "rgb", width, height, bitDepth, values: new Uint8Array(pixels.buffer, pixels.byteOffset, count * 4) };
  }
  const values = new Uint8Array(count * 4);
  for (let q = 0; q < values.length; q++) values[q] = Math.round(((pixels[q] ?? 0) * 255) / 65535);
  return { kind: "rgb", width, height, bitDepth, values };
}

/** Names a recognised non-PNG image format from its magic bytes. */
function sniffNonPng(bytes: Uint8Array): string | undefined {
  const starts = (...magic: number[]): boolean => magic.every((byte, i) => bytes[i] === byte);
  if (starts(0xff, 0xd8, 0xff)) return "JPEG";
  if (starts(0x47, 0x49, 0x46, 0x38)) return "GIF";
  if (starts(0x42, 0x4d)) return "BMP";
  if (starts(0x49, 0x49, 0x2a, 0x00) || starts(0x4d, 0x4d, 0x00, 0x2a)) return "TIFF";
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50) return "WebP";
  return undefined;
}
