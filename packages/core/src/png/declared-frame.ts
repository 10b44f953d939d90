import { isMaskportError, MaskportError } from "../errors.ts";
import { checkPixelLimit } from "./pixel-limit.ts";

/** The largest width or height an input may declare for a frame: 2³¹ pixels. */
export const MAX_FRAME_SIDE = 2 ** 31;

/** Where a frame size was declared, for {@link checkDeclaredFrame}'s errors. */
export interface DeclaredFrameSource {
  /** The input file that declares it. */
  readonly file: string;
  /** What declares it, as the message names it: `images[3] (id 7, "a.png")`, `<image id="3" name="a.png">`. */
  readonly entry: string;
  /** The importer, for the message's prefix. */
  readonly plugin?: string;
}

/**
 * The check importers make on a frame size their input declares (COCO `images[]`, CVAT
 * `<image width height>`, a size option) before anything is decoded for it: whole numbers
 * 1..2³¹, and no more pixels than the limit ({@link checkPixelLimit}). Every raster an
 * importer then allocates for an instance lies inside the frame, so this bounds them too.
 * @throws MaskportError INVALID_INPUT (not a whole number, ≤ 0 or above 2³¹),
 *   IMAGE_TOO_LARGE (above the pixel limit); both name the file and the entry
 */
export function checkDeclaredFrame(width: number, height: number, where: DeclaredFrameSource): void {
  const plugin = where.plugin === undefined ? {} : { plugin: where.plugin };
  for (const [name, value] of [
    ["width", width],
    ["height", height],
  ] as const) {
    if (!Number.isInteger(value) || value < 1 || value > MAX_FRAME_SIDE) {
      throw new MaskportError("INVALID_INPUT", `${where.entry}: ${name} ${value} is not a whole number of pixels from 1 to 2³¹`, { file: where.file, ...plugin });
    }
  }
  try {
    checkPixelLimit(width, height, where.file);
  } catch (error) {
    if (!isMaskportError(error) || error.code !== "IMAGE_TOO_LARGE") throw error;
    // The limit's own wording, with the entry after the file.
    const prefix = `${where.file}: `;
    const message = error.message.startsWith(prefix) ? error.message.slice(prefix.length) : error.message;
    throw new MaskportError("IMAGE_TOO_LARGE", `${where.entry} ${message}`, { file: where.file, ...plugin, ...(error.hint === undefined ? {} : { hint: error.hint }), cause: error });
  }
}
