import type { Bitmap } from "../types.ts";
import { rasterizeFillPolyRing } from "./rasterize-fillpoly.ts";
import { rasterizePycocotoolsRing } from "./rasterize-pycocotools.ts";
import type { PolygonTarget, Ring } from "./types.ts";

/**
 * Decodes polygons exactly as the target's reference decoder would: each ring rasterised
 * alone and the results unioned — pycocotools `frPyObjects` + `merge` (vertices are pixel
 * corners), or `cv2.fillPoly` on int32-truncated vertices (vertices are pixel centres).
 * Returns a `width` × `height` bitmap (pixels); parts outside the frame are clipped.
 * Note: pycocotools' `frPyObjects` would read a 2-vertex ring (4 numbers) as a bbox; here
 * every ring goes through the polygon path.
 */
export function rasterizePolygons(polygons: readonly Ring[], target: PolygonTarget, width: number, height: number): Bitmap {
  const data = new Uint8Array(width * height);
  if (width <= 0 || height <= 0) return { width, height, data };
  if (target === "pycocotools") {
    const toggles = new Uint8Array(width * height + 1);
    for (const ring of polygons) rasterizePycocotoolsRing(ring, width, height, data, toggles);
  } else {
    for (const ring of polygons) rasterizeFillPolyRing(ring, width, height, data);
  }
  return { width, height, data };
}
