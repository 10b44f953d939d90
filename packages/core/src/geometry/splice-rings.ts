import { type CrackRings, DX, DY } from "./crack-rings.ts";
import { type Attachment, pointX, pointY } from "./ring-points.ts";

/** A ring being walked: crack `k` of `n` from `start`, at padded vertex (x, y). */
interface Frame {
  readonly n: number;
  readonly from: number;
  readonly start: number;
  readonly list: readonly Attachment[];
  k: number;
  x: number;
  y: number;
  next: number;
  emitted: boolean;
  firstX: number;
  firstY: number;
  readonly backX: number;
  readonly backY: number;
}

/**
 * Walks `root` and, depth first, every ring attached to it, one point per crack (corner or
 * pixel centre); at an attachment it crosses to the child, walks the child's whole loop back
 * to its first point and crosses back. Iterative, so long chains of holes cannot overflow
 * the stack. Returns flat x, y pairs for `compress`.
 */
export function emitRing(rings: CrackRings, root: number, centre: boolean, attachments: Attachment[][]): number[] {
  const out: number[] = [];
  const stack: Frame[] = [frameOf(rings, root, 0, attachments, Number.NaN, Number.NaN)];
  while (stack.length > 0) {
    const f = stack[stack.length - 1] as Frame;
    if (f.k === f.n) {
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
      stack.push(frameOf(rings, a.child, a.childStep, attachments, pointX(centre, d, f.x), pointY(centre, d, f.y)));
      continue;
    }
    f.x += DX[d as 0] as number;
    f.y += DY[d as 0] as number;
    f.k++;
    f.emitted = false;
  }
  return out;
}

function frameOf(rings: CrackRings, ring: number, start: number, attachments: Attachment[][], backX: number, backY: number): Frame {
  const from = rings.offset[ring] as number;
  const n = (rings.offset[ring + 1] as number) - from;
  let x = rings.startX[ring] as number;
  let y = rings.startY[ring] as number;
  for (let g = from; g < from + start; g++) {
    const d = rings.dirs[g] as number;
    x += DX[d as 0] as number;
    y += DY[d as 0] as number;
  }
  const list = [...(attachments[ring] ?? [])].sort((p, q) => ((p.step - start + n) % n) - ((q.step - start + n) % n));
  return { n, from, start, list, k: 0, x, y, next: 0, emitted: false, firstX: 0, firstY: 0, backX, backY };
}

