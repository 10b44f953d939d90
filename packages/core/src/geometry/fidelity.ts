import { MaskportError } from "../errors.ts";
import type { Bitmap, Fidelity } from "../types.ts";
import { rasterizePolygons } from "./rasterize-polygons.ts";
import type { PolygonTarget, Ring } from "./types.ts";

/**
 * Pixels lost and added going from `source` to `decoded` (same size), and their IoU
 * (1 when both are empty). Throws SIZE_MISMATCH when the sizes differ.
 */
export function compareBitmaps(source: Bitmap, decoded: Bitmap): Fidelity {
  if (source.width !== decoded.width || source.height !== decoded.height) {
    throw new MaskportError(
      "SIZE_MISMATCH",
      `cannot compare a ${source.width}×${source.height} bitmap with a ${decoded.width}×${decoded.height} one`,
    );
  }
  const a = source.data;
  const b = decoded.data;
  let lost = 0;
  let added = 0;
  let both = 0;
  for (let i = 0; i < a.length; i++) {
    const inA = a[i] !== 0;
    const inB = b[i] !== 0;
    if (inA) {
      if (inB) both++;
      else lost++;
    } else if (inB) {
      added++;
    }
  }
  const union = both + lost + added;
  return { lost, added, iou: union === 0 ? 1 : both / union };
}

/**
 * How faithfully `polygons` (in the bitmap's own frame) decode back to `bitmap` under the
 * target's reference decoder; pixels the decoder would set outside the frame are not seen.
 */
export function polygonFidelity(bitmap: Bitmap, polygons: readonly Ring[], target: PolygonTarget): Fidelity {
  return compareBitmaps(bitmap, rasterizePolygons(polygons, target, bitmap.width, bitmap.height));
}
