import { type CrackRings, DX, DY } from "./crack-rings.ts";
import { type Attachment, pointX, pointY, vertexSteps } from "./ring-points.ts";
import { conflicts } from "./segment-predicates.ts";

/** Above this many boundary vertices the exhaustive search gives way to a greedy one. */
const EXHAUSTIVE_LIMIT = 4_000;

/**
 * Joins every part to the first one by zero-width bridges, Prim-style: repeatedly the
 * unjoined part with the shortest vertex-to-vertex gap to a joined ring in its own
 * background region (the hole around it, or outer rings in that hole; so an island joins
 * its hole or a sibling island) is joined along that gap, unless the bridge would touch
 * any boundary or earlier bridge, in which case its next-shortest gap is tried. With more
 * than {@link EXHAUSTIVE_LIMIT} vertices (noise-like masks, where that search is quadratic),
 * parts join in scan order to the nearest vertex of the parts before them, without the
 * crossing check: still exact under pycocotools, and measured under fillPoly.
 */
export function attachParts(rings: CrackRings, outers: readonly number[], centre: boolean, attachments: Attachment[][]): void {
  if (outers.length < 2) return;
  const vertices = Array.from({ length: rings.count }, (_, r) => vertexSteps(rings, r, centre));
  const holesOf = new Map<number, number[]>();
  for (let r = 0; r < rings.count; r++) {
    if (rings.hole[r] === 0) continue;
    const list = holesOf.get(rings.parent[r] as number) ?? [];
    list.push(r);
    holesOf.set(rings.parent[r] as number, list);
  }
  const ringsOf = (part: number): number[] => [part, ...(holesOf.get(part) ?? [])];
  const total = vertices.reduce((sum, v) => sum + v.xs.length, 0);
  if (total > EXHAUSTIVE_LIMIT) {
    greedy(rings, outers, vertices, ringsOf, attachments);
    return;
  }
  // Bridge ends only at points each ring passes once and no other bridge uses, so bridges
  // meeting at one point can never interleave there (a vertex crossing).
  const blocked = blockedPoints(rings, vertices, attachments, centre);
  const bridges: number[] = [];
  const forbidden = new Set<string>();
  const unjoined = new Set(outers.slice(1));
  const joinedRings: number[] = ringsOf(outers[0] as number);
  const best = new Map<number, Gap>();
  // A bridge stays in the background region around its part: it may end on the hole ring
  // enclosing the part or on an outer ring in that same hole (or outside everything).
  const region = (r: number): number => (rings.hole[r] === 1 ? r : (rings.parent[r] as number));
  const sameRegion = (part: number, hosts: readonly number[]): number[] => hosts.filter((h) => region(h) === region(part));
  const search = (part: number, hosts: readonly number[]): Gap => {
    const allowed = sameRegion(part, hosts);
    const gap = nearest(vertices, part, allowed, forbidden, blocked.rings);
    // No free point left: allow shared ones rather than leave the part out.
    return gap.host >= 0 ? gap : { ...nearest(vertices, part, allowed, forbidden, undefined), shared: true };
  };
  for (const part of unjoined) best.set(part, search(part, joinedRings));
  while (unjoined.size > 0) {
    let part = -1;
    let gap: Gap | undefined;
    for (const candidate of unjoined) {
      const g = best.get(candidate) as Gap;
      if (gap === undefined || g.d2 < gap.d2) {
        part = candidate;
        gap = g;
      }
    }
    if (gap === undefined || gap.host < 0) {
      // No joined ring in any unjoined part's region: cannot happen, as the first part is
      // outside everything and each hole joins with its part; keep the loop finite anyway.
      unjoined.delete(part);
      continue;
    }
    if (!gap.shared && (blocked.has(gap.ax, gap.ay) || blocked.has(gap.bx, gap.by))) {
      best.set(part, search(part, joinedRings)); // an end was taken since this gap was found
      continue;
    }
    if (!gap.fallback && crossesAnything(vertices, bridges, gap)) {
      forbidden.add(`${gap.host}:${gap.hostStep}:${part}:${gap.partStep}`);
      const next = search(part, joinedRings);
      // When every gap touches something, take the shortest one anyway: correct for
      // pycocotools, and its cost under fillPoly is measured by the caller.
      best.set(part, next.host < 0 ? { ...gap, fallback: true } : next);
      continue;
    }
    attachments[gap.host]?.push({ step: gap.hostStep, child: part, childStep: gap.partStep, side: "left" });
    bridges.push(gap.ax, gap.ay, gap.bx, gap.by);
    blocked.take(gap.ax, gap.ay);
    blocked.take(gap.bx, gap.by);
    unjoined.delete(part);
    const added = ringsOf(part);
    joinedRings.push(...added);
    for (const other of unjoined) {
      // Only free points here: a shared fallback must not displace a free gap found earlier.
      const g = nearest(vertices, other, sameRegion(other, added), forbidden, blocked.rings);
      const current = best.get(other) as Gap;
      if (g.host >= 0 && (current.shared || g.d2 < current.d2)) best.set(other, g);
    }
  }
}

