import { MaskportError } from "../errors.ts";

/**
 * The largest frame (width × height) decoded or sized by default: 250 megapixels. A
 * 16384×12000 mask (197 MP) passes; a 167-byte PNG that declares 30000×30000 does not.
 * Every decoded pixel costs several bytes (an RGB mask: 4 for its pixels, 4 for its label raster).
 */
export const DEFAULT_MAX_PIXELS = 250_000_000;

/** The environment variable that sets the limit (a whole number of pixels); the CLI's `--max-pixels` sets it. */
export const MAX_PIXELS_ENV = "MASKPORT_MAX_PIXELS";

/**
 * The pixel limit in force: `MASKPORT_MAX_PIXELS` when set, else {@link DEFAULT_MAX_PIXELS}.
 * @throws MaskportError INVALID_OPTION when the variable is not a whole number ≥ 1
 */
export function maxPixels(): number {
  // Browsers have no environment: the default holds there.
  const raw = typeof process === "undefined" ? undefined : process.env[MAX_PIXELS_ENV];
  if (raw === undefined || raw === "") return DEFAULT_MAX_PIXELS;
  if (raw === cached.raw) return cached.value;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new MaskportError("INVALID_OPTION", `${MAX_PIXELS_ENV}=${JSON.stringify(raw)} is not a whole number of pixels ≥ 1`, {
      hint: `Set it to e.g. ${DEFAULT_MAX_PIXELS} (the default), or unset it.`,
    });
  }
  cached = { raw, value };
  return value;
}

/**
 * Refuses a frame larger than {@link maxPixels}, before anything is allocated for it.
 * @param file named in the error
 * @throws MaskportError IMAGE_TOO_LARGE
 */
export function checkPixelLimit(width: number, height: number, file: string): void {
  const limit = maxPixels();
  if (width * height <= limit) return;
  throw new MaskportError("IMAGE_TOO_LARGE", `declares ${width}×${height} pixels (${megapixels(width * height)}), above the limit of ${megapixels(limit)}`, {
    file,
    hint: `If the image is real, raise the limit: --max-pixels ${width * height} (or ${MAX_PIXELS_ENV}=${width * height}).`,
  });
}

// --- internal ---

let cached = { raw: "", value: DEFAULT_MAX_PIXELS };

function megapixels(pixels: number): string {
  return `${Number((pixels / 1e6).toPrecision(4))} megapixels`;
}
