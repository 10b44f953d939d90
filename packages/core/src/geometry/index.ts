export type { Point, Ring, TracedRing, PolygonTarget, PolygonOptions } from "./types.ts";
export { MAX_POLYGON_COORDINATE, polygonWindow, rasterizePolygons } from "./rasterize-polygons.ts";
export { compareBitmaps, polygonFidelity } from "./fidelity.ts";
export { traceBoundaries } from "./trace-boundaries.ts";
export { toPolygons } from "./to-polygons.ts";
export { simplifyRings } from "./simplify-rings.ts";
