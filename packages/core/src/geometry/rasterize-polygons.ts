import { MaskportError } from "../errors.ts";
import type { BBox, Bitmap } from "../types.ts";
import { rasterizeFillPolyRing } from "./rasterize-fillpoly.ts";
import { rasterizePycocotoolsRing } from "./rasterize-pycocotools.ts";
import type { PolygonTarget, Ring } from "./types.ts";

/**
 * The largest |coordinate| a polygon vertex may have: no frame is wider than 2³¹ pixels, and
 * pycocotools holds 5 × the coordinate in a C int, so beyond ~2³¹ / 5 even it is undefined.
 */
export const MAX_POLYGON_COORDINATE = 2 ** 31;

/**
 * Decodes polygons exactly as the target's reference decoder would: each ring rasterised
 * alone and the results unioned — pycocotools `frPyObjects` + `merge` (vertices are pixel
 * corners), or `cv2.fillPoly` on int32-truncated vertices (vertices are pixel centres).
 * Returns a `width` × `height` bitmap (pixels); parts outside the frame are clipped. With
 * `window` (a box inside the frame, e.g. {@link polygonWindow}), returns only that box of
 * the frame, bit for bit the same pixels, allocating and walking only the window: memory and
 * time follow the polygon, not the frame.
 * Note: pycocotools' `frPyObjects` would read a 2-vertex ring (4 numbers) as a bbox; here
 * every ring goes through the polygon path. Throws INVALID_INPUT for a non-integer size or
 * window, a window outside the frame, or a coordinate that is not finite or beyond
 * ±{@link MAX_POLYGON_COORDINATE}.
 */
export function rasterizePolygons(polygons: readonly Ring[], target: PolygonTarget, width: number, height: number, window?: BBox): Bitmap {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 0 || height < 0) {
    throw new MaskportError("INVALID_INPUT", `cannot rasterise polygons into a ${width}×${height} image: sizes must be whole numbers ≥ 0`);
  }
  const box = window ?? { x: 0, y: 0, width, height };
  if (![box.x, box.y, box.width, box.height].every(Number.isInteger) || box.x < 0 || box.y < 0 || box.width < 0 || box.height < 0 || box.x + box.width > width || box.y + box.height > height) {
    throw new MaskportError("INVALID_INPUT", `cannot rasterise polygons into the window ${box.width}×${box.height} at (${box.x}, ${box.y}): it must be whole pixels inside the ${width}×${height} image`);
  }
  polygons.forEach((ring, r) =>
    ring.forEach(([x, y], v) => {
      if (!Number.isFinite(x) || !Number.isFinite(y)) {
        throw new MaskportError("INVALID_INPUT", `polygon ${r}, vertex ${v}: coordinate (${x}, ${y}) is not a finite number`);
      }
      if (Math.abs(x) > MAX_POLYGON_COORDINATE || Math.abs(y) > MAX_POLYGON_COORDINATE) {
        throw new MaskportError("INVALID_INPUT", `polygon ${r}, vertex ${v}: coordinate (${x}, ${y}) is beyond ±2³¹`);
      }
    }),
  );
  const data = new Uint8Array(box.width * box.height);
  if (box.width === 0 || box.height === 0) return { width: box.width, height: box.height, data };
  if (target === "pycocotools") {
    const toggles = new Uint8Array(box.width * box.height + 1);
    for (const ring of polygons) rasterizePycocotoolsRing(ring, width, height, data, toggles, box);
  } else {
    for (const ring of polygons) rasterizeFillPolyRing(ring, width, height, data, box);
  }
  return { width: box.width, height: box.height, data };
}

/**
 * The box of a `width` × `height` frame outside which neither target sets a pixel of these
 * rings: their vertex box widened by a pixel on each side (pycocotools rounds vertices to a
 * fifth of a pixel, fillPoly truncates them), clipped to the frame; undefined when it misses
 * the frame or there are no vertices. A non-finite coordinate gives the whole frame (and
 * {@link rasterizePolygons} refuses it).
 */
export function polygonWindow(polygons: readonly Ring[], width: number, height: number): BBox | undefined {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const ring of polygons) {
    for (const [x, y] of ring) {
      if (!Number.isFinite(x) || !Number.isFinite(y)) return width > 0 && height > 0 ? { x: 0, y: 0, width, height } : undefined;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  const left = Math.max(0, Math.floor(minX) - 1);
  const top = Math.max(0, Math.floor(minY) - 1);
  const right = Math.min(width - 1, Math.ceil(maxX) + 1);
  const bottom = Math.min(height - 1, Math.ceil(maxY) + 1);
  if (left > right || top > bottom) return undefined;
  return { x: left, y: top, width: right - left + 1, height: bottom - top + 1 };
}
