import type { CrackRings } from "./crack-rings.ts";
import type { Attachment } from "./ring-points.ts";

/** Joins hole `h` to the first boundary straight above its top-left corner / pixel. */
export function attachHole(rings: CrackRings, h: number, centre: boolean, attachments: Attachment[][]): void {
  const { stride, horizontal, vertical, ringOf, offset, dirs } = rings;
  const hx = rings.startX[h] as number;
  const hy = rings.startY[h] as number;
  if (!centre) {
    // Walk up the grid line x = hx, between object pixels, to a vertex on another ring.
    for (let y = hy; y > 0; y--) {
      const candidates = [
        [horizontal[y * stride + hx - 1] as number, 2],
        [horizontal[y * stride + hx] as number, 0],
        [vertical[(y - 1) * stride + hx] as number, 3],
        [vertical[y * stride + hx] as number, 1],
      ] as const;
      for (const [crack, leaving] of candidates) {
        if (crack === 0) continue;
        const g = crack - 1;
        const host = ringOf[g] as number;
        if (host === h) continue;
        const n = (offset[host + 1] as number) - (offset[host] as number);
        const step = g - (offset[host] as number);
        // The splice goes before the crack that leaves this vertex.
        const at = dirs[g] === leaving ? step : (step + 1) % n;
        attachments[host]?.push({ step: at, child: h, childStep: 0 });
        return;
      }
    }
    return;
  }
  // Centre target: the hole ring's last crack is its top edge, whose right pixel (hx, hy - 1)
  // is the object pixel above the hole's top-left pixel; walk up that pixel column.
  const childStep = (offset[h + 1] as number) - (offset[h] as number) - 1;
  for (let y = hy - 1; y > 0; y--) {
    const i = y * stride + hx;
    const candidates = [vertical[i] as number, vertical[i + 1] as number, horizontal[i] as number, horizontal[i + stride] as number];
    for (const crack of candidates) {
      if (crack === 0) continue;
      const g = crack - 1;
      const host = ringOf[g] as number;
      if (host === h) continue;
      attachments[host]?.push({ step: g - (offset[host] as number), child: h, childStep });
      return;
    }
  }
}

