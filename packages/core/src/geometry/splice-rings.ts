import { type CrackRings, DX, DY } from "./crack-rings.ts";
import { type Attachment, pointX, pointY } from "./ring-points.ts";

/** A ring being walked: crack `k` of `n` from `start`, at padded vertex (x, y). */
interface Frame {
  readonly n: number;
  readonly from: number;
  readonly start: number;
  /** Attachments in walking order (by step from `start`, then sweep). */
  readonly list: readonly Attachment[];
  /** Attachments at the start point that come after the walk, before crossing back. */
  readonly tail: readonly Attachment[];
  k: number;
  x: number;
  y: number;
  next: number;
  nextTail: number;
  emitted: boolean;
  firstX: number;
  firstY: number;
  readonly backX: number;
  readonly backY: number;
}

/**
 * Walks `root` and, depth first, every ring attached to it, one point per crack (corner or
 * pixel centre); at an attachment it crosses to the child, walks the child's whole loop back
 * to its first point and crosses back. Attachments at one point are taken in sweep order,
 * and a child's own attachments at its first point are split around the bridge it came in
 * by, so bridges sharing a point never cross there. Iterative, so long chains of holes
 * cannot overflow the stack. Returns flat x, y pairs for `compress`.
 */
export function emitRing(rings: CrackRings, root: number, centre: boolean, attachments: readonly Attachment[][]): number[] {
  const out: number[] = [];
  const stack: Frame[] = [frameOf(rings, root, 0, attachments, undefined, Number.NaN, Number.NaN)];
  while (stack.length > 0) {
    const f = stack[stack.length - 1] as Frame;
    if (f.k === f.n) {
      const t = f.tail[f.nextTail];
      if (t !== undefined) {
        f.nextTail++;
        out.push(f.firstX, f.firstY);
        stack.push(frameOf(rings, t.child, t.childStep, attachments, t.childSweep, f.firstX, f.firstY));
        continue;
      }
      stack.pop();
      if (stack.length > 0) out.push(f.firstX, f.firstY, f.backX, f.backY); // close the child, cross back
      continue;
    }
    const s = (f.start + f.k) % f.n;
    const d = rings.dirs[f.from + s] as number;
    if (!f.emitted) {
      const px = pointX(centre, d, f.x);
      const py = pointY(centre, d, f.y);
      if (f.k === 0) {
        f.firstX = px;
        f.firstY = py;
      }
      out.push(px, py);
      f.emitted = true;
    }
    const a = f.list[f.next];
    if (a !== undefined && a.step === s) {
      f.next++;
      stack.push(frameOf(rings, a.child, a.childStep, attachments, a.childSweep, pointX(centre, d, f.x), pointY(centre, d, f.y)));
      continue;
    }
    f.x += DX[d as 0] as number;
    f.y += DY[d as 0] as number;
    f.k++;
    f.emitted = false;
  }
  return out;
}

// --- internal ---

function frameOf(
  rings: CrackRings,
  ring: number,
  start: number,
  attachments: readonly Attachment[][],
  parentSweep: number | undefined,
  backX: number,
  backY: number,
): Frame {
  const from = rings.offset[ring] as number;
  const n = (rings.offset[ring + 1] as number) - from;
  let x = rings.startX[ring] as number;
  let y = rings.startY[ring] as number;
  for (let g = from; g < from + start; g++) {
    const d = rings.dirs[g] as number;
    x += DX[d as 0] as number;
    y += DY[d as 0] as number;
  }
  const order = (a: Attachment): number => (a.step - start + n) % n;
  const sorted = [...(attachments[ring] ?? [])].sort((p, q) => order(p) - order(q) || (p.sweep ?? 0) - (q.sweep ?? 0));
  // At the first point, attachments swept before the incoming bridge wait for the walk's end.
  const tail = parentSweep === undefined ? [] : sorted.filter((a) => a.step === start && (a.sweep ?? 0) < parentSweep);
  const list = tail.length === 0 ? sorted : sorted.filter((a) => !tail.includes(a));
  return { n, from, start, list, tail, k: 0, x, y, next: 0, nextTail: 0, emitted: false, firstX: 0, firstY: 0, backX, backY };
}
