import { cellsInBox, createSegmentGrid, insertSegment, type SegmentGrid } from "./segment-grid.ts";
import { conflicts, orient } from "./segment-predicates.ts";
import type { Point, Ring } from "./types.ts";

/**
 * Simplifies closed rings by removing vertices one at a time, in ring order, pass after pass
 * until none can go (a removal bounded by a Douglas–Peucker-style distance check): a vertex
 * goes only if every original vertex it stood for stays within `tolerance` pixels of the
 * new edge, the new edge touches no other current edge (of any ring) except at shared
 * endpoints, and no vertex lies inside the triangle it cuts off. So the result never
 * self-intersects, holes stay inside their rings and islands stay in their holes.
 * Vertices that occur more than once (bridge ends, corner touches) and path reversals
 * (the tips of zero-width bridges and 1-pixel lines) are kept, as is a minimum of 3
 * vertices per ring. Coordinates are not moved, so integer rings stay integer.
 */
export function simplifyRings(rings: readonly Ring[], tolerance: number): Ring[] {
  if (!(tolerance > 0)) return rings.map((ring) => [...ring]);
  const state = rings.map((ring) => ringState(ring));
  const counts = new Map<string, number>();
  for (const ring of rings) for (const [x, y] of ring) counts.set(`${x},${y}`, (counts.get(`${x},${y}`) ?? 0) + 1);
  for (const s of state) {
    for (let i = 0; i < s.n; i++) {
      const [x, y] = s.points[i] as Point;
      if ((counts.get(`${x},${y}`) ?? 0) > 1 || isReversal(s, i)) s.pinned[i] = 1;
    }
  }
  const limit = tolerance * tolerance;
  const grid = createSegmentGrid(8);
  state.forEach((s, r) => {
    for (let i = 0; i < s.n; i++) {
      const j = (i + 1) % s.n;
      const [ax, ay] = s.points[i] as Point;
      const [bx, by] = s.points[j] as Point;
      insertSegment(grid, r, i, j, ax, ay, bx, by);
    }
  });
  let removedAny = true;
  while (removedAny) {
    removedAny = false;
    for (let r = 0; r < state.length; r++) {
      const s = state[r] as RingState;
      for (let i = 0; i < s.n; i++) {
        if (s.removed[i] === 1 || s.pinned[i] === 1 || s.alive <= 3) continue;
        // A vertex that failed with the same neighbours fails again (up to edges elsewhere
        // that have moved since, which only costs a little simplification).
        if (s.triedPrev[i] === s.prev[i] && s.triedNext[i] === s.next[i]) continue;
        s.triedPrev[i] = s.prev[i] as number;
        s.triedNext[i] = s.next[i] as number;
        if (canRemove(state, grid, r, i, limit)) {
          const c = s.prev[i] as number;
          const e = s.next[i] as number;
          const [ax, ay] = s.points[c] as Point;
          const [bx, by] = s.points[e] as Point;
          insertSegment(grid, r, c, e, ax, ay, bx, by);
          s.next[c] = e;
          s.prev[e] = c;
          s.removed[i] = 1;
          s.alive--;
          removedAny = true;
        }
      }
    }
  }
  return state.map((s) => s.points.filter((_, i) => s.removed[i] === 0));
}

// --- internal ---

interface RingState {
  readonly points: Ring;
  readonly n: number;
  readonly prev: Int32Array;
  readonly next: Int32Array;
  readonly removed: Uint8Array;
  readonly pinned: Uint8Array;
  /** Neighbours a vertex last failed to be removed with. */
  readonly triedPrev: Int32Array;
  readonly triedNext: Int32Array;
  alive: number;
}

function ringState(ring: Ring): RingState {
  const n = ring.length;
  const prev = new Int32Array(n);
  const next = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    prev[i] = (i + n - 1) % n;
    next[i] = (i + 1) % n;
  }
  return {
    points: ring,
    n,
    prev,
    next,
    removed: new Uint8Array(n),
    pinned: new Uint8Array(n),
    triedPrev: new Int32Array(n).fill(-1),
    triedNext: new Int32Array(n).fill(-1),
    alive: n,
  };
}

function isReversal(s: RingState, i: number): boolean {
  const [ax, ay] = s.points[(i + s.n - 1) % s.n] as Point;
  const [bx, by] = s.points[i] as Point;
  const [cx, cy] = s.points[(i + 1) % s.n] as Point;
  const ux = bx - ax;
  const uy = by - ay;
  const vx = cx - bx;
  const vy = cy - by;
  return ux * vy - uy * vx === 0 && ux * vx + uy * vy < 0;
}

function canRemove(state: readonly RingState[], grid: SegmentGrid, r: number, d: number, limit: number): boolean {
  const s = state[r] as RingState;
  const c = s.prev[d] as number;
  const e = s.next[d] as number;
  const [ax, ay] = s.points[c] as Point;
  const [bx, by] = s.points[e] as Point;
  // Every original vertex between c and e must stay within the tolerance of c → e.
  for (let k = (c + 1) % s.n; k !== e; k = (k + 1) % s.n) {
    const [px, py] = s.points[k] as Point;
    if (distanceSquared(px, py, ax, ay, bx, by) > limit) return false;
  }
  const [dx, dy] = s.points[d] as Point;
  // Only edges whose box meets the cut-off triangle's box can conflict.
  const minX = Math.min(ax, bx, dx);
  const maxX = Math.max(ax, bx, dx);
  const minY = Math.min(ay, by, dy);
  const maxY = Math.max(ay, by, dy);
  for (const list of cellsInBox(grid, minX, minY, maxX, maxY)) {
    for (let t = 0; t < list.length; t += 3) {
      const other = state[list[t] as number] as RingState;
      const i = list[t + 1] as number;
      const j = list[t + 2] as number;
      if (other.removed[i] === 1 || other.next[i] !== j) continue; // no longer an edge
      if (other === s && (i === c || i === d)) continue; // the two edges being replaced
      const [px, py] = other.points[i] as Point;
      const [qx, qy] = other.points[j] as Point;
      if ((px < minX && qx < minX) || (px > maxX && qx > maxX) || (py < minY && qy < minY) || (py > maxY && qy > maxY)) continue;
      if (conflicts(ax, ay, bx, by, px, py, qx, qy)) return false;
      // Nothing may end up on the other side: no vertex inside the cut-off triangle.
      if (other === s && (i === c || i === e)) continue;
      if (strictlyInside(px, py, ax, ay, dx, dy, bx, by)) return false;
    }
  }
  return true;
}

function strictlyInside(px: number, py: number, ax: number, ay: number, bx: number, by: number, cx: number, cy: number): boolean {
  const d1 = orient(ax, ay, bx, by, px, py);
  const d2 = orient(bx, by, cx, cy, px, py);
  const d3 = orient(cx, cy, ax, ay, px, py);
  return (d1 > 0 && d2 > 0 && d3 > 0) || (d1 < 0 && d2 < 0 && d3 < 0);
}

function distanceSquared(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const ux = bx - ax;
  const uy = by - ay;
  const length = ux * ux + uy * uy;
  let t = length === 0 ? 0 : ((px - ax) * ux + (py - ay) * uy) / length;
  t = Math.max(0, Math.min(1, t));
  const dx = ax + t * ux - px;
  const dy = ay + t * uy - py;
  return dx * dx + dy * dy;
}
