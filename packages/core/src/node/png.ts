import { MaskportError } from "../errors.ts";
import type { MaskImage } from "../model/mask-image.ts";
import { imageFormatOf } from "./image-size.ts";
import { decodePngPixels } from "./png-fast.ts";
import { readPngStructure, unreadablePng } from "./png-structure.ts";

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
  return decode(bytes, file, allocateBytes, false);
}

/**
 * {@link decodePng} with the RGBA pixel buffer of 8-bit RGB(A) PNGs taken from `allocate`, so a
 * reader decoding thousands of masks can reuse one buffer (the caller owns its lifetime); the
 * rows inflate into a buffer the decoder keeps for the next PNG.
 * Internal to `@maskport/core/node` (not re-exported).
 */
export function decodePngWith(bytes: Uint8Array, file: string, allocate: (byteLength: number) => Uint8Array): MaskImage {
  return decode(bytes, file, allocate, true);
}

// --- internal ---

function decode(bytes: Uint8Array, file: string, allocate: (byteLength: number) => Uint8Array, reuse: boolean): MaskImage {
  const format = imageFormatOf(bytes);
  if (format !== undefined && format !== "PNG") {
    throw new MaskportError("MASK_NOT_PNG", `mask is a ${format}, not a PNG${format === "JPEG" ? ": JPEG is lossy and changes pixel values, so colours and ids would no longer be labels" : ""}`, {
      file,
      hint: "Export or save masks as PNG.",
    });
  }
  const png = readPngStructure(bytes, file);
  if (png.unknownCritical !== undefined) throw unreadablePng(bytes, file, `unsupported critical chunk ${png.unknownCritical}: a decoder must refuse it`);
  try {
    return decodePngPixels(png, allocate, reuse);
  } catch (cause) {
    throw unreadablePng(bytes, file, cause instanceof Error ? cause.message : String(cause), cause);
  }
}

function allocateBytes(byteLength: number): Uint8Array {
  return new Uint8Array(byteLength);
}
