import { MaskportError } from "../errors.ts";
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
 * every ring goes through the polygon path. Throws INVALID_INPUT for a non-integer size or a
 * non-finite coordinate.
 */
export function rasterizePolygons(polygons: readonly Ring[], target: PolygonTarget, width: number, height: number): Bitmap {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 0 || height < 0) {
    throw new MaskportError("INVALID_INPUT", `cannot rasterise polygons into a ${width}×${height} image: sizes must be whole numbers ≥ 0`);
  }
  polygons.forEach((ring, r) =>
    ring.forEach(([x, y], v) => {
      if (!Number.isFinite(x) || !Number.isFinite(y)) {
        throw new MaskportError("INVALID_INPUT", `polygon ${r}, vertex ${v}: coordinate (${x}, ${y}) is not a finite number`);
      }
    }),
  );
  const data = new Uint8Array(width * height);
  if (width === 0 || height === 0) return { width, height, data };
  if (target === "pycocotools") {
    const toggles = new Uint8Array(width * height + 1);
    for (const ring of polygons) rasterizePycocotoolsRing(ring, width, height, data, toggles);
  } else {
    for (const ring of polygons) rasterizeFillPolyRing(ring, width, height, data);
  }
  return { width, height, data };
}
