import type { Ring } from "./types.ts";

/**
 * Turns the point-per-crack walk into a ring: drops repeated points and points where the
 * path goes straight on, but keeps reversals (tips of zero-width bridges and 1-pixel lines)
 * and every point the ring visits more than once (bridge ends, corner touches), so where a
 * ring touches itself there is always a vertex, never an edge passing through.
 */
export function compress(flat: readonly number[]): Ring {
  // 1. Consecutive duplicates out (cyclically).
  const px: number[] = [];
  const py: number[] = [];
  for (let i = 0; i < flat.length; i += 2) {
    const x = flat[i] as number;
    const y = flat[i + 1] as number;
    const n = px.length;
    if (n > 0 && px[n - 1] === x && py[n - 1] === y) continue;
    px.push(x);
    py.push(y);
  }
  while (px.length > 1 && px[px.length - 1] === px[0] && py[py.length - 1] === py[0]) {
    px.pop();
    py.pop();
  }
  // 2. Points where the ring meets itself other than by running back along one line.
  const n = px.length;
  const firstVisit = new Map<number, number>();
  const junction = new Set<number>();
  const key = (x: number, y: number): number => (x + 1) * 4_194_304 + (y + 1);
  for (let i = 0; i < n; i++) {
    const k = key(px[i] as number, py[i] as number);
    const previous = (i + n - 1) % n;
    const next = (i + 1) % n;
    const ax = px[previous] as number;
    const ay = py[previous] as number;
    const bx = px[i] as number;
    const by = py[i] as number;
    const straight = straightOn(ax, ay, bx, by, px[next] as number, py[next] as number);
    const seen = firstVisit.get(k);
    if (seen === undefined) {
      firstVisit.set(k, i);
      if (!straight) junction.add(-k - 1); // a turn here: protect it if the point is visited again
      continue;
    }
    // Visited again: keep the point unless every pass runs straight along one line.
    const j = seen;
    const jp = (j + n - 1) % n;
    const parallel = (bx - ax) * ((py[j] as number) - (py[jp] as number)) - (by - ay) * ((px[j] as number) - (px[jp] as number)) === 0;
    if (!straight || !parallel || junction.has(-k - 1)) junction.add(k);
  }
  const removable = (ax: number, ay: number, bx: number, by: number, cx: number, cy: number): boolean =>
    !junction.has(key(bx, by)) && straightOn(ax, ay, bx, by, cx, cy);
  // 3. Straight-on points out.
  const xs: number[] = [];
  const ys: number[] = [];
  for (let i = 0; i < px.length; i++) {
    const x = px[i] as number;
    const y = py[i] as number;
    let len = xs.length;
    while (len >= 2 && removable(xs[len - 2] as number, ys[len - 2] as number, xs[len - 1] as number, ys[len - 1] as number, x, y)) {
      xs.pop();
      ys.pop();
      len--;
    }
    xs.push(x);
    ys.push(y);
  }
  // The ring is cyclic: also clean up where the end meets the start.
  let first = 0;
  let changed = true;
  while (changed && xs.length - first > 2) {
    changed = false;
    const last = xs.length - 1;
    if (removable(xs[last - 1] as number, ys[last - 1] as number, xs[last] as number, ys[last] as number, xs[first] as number, ys[first] as number)) {
      xs.pop();
      ys.pop();
      changed = true;
    } else if (removable(xs[last] as number, ys[last] as number, xs[first] as number, ys[first] as number, xs[first + 1] as number, ys[first + 1] as number)) {
      first++;
      changed = true;
    }
  }
  const ring: [number, number][] = [];
  for (let i = first; i < xs.length; i++) ring.push([xs[i] as number, ys[i] as number]);
  return ring;
}

/** Pads a degenerate fillPoly ring (one pixel, or a segment) to 3 vertices by repeating its last. */
export function padToThree(ring: Ring): Ring {
  if (ring.length >= 3 || ring.length === 0) return ring;
  const padded = [...ring];
  while (padded.length < 3) padded.push(ring[ring.length - 1] as readonly [number, number]);
  return padded;
}

// --- internal ---

function straightOn(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): boolean {
  const ux = bx - ax;
  const uy = by - ay;
  const vx = cx - bx;
  const vy = cy - by;
  return ux * vy - uy * vx === 0 && ux * vx + uy * vy > 0;
}
