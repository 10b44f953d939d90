/** Where a crack's point lies for each target, and ring vertices for bridging. Internal. */
import { type CrackRings, DX, DY } from "./crack-rings.ts";

/**
 * A child ring walked from `childStep`, spliced into its host before host crack `step`.
 * `side` says where the bridge runs relative to both rings' walk (object on the right):
 * `"right"` through the object (hole bridges), `"left"` through the background (part bridges).
 */
export interface Attachment {
  readonly step: number;
  readonly child: number;
  readonly childStep: number;
  readonly side: "left" | "right";
  /** Set by placeSpokes: sweep angle of the bridge at the host's passage, and at the child's. */
  readonly sweep?: number;
  readonly childSweep?: number;
}

/** Point of crack `d` leaving padded vertex (x, y): the corner itself, or the pixel on its right. */
export function pointX(centre: boolean, d: number, x: number): number {
  if (!centre) return x - 1;
  return d === 0 || d === 3 ? x - 1 : x - 2;
}
export function pointY(centre: boolean, d: number, y: number): number {
  if (!centre) return y - 1;
  return d === 0 || d === 1 ? y - 1 : y - 2;
}

/** Candidate vertices (steps where the direction changes) of a ring, in target coordinates. */
export function vertexSteps(rings: CrackRings, r: number, centre: boolean): { steps: number[]; xs: number[]; ys: number[] } {
  const from = rings.offset[r] as number;
  const to = rings.offset[r + 1] as number;
  const steps: number[] = [];
  const xs: number[] = [];
  const ys: number[] = [];
  let x = rings.startX[r] as number;
  let y = rings.startY[r] as number;
  let previous = rings.dirs[to - 1] as number;
  for (let g = from; g < to; g++) {
    const d = rings.dirs[g] as number;
    if (d !== previous) {
      steps.push(g - from);
      xs.push(pointX(centre, d, x));
      ys.push(pointY(centre, d, y));
    }
    x += DX[d as 0] as number;
    y += DY[d as 0] as number;
    previous = d;
  }
  return { steps, xs, ys };
}

