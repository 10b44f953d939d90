import { type CrackRings, DX, DY } from "./crack-rings.ts";
import { type Attachment, pointX, pointY } from "./ring-points.ts";

const TURN = 2 * Math.PI;

/**
 * Makes bridges meet rings without crossing them at shared points. A ring may pass one
 * point several times (a corner touch, a 1-pixel neck, a pixel that is its own part), and
 * several bridges may end at one point; each bridge end is moved to the pass ("passage")
 * whose free side — `side` of the walk, between the incoming and the outgoing edge — holds
 * the bridge's direction, and gets a sweep angle so bridges at one passage are walked in
 * angular order. Returns new attachment lists (steps moved to the passages' first cracks).
 */
export function placeSpokes(rings: CrackRings, attachments: readonly Attachment[][], centre: boolean): Attachment[][] {
  const cache = new Map<number, Passages>();
  const passagesOf = (r: number): Passages => {
    let p = cache.get(r);
    if (p === undefined) {
      p = ringPassages(rings, r, centre);
      cache.set(r, p);
    }
    return p;
  };
  const placed: Attachment[][] = attachments.map(() => []);
  attachments.forEach((list, host) => {
    for (const a of list) {
      const hp = passagesOf(host);
      const cp = passagesOf(a.child);
      const hostPassage = hp.ofStep[a.step] as number;
      const childPassage = cp.ofStep[a.childStep] as number;
      const hx = hp.xs[hostPassage] as number;
      const hy = hp.ys[hostPassage] as number;
      const cx = cp.xs[childPassage] as number;
      const cy = cp.ys[childPassage] as number;
      const host_ = choose(hp, hostPassage, Math.atan2(cy - hy, cx - hx), a.side);
      const child_ = choose(cp, childPassage, Math.atan2(hy - cy, hx - cx), a.side);
      placed[host]?.push({
        step: hp.first[host_.passage] as number,
        child: a.child,
        childStep: cp.first[child_.passage] as number,
        side: a.side,
        sweep: host_.sweep,
        childSweep: child_.sweep,
      });
    }
  });
  return placed;
}

/**
 * Does a bridge leaving the point of crack `step` at angle `theta` start on the free side of
 * one of the ring's passages there? Only then can placeSpokes splice it without a crossing.
 */
export function leavesFreely(p: Passages, step: number, theta: number, side: "left" | "right"): boolean {
  return freePassage(p, p.ofStep[step] as number, theta, side) !== undefined;
}

/** A ring's runs of cracks sharing one point, with the points before and after each run. */
export interface Passages {
  readonly xs: number[];
  readonly ys: number[];
  readonly first: number[];
  readonly ofStep: Int32Array;
  /** Passages at each point, by point key. */
  readonly at: Map<string, number[]>;
}

export function ringPassages(rings: CrackRings, r: number, centre: boolean): Passages {
  const from = rings.offset[r] as number;
  const n = (rings.offset[r + 1] as number) - from;
  const px = new Float64Array(n);
  const py = new Float64Array(n);
  let x = rings.startX[r] as number;
  let y = rings.startY[r] as number;
  for (let k = 0; k < n; k++) {
    const d = rings.dirs[from + k] as number;
    px[k] = pointX(centre, d, x);
    py[k] = pointY(centre, d, y);
    x += DX[d as 0] as number;
    y += DY[d as 0] as number;
  }
  // Start at a step that begins a run (the previous step has another point), if any.
  let start = 0;
  for (let k = 0; k < n; k++) {
    const previous = (k + n - 1) % n;
    if (px[previous] !== px[k] || py[previous] !== py[k]) {
      start = k;
      break;
    }
  }
  const xs: number[] = [];
  const ys: number[] = [];
  const first: number[] = [];
  const ofStep = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const k = (start + i) % n;
    const previous = (k + n - 1) % n;
    if (i === 0 || px[previous] !== px[k] || py[previous] !== py[k]) {
      xs.push(px[k] as number);
      ys.push(py[k] as number);
      first.push(k);
    }
    ofStep[k] = xs.length - 1;
  }
  const at = new Map<string, number[]>();
  xs.forEach((px_, i) => {
    const key = `${px_},${ys[i]}`;
    const list = at.get(key) ?? [];
    list.push(i);
    at.set(key, list);
  });
  return { xs, ys, first, ofStep, at };
}

// --- internal ---

/** The passage at this point whose free side holds direction `theta` (else this one), and its sweep there. */
function choose(p: Passages, passage: number, theta: number, side: "left" | "right"): { passage: number; sweep: number } {
  return freePassage(p, passage, theta, side) ?? { passage, sweep: sweepAt(p, passage, theta, side).sweep };
}

/** The passage at this passage's point whose free side holds direction `theta`, if any. */
function freePassage(p: Passages, passage: number, theta: number, side: "left" | "right"): { passage: number; sweep: number } | undefined {
  const candidates = p.at.get(`${p.xs[passage]},${p.ys[passage]}`) ?? [passage];
  for (const c of candidates) {
    const { sweep, range } = sweepAt(p, c, theta, side);
    // A ring that is one point has no edge to touch: every direction is free.
    if ((sweep > 0 && sweep < range) || p.xs.length === 1) return { passage: c, sweep };
  }
  return undefined;
}

/** Angle from the incoming edge to `theta`, turning towards `side`, and the free range. */
function sweepAt(p: Passages, c: number, theta: number, side: "left" | "right"): { sweep: number; range: number } {
  const m = p.xs.length;
  const x = p.xs[c] as number;
  const y = p.ys[c] as number;
  if (m === 1) return { sweep: mod(theta), range: TURN }; // a ring that is one point
  const previous = (c + m - 1) % m;
  const next = (c + 1) % m;
  // Screen angles (y down): increasing angle turns clockwise on screen, which is to the
  // walker's left when the object is on its right.
  const alpha = Math.atan2((p.ys[previous] as number) - y, (p.xs[previous] as number) - x);
  const beta = Math.atan2((p.ys[next] as number) - y, (p.xs[next] as number) - x);
  const sweep = side === "left" ? mod(theta - alpha) : mod(alpha - theta);
  let range = side === "left" ? mod(beta - alpha) : mod(alpha - beta);
  if (range === 0) range = TURN; // the walk turns back here: everything is free
  return { sweep, range };
}

function mod(angle: number): number {
  const a = angle % TURN;
  return a < 0 ? a + TURN : a;
}
