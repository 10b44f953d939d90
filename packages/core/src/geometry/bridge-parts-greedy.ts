import type { CrackRings } from "./crack-rings.ts";
import type { Attachment, vertexSteps } from "./ring-points.ts";

type Vertices = ReturnType<typeof vertexSteps>;

/**
 * Part bridging for masks with many parts: in scan order, each part joins the nearest vertex
 * (on a 16-pixel grid) of the rings of earlier parts in its own background region. No
 * crossing check: still exact under pycocotools, measured under fillPoly.
 */
export function attachPartsGreedy(
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
