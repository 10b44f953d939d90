import { type CrackRings, DX, DY } from "./crack-rings.ts";
import { type Attachment, pointX, pointY, type vertexSteps } from "./ring-points.ts";

type Vertices = ReturnType<typeof vertexSteps>;

/** Points no bridge may end at: per ring, one flag per vertex; `take` blocks a point everywhere. */
export interface BlockedPoints {
  readonly rings: readonly Uint8Array[];
  has(x: number, y: number): boolean;
  take(x: number, y: number): void;
}

/**
 * Where part bridges may not end: points a ring passes more than once, and the ends of
 * the hole bridges already placed (and later, via `take`, of each part bridge).
 */
export function blockedPoints(rings: CrackRings, vertices: readonly Vertices[], attachments: Attachment[][], centre: boolean): BlockedPoints {
  const key = (x: number, y: number): number => (x + 2) * 4_194_304 + (y + 2);
  const where = new Map<number, number[]>(); // point → flat (ring, index)
  const flags = vertices.map((v) => new Uint8Array(v.xs.length));
  const taken = new Set<number>();
  vertices.forEach((v, r) => {
    const n = v.xs.length;
    const passes = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const k = key(v.xs[i] as number, v.ys[i] as number);
      const list = where.get(k) ?? [];
      list.push(r, i);
      where.set(k, list);
      // Consecutive repeats are one pass (a centre ring turning twice at one pixel).
      const previous = (i + n - 1) % n;
      if (n > 1 && v.xs[previous] === v.xs[i] && v.ys[previous] === v.ys[i]) continue;
      passes.set(k, (passes.get(k) ?? 0) + 1);
    }
    if (passes.size === 0 && n > 0) passes.set(key(v.xs[0] as number, v.ys[0] as number), 1);
    for (let i = 0; i < n; i++) if ((passes.get(key(v.xs[i] as number, v.ys[i] as number)) ?? 0) > 1) (flags[r] as Uint8Array)[i] = 1;
  });
  const take = (x: number, y: number): void => {
    const k = key(x, y);
    taken.add(k);
    const list = where.get(k) ?? [];
    for (let t = 0; t < list.length; t += 2) (flags[list[t] as number] as Uint8Array)[list[t + 1] as number] = 1;
  };
  // Hole bridges already end at their host's splice point and at the hole's first point.
  attachments.forEach((list, host) => {
    for (const a of list) {
      const [hx, hy] = pointAtStep(rings, host, a.step, centre);
      take(hx, hy);
      const [cx, cy] = pointAtStep(rings, a.child, a.childStep, centre);
      take(cx, cy);
    }
  });
  return { rings: flags, has: (x, y) => taken.has(key(x, y)), take };
}

/** The point (target coordinates) of crack `step` of ring `r`. */
function pointAtStep(rings: CrackRings, r: number, step: number, centre: boolean): [number, number] {
  const from = rings.offset[r] as number;
  let x = rings.startX[r] as number;
  let y = rings.startY[r] as number;
  for (let g = from; g < from + step; g++) {
    const d = rings.dirs[g] as number;
    x += DX[d as 0] as number;
    y += DY[d as 0] as number;
  }
  const d = rings.dirs[from + step] as number;
  return [pointX(centre, d, x), pointY(centre, d, y)];
}

