import { MaskportError } from "../errors.ts";
import type { MaskImage } from "../model/mask-image.ts";
import { imageFormatOf } from "../files/image-size.ts";
import type { RowRuns } from "../model/row-runs.ts";
import { decodePngPixels } from "./png-fast.ts";
import { decodePngColorRuns } from "./png-runs.ts";
import { readPngStructure, unreadablePng, type PngStructure } from "./png-structure.ts";

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
  return decode(bytes, file, (png) => decodePngPixels(png, false));
}

/** An 8-bit RGB(A) mask that is not interlaced, as colour runs (png-runs.ts). */
export interface ColorRunsMask {
  readonly kind: "color-runs";
  readonly width: number;
  readonly height: number;
  readonly runs: RowRuns;
}

/**
 * {@link decodePng} for a reader decoding thousands of masks: an 8-bit RGB(A) PNG that is not
 * interlaced (what CVAT writes) comes as colour runs per row, no frame-sized buffer; other PNGs
 * as pixels. The rows inflate into a buffer the decoder keeps for the next PNG (gray and palette
 * values are copied out). Same checks and errors as decodePng.
 * Internal to `@maskport/core/node` (not re-exported).
 */
export function decodeMaskPng(bytes: Uint8Array, file: string): ColorRunsMask | MaskImage {
  return decode<ColorRunsMask | MaskImage>(bytes, file, (png) => {
    const runs = decodePngColorRuns(png);
    return runs === undefined ? decodePngPixels(png, true) : { kind: "color-runs", width: png.width, height: png.height, runs };
  });
}

// --- internal ---

/** Checks the PNG's structure (other image formats refused), then decodes its pixels with `pixels`, whose errors name the file. */
function decode<T>(bytes: Uint8Array, file: string, pixels: (png: PngStructure) => T): T {
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
    return pixels(png);
  } catch (cause) {
    throw unreadablePng(bytes, file, cause instanceof Error ? cause.message : String(cause), cause);
  }
}
