/** Raw images turned upright by their EXIF orientation, as CVAT and Pillow show them. */
import type { RawImage } from "./image-channels.ts";

/**
 * The image as EXIF orientation `orientation` says to show it (the TIFF/EXIF tag's 1..8:
 * 2 mirror horizontal, 3 rotate 180°, 4 mirror vertical, 5 transpose, 6 rotate 90° clockwise,
 * 7 transverse, 8 rotate 90° counter-clockwise); 5..8 swap width and height. Other values
 * (1, 0, 9…) leave the image as it is, as Pillow's `ImageOps.exif_transpose` does.
 */
export function orientImage(image: RawImage, orientation: number): RawImage {
  const walk = ORIENTATION_WALKS[orientation];
  if (walk === undefined) return image;
  const { width, height, channels, data } = image;
  const [outWidth, outHeight] = orientation >= 5 ? [height, width] : [width, height];
  // Source pixel of output (x, y) is start + x·dx + y·dy, all in pixels of the source.
  const { start, dx, dy } = walk(width, height);
  const out = data instanceof Uint16Array ? new Uint16Array(data.length) : new Uint8Array(data.length);
  let o = 0;
  for (let y = 0; y < outHeight; y++) {
    let source = start + y * dy;
    for (let x = 0; x < outWidth; x++, source += dx) {
      for (let c = 0; c < channels; c++) out[o++] = data[source * channels + c] as number;
    }
  }
  return { width: outWidth, height: outHeight, channels, data: out };
}

// --- internal ---

/** Source walk of each orientation (see {@link orientImage}): first pixel, step along an output row, step down. */
const ORIENTATION_WALKS: Readonly<Record<number, (w: number, h: number) => { start: number; dx: number; dy: number }>> = {
  2: (w) => ({ start: w - 1, dx: -1, dy: w }),
  3: (w, h) => ({ start: h * w - 1, dx: -1, dy: -w }),
  4: (w, h) => ({ start: (h - 1) * w, dx: 1, dy: -w }),
  5: (w) => ({ start: 0, dx: w, dy: 1 }),
  6: (w, h) => ({ start: (h - 1) * w, dx: -w, dy: 1 }),
  7: (w, h) => ({ start: h * w - 1, dx: -w, dy: -1 }),
  8: (w) => ({ start: w - 1, dx: w, dy: -1 }),
};
