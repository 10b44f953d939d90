/** Shapes shared by the geometry module. All coordinates are in pixels, x right, y down. */

/** A point in pixel units. */
export type Point = readonly [x: number, y: number];

/** A closed ring of points; the closing edge back to the first point is implicit (never repeated). */
export type Ring = readonly Point[];

/** One boundary ring found by {@link traceBoundaries}. */
export interface TracedRing {
  /** Vertices on pixel corners: pixel (x, y) covers [x, x+1) × [y, y+1). */
  readonly points: Ring;
  /** True for the boundary of a hole (background enclosed by the object). */
  readonly hole: boolean;
  /** Index of the enclosing ring in the returned array, -1 for a top-level outer ring. */
  readonly parent: number;
}

/**
 * Whose rasteriser will decode a polygon.
 * - `"pycocotools"`: pixel-corner vertices, decoded like pycocotools' `rleFrPoly`
 *   (COCO, and CVAT, which uses pycocotools to turn polygons into masks).
 * - `"fillpoly"`: integer pixel-centre vertices (pixel (x, y) is the point (x, y)), decoded
 *   like OpenCV's `cv2.fillPoly` after truncating coordinates to int32 (Ultralytics).
 */
export type PolygonTarget = "pycocotools" | "fillpoly";

/** How {@link toPolygons} shapes its output. */
export interface PolygonOptions {
  readonly target: PolygonTarget;
  /**
   * `"bridge"`: one ring for the whole instance, parts joined by zero-width bridges along
   * the shortest gap found; `"separate"`: one ring per outer part. Holes are always joined
   * to their outer ring by zero-width bridges through the object's own pixels.
   */
  readonly parts: "bridge" | "separate";
  /** Simplification tolerance in pixels (Douglas–Peucker); 0 or absent keeps the exact polygon. */
  readonly tolerance?: number;
}