// --- internal ---

type Vertices = ReturnType<typeof vertexSteps>;

interface Gap {
  readonly d2: number;
  readonly host: number;
  readonly hostStep: number;
  readonly partStep: number;
  readonly ax: number;
  readonly ay: number;
  readonly bx: number;
  readonly by: number;
  /** Crosses something, taken because nothing else was left. */
  readonly fallback: boolean;
  /** Ends at a point another bridge uses or its ring passes twice, for want of another. */
  readonly shared: boolean;
}

/** Shortest allowed gap from the outer ring of `part` to any of `hosts`. */
function nearest(
  vertices: readonly Vertices[],
  part: number,
  hosts: readonly number[],
  forbidden: ReadonlySet<string>,
  blocked: readonly Uint8Array[] | undefined,
): Gap {
  const partBlocked = blocked?.[part];
  const pv = vertices[part] as Vertices;
  let gap: Gap = { d2: Infinity, host: -1, hostStep: 0, partStep: 0, ax: 0, ay: 0, bx: 0, by: 0, fallback: false, shared: false };
  for (const host of hosts) {
    const hv = vertices[host] as Vertices;
    const order = byX(hv);
    const n = order.length;
    const hostBlocked = blocked?.[host];
    for (let a = 0; a < pv.xs.length; a++) {
      if (partBlocked !== undefined && partBlocked[a] === 1) continue;
      const ax = pv.xs[a] as number;
      const ay = pv.ys[a] as number;
      // Host vertices sorted by x: walk outwards from ax while |dx| can still beat the best.
      let low = 0;
      let high = n;
      while (low < high) {
        const mid = (low + high) >> 1;
        if ((hv.xs[order[mid] as number] as number) < ax) low = mid + 1;
        else high = mid;
      }
      for (let side = 0; side < 2; side++) {
        for (let k = side === 0 ? low : low - 1; k >= 0 && k < n; k += side === 0 ? 1 : -1) {
          const b = order[k] as number;
          const dx = (hv.xs[b] as number) - ax;
          if (dx * dx >= gap.d2) break;
          const dy = (hv.ys[b] as number) - ay;
          const d2 = dx * dx + dy * dy;
          if (d2 >= gap.d2) continue;
          if (hostBlocked !== undefined && hostBlocked[b] === 1) continue;
          if (forbidden.size > 0 && forbidden.has(`${host}:${hv.steps[b]}:${part}:${pv.steps[a]}`)) continue;
          gap = { d2, host, hostStep: hv.steps[b] as number, partStep: pv.steps[a] as number, ax, ay, bx: hv.xs[b] as number, by: hv.ys[b] as number, fallback: false, shared: false };
        }
      }
    }
  }
  return gap;
}

/** Points no bridge may end at: per ring, one flag per vertex; `take` blocks a point everywhere. */
interface BlockedPoints {
  readonly rings: readonly Uint8Array[];
  has(x: number, y: number): boolean;
  take(x: number, y: number): void;
}

