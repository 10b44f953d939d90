import type { Bitmap } from "../types.ts";
import { type CrackRings, DX, DY, traceCrackRings } from "./crack-rings.ts";
import type { Point, TracedRing } from "./types.ts";

/**
 * Every boundary ring of `bitmap` (outer rings and hole rings, islands inside holes too),
 * vertices on pixel corners (pixel (x, y) covers [x, x+1) × [y, y+1)), collinear vertices
 * removed, each ring starting at its top-left vertex. Outer rings run clockwise on screen
 * (y down: positive shoelace area), holes counter-clockwise, the object always on the right.
 *
 * Corner rule: objects are 8-connected and background 4-connected, so two pixels that touch
 * only at a corner are one part, whose ring passes that corner twice (touching itself at the
 * vertex, never crossing); a hole that touches the outside only at a corner stays a hole.
 * Rings come in discovery order (row by row by top-left vertex), so a parent always
 * precedes its children.
 */
export function traceBoundaries(bitmap: Bitmap): TracedRing[] {
  const rings = traceCrackRings(bitmap);
  const result: TracedRing[] = [];
  for (let r = 0; r < rings.count; r++) {
    result.push({ points: cornerPoints(rings, r), hole: rings.hole[r] === 1, parent: rings.parent[r] as number });
  }
  return result;
}

/** The corner vertices of ring `r` in original pixel-corner coordinates. */
export function cornerPoints(rings: CrackRings, r: number): Point[] {
  const from = rings.offset[r] as number;
  const to = rings.offset[r + 1] as number;
  const points: Point[] = [];
  let x = rings.startX[r] as number;
  let y = rings.startY[r] as number;
  let previous = rings.dirs[to - 1] as number;
  for (let g = from; g < to; g++) {
    const d = rings.dirs[g] as number;
    if (d !== previous) points.push([x - 1, y - 1]);
    x += DX[d as 0] as number;
    y += DY[d as 0] as number;
    previous = d;
  }
  return points;
}
