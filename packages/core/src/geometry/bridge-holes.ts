import type { CrackRings } from "./crack-rings.ts";
import type { Attachment } from "./ring-points.ts";

/**
 * Joins hole `h` to the first boundary straight above it, through the object's own pixels:
 * corners go up the grid line from the hole's top-left corner (both pixels beside that line
 * are object pixels until a boundary is met); centres go up the pixel column from the object
 * pixel above the hole's top-left pixel. The boundary met belongs to the same part (its outer
 * ring or one of its holes with a higher top), so joining holes in scan order ends at the
 * outer ring.
 */
export function attachHole(rings: CrackRings, h: number, centre: boolean, attachments: Attachment[][]): void {
  const { stride, horizontal, vertical, ringOf, offset } = rings;
  const hx = rings.startX[h] as number;
  const hy = rings.startY[h] as number;
  if (!centre) {
    // Walk up the grid line x = hx, between object pixels, to a vertex on another ring.
    for (let y = hy; y > 0; y--) {
      // The four cracks meeting at vertex (hx, y), each with the direction that leaves it.
      if (spliceAtVertex(rings, h, horizontal[y * stride + hx - 1] as number, 2, attachments)) return;
      if (spliceAtVertex(rings, h, horizontal[y * stride + hx] as number, 0, attachments)) return;
      if (spliceAtVertex(rings, h, vertical[(y - 1) * stride + hx] as number, 3, attachments)) return;
      if (spliceAtVertex(rings, h, vertical[y * stride + hx] as number, 1, attachments)) return;
    }
    return;
  }
  // Centre target: the hole ring's last crack is its top edge, whose right pixel (hx, hy - 1)
  // is the object pixel above the hole's top-left pixel; walk up that pixel column.
  const childStep = (offset[h + 1] as number) - (offset[h] as number) - 1;
  for (let y = hy - 1; y > 0; y--) {
    const i = y * stride + hx;
    // The pixel's four cracks; each has this pixel on its right, so it is the splice point.
    for (let side = 0; side < 4; side++) {
      const crack = (side === 0 ? vertical[i] : side === 1 ? vertical[i + 1] : side === 2 ? horizontal[i] : horizontal[i + stride]) as number;
      if (crack === 0) continue;
      const g = crack - 1;
      const host = ringOf[g] as number;
      if (host === h) continue;
      attachments[host]?.push({ step: g - (offset[host] as number), child: h, childStep, side: "right" });
      return;
    }
  }
}

// --- internal ---

/** Splices hole `h` into the ring of `crack` (global index + 1, 0 = none) at the vertex it meets. */
function spliceAtVertex(rings: CrackRings, h: number, crack: number, leaving: number, attachments: Attachment[][]): boolean {
  if (crack === 0) return false;
  const g = crack - 1;
  const host = rings.ringOf[g] as number;
  if (host === h) return false;
  const from = rings.offset[host] as number;
  const n = (rings.offset[host + 1] as number) - from;
  const step = g - from;
  // The splice goes before the crack that leaves this vertex.
  const at = rings.dirs[g] === leaving ? step : (step + 1) % n;
  attachments[host]?.push({ step: at, child: h, childStep: 0, side: "right" });
  return true;
}
