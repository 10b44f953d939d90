export type { Point, Ring, TracedRing, PolygonTarget, PolygonOptions } from "./types.ts";
export { rasterizePolygons } from "./rasterize-polygons.ts";
export { compareBitmaps, polygonFidelity } from "./fidelity.ts";
