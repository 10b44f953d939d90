import { blockedPoints } from "./bridge-ends.ts";
import { attachPartsGreedy } from "./bridge-parts-greedy.ts";
import type { CrackRings } from "./crack-rings.ts";
import { leavesFreely, type Passages, ringPassages } from "./place-spokes.ts";
import { type Attachment, vertexSteps } from "./ring-points.ts";
import { conflicts } from "./segment-predicates.ts";

/** Above this many boundary vertices the exhaustive search gives way to a greedy one. */
const EXHAUSTIVE_LIMIT = 4_000;

/**
 * Joins every part to the first one by zero-width bridges, Prim-style: repeatedly the
 * unjoined part with the shortest vertex-to-vertex gap to a joined ring in its own
 * background region (the hole around it, or outer rings in that hole; so an island joins
 * its hole or a sibling island) is joined along that gap, unless the bridge would touch
 * any boundary or earlier bridge, in which case its next-shortest gap is tried. A part with
 * no clear gap waits until no other part has one (a part joined meanwhile may offer one),
 * then takes its shortest gap that leaves both rings on their free side. With more than
 * {@link EXHAUSTIVE_LIMIT} vertices (noise-like masks, where that search is quadratic),
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
    attachPartsGreedy(rings, outers, vertices, ringsOf, attachments);
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
  const lastResort = new Map<number, Gap>();
  const passageCache = new Map<number, Passages>();
  const passagesOf = (r: number): Passages => {
    let p = passageCache.get(r);
    if (p === undefined) {
      p = ringPassages(rings, r, centre);
      passageCache.set(r, p);
    }
    return p;
  };
  // Even a bridge that crosses boundaries must leave each ring on its free side at its ends:
  // otherwise it runs into the object there and crosses the ring's other passes at that point.
  const endsFree = (part: number, g: Gap): boolean =>
    leavesFreely(passagesOf(g.host), g.hostStep, Math.atan2(g.ay - g.by, g.ax - g.bx), "left") &&
    leavesFreely(passagesOf(part), g.partStep, Math.atan2(g.by - g.ay, g.bx - g.ax), "left");
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
      // A clear gap always goes before a last resort.
      if (gap === undefined || (g.fallback === gap.fallback ? g.d2 < gap.d2 : !g.fallback)) {
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
    // A last resort has nothing left to try, so it may end at a taken point.
    if (!gap.shared && !gap.fallback && (blocked.has(gap.ax, gap.ay) || blocked.has(gap.bx, gap.by))) {
      best.set(part, search(part, joinedRings)); // an end was taken since this gap was found
      continue;
    }
    if (!gap.fallback && crossesAnything(vertices, bridges, gap)) {
      forbidden.add(`${gap.host}:${gap.hostStep}:${part}:${gap.partStep}`);
      // When every gap touches something, take the shortest one anyway (preferring free
      // ends): correct for pycocotools, and its cost under fillPoly is measured by the caller.
      const free = endsFree(part, gap);
      const kept = lastResort.get(part);
      if (kept === undefined || (free === kept.free ? gap.d2 < kept.d2 : free)) lastResort.set(part, { ...gap, free });
      const next = search(part, joinedRings);
      best.set(part, next.host < 0 ? { ...(lastResort.get(part) as Gap), fallback: true } : next);
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
      if (g.host >= 0 && (current.shared || current.fallback || g.d2 < current.d2)) best.set(other, g);
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
  /** For a last resort: leaves both rings on their free side (see placeSpokes). */
  readonly free?: boolean;
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