function blockedPoints(rings: CrackRings, vertices: readonly Vertices[], attachments: Attachment[][], centre: boolean): BlockedPoints {
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

const sortedByX = new WeakMap<Vertices, Int32Array>();

/** Indices of a ring's vertices in ascending x (then scan order), cached per ring. */
function byX(v: Vertices): Int32Array {
  let order = sortedByX.get(v);
  if (order === undefined) {
    order = Int32Array.from(v.xs.keys()).sort((i, j) => (v.xs[i] as number) - (v.xs[j] as number) || i - j);
    sortedByX.set(v, order);
  }
  return order;
}

/** Does the bridge touch any ring edge or earlier bridge other than at its own two ends? */
function crossesAnything(vertices: readonly Vertices[], bridges: readonly number[], gap: Gap): boolean {
  const { ax, ay, bx, by } = gap;
  for (const v of vertices) {
    const n = v.xs.length;
    for (let i = 0; i < n; i++) {
      const j = (i + 1) % n;
      if (conflicts(ax, ay, bx, by, v.xs[i] as number, v.ys[i] as number, v.xs[j] as number, v.ys[j] as number)) return true;
    }
  }
  for (let i = 0; i < bridges.length; i += 4) {
    if (conflicts(ax, ay, bx, by, bridges[i] as number, bridges[i + 1] as number, bridges[i + 2] as number, bridges[i + 3] as number)) return true;
  }
  return false;
}

/** Scan order, each part to the nearest vertex of the parts before it, found on a grid. */
function greedy(
  rings: CrackRings,
  outers: readonly number[],
  vertices: readonly Vertices[],
  ringsOf: (part: number) => number[],
  attachments: Attachment[][],
): void {
  const cell = 16;
  const cells = new Map<string, number[]>(); // region and cell → flat (x, y, ring, step)
  // As in the exhaustive search, a part only joins rings of its own background region.
  const region = (r: number): number => (rings.hole[r] === 1 ? r : (rings.parent[r] as number));
  const key = (r: number, cx: number, cy: number): string => `${r}:${cx}:${cy}`;
  let minCx = Infinity;
  let maxCx = -Infinity;
  let minCy = Infinity;
  let maxCy = -Infinity;
  const add = (r: number): void => {
    const v = vertices[r] as Vertices;
    for (let i = 0; i < v.xs.length; i++) {
      const x = v.xs[i] as number;
      const y = v.ys[i] as number;
      const cx = Math.floor(x / cell);
      const cy = Math.floor(y / cell);
      minCx = Math.min(minCx, cx);
      maxCx = Math.max(maxCx, cx);
      minCy = Math.min(minCy, cy);
      maxCy = Math.max(maxCy, cy);
      const k = key(region(r), cx, cy);
      let list = cells.get(k);
      if (list === undefined) {
        list = [];
        cells.set(k, list);
      }
      list.push(x, y, r, v.steps[i] as number);
    }
  };
  for (const r of ringsOf(outers[0] as number)) add(r);
  for (let k = 1; k < outers.length; k++) {
    const part = outers[k] as number;
    const pv = vertices[part] as Vertices;
    const partRegion = region(part);
    let best = Infinity;
    let host = -1;
    let hostStep = 0;
    let partStep = 0;
    for (let a = 0; a < pv.xs.length; a++) {
      const ax = pv.xs[a] as number;
      const ay = pv.ys[a] as number;
      const acx = Math.floor(ax / cell);
      const acy = Math.floor(ay / cell);
      // Square rings of cells outwards; stop once no closer vertex can exist further out.
      const reach = Math.max(acx - minCx, maxCx - acx, acy - minCy, maxCy - acy);
      for (let radius = 0; radius <= reach; radius++) {
        if (radius > 0 && ((radius - 1) * cell) ** 2 >= best) break;
        for (let cx = acx - radius; cx <= acx + radius; cx++) {
          for (let cy = acy - radius; cy <= acy + radius; cy++) {
            if (Math.max(Math.abs(cx - acx), Math.abs(cy - acy)) !== radius) continue;
            const list = cells.get(key(partRegion, cx, cy));
            if (list === undefined) continue;
            for (let t = 0; t < list.length; t += 4) {
              const dx = (list[t] as number) - ax;
              const dy = (list[t + 1] as number) - ay;
              const d2 = dx * dx + dy * dy;
              if (d2 < best) {
                best = d2;
                host = list[t + 2] as number;
                hostStep = list[t + 3] as number;
                partStep = pv.steps[a] as number;
              }
            }
          }
        }
      }
    }
    if (host >= 0) attachments[host]?.push({ step: hostStep, child: part, childStep: partStep, side: "left" });
    for (const r of ringsOf(part)) add(r);
  }
}
