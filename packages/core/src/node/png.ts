import { MaskportError } from "../errors.ts";
import type { MaskImage } from "../model/mask-image.ts";
import { imageFormatOf } from "./image-size.ts";
import { decodeSimpleStructure } from "./png-fast.ts";
import { readPngStructure, unreadablePng } from "./png-structure.ts";
import { decodeRawPng, type RawPng } from "./pngjs-raw.ts";

/**
 * Decodes a mask PNG exactly: gray 1/2/4/8/16-bit values as they are (never rescaled),
 * palette PNGs as palette indices (plus the palette), RGB/RGBA as 8-bit RGBA-strided RGB (16-bit
 * channels scaled by 255/65535, exact for the usual v·257 values); alpha is ignored; interlaced too.
 * Declared sizes are checked against the data before anything is allocated (png-structure.ts),
 * and the image data must inflate to exactly the declared rows.
 * @param file named in error messages
 * @throws MaskportError MASK_NOT_PNG for JPEG (lossy: pixel values would not be labels) or another
 *   image format; PNG_UNREADABLE for truncated or corrupt data, saying what is wrong;
 *   IMAGE_TOO_LARGE above the pixel limit (pixel-limit.ts)
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
  const format = imageFormatOf(bytes);
  if (format !== undefined && format !== "PNG") {
    throw new MaskportError("MASK_NOT_PNG", `mask is a ${format}, not a PNG${format === "JPEG" ? ": JPEG is lossy and changes pixel values, so colours and ids would no longer be labels" : ""}`, {
      file,
      hint: "Export or save masks as PNG.",
    });
  }
  const png = readPngStructure(bytes, file);
  const simple = decodeSimpleStructure(png, allocate);
  if (simple !== undefined) return simple;
  let raw: RawPng;
  try {
    raw = decodeRawPng(bytes.subarray(0, png.end), png.inflatedLength);
  } catch (cause) {
    throw unreadablePng(bytes, file, cause instanceof Error ? cause.message : String(cause), cause);
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
