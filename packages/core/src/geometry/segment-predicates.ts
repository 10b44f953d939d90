/** Exact segment predicates for integer and half-integer pixel coordinates. Internal. */

/** True when segment a–b meets p–q anywhere but at one shared endpoint (collinear overlap counts). */
export function conflicts(ax: number, ay: number, bx: number, by: number, px: number, py: number, qx: number, qy: number): boolean {
  const d1 = orient(ax, ay, bx, by, px, py);
  const d2 = orient(ax, ay, bx, by, qx, qy);
  const d3 = orient(px, py, qx, qy, ax, ay);
  const d4 = orient(px, py, qx, qy, bx, by);
  if (((d1 > 0 && d2 < 0) || (d1 < 0 && d2 > 0)) && ((d3 > 0 && d4 < 0) || (d3 < 0 && d4 > 0))) return true;
  // Touching or collinear cases: collect the contact points.
  let contacts = 0;
  let sharedOnly = true;
  const touch = (isEndpointOfNew: boolean, isEndpointOfOther: boolean): void => {
    contacts++;
    if (!(isEndpointOfNew && isEndpointOfOther)) sharedOnly = false;
  };
  if (d1 === 0 && onSegment(ax, ay, bx, by, px, py)) touch(samePoint(px, py, ax, ay) || samePoint(px, py, bx, by), true);
  if (d2 === 0 && onSegment(ax, ay, bx, by, qx, qy)) touch(samePoint(qx, qy, ax, ay) || samePoint(qx, qy, bx, by), true);
  if (d3 === 0 && onSegment(px, py, qx, qy, ax, ay)) touch(true, samePoint(ax, ay, px, py) || samePoint(ax, ay, qx, qy));
  if (d4 === 0 && onSegment(px, py, qx, qy, bx, by)) touch(true, samePoint(bx, by, px, py) || samePoint(bx, by, qx, qy));
  if (contacts === 0) return false;
  if (!sharedOnly) return true;
  // Only shared endpoints touch; collinear and overlapping beyond a point is still a conflict.
  if (d1 === 0 && d2 === 0) return overlapLength(ax, ay, bx, by, px, py, qx, qy) > 0;
  return false;
}

/** Twice the signed area of triangle a, b, c (> 0 when c is left of a → b in x-right, y-up terms). */
export function orient(ax: number, ay: number, bx: number, by: number, cx: number, cy: number): number {
  return (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
}

function onSegment(ax: number, ay: number, bx: number, by: number, px: number, py: number): boolean {
  return Math.min(ax, bx) <= px && px <= Math.max(ax, bx) && Math.min(ay, by) <= py && py <= Math.max(ay, by);
}

function samePoint(ax: number, ay: number, bx: number, by: number): boolean {
  return ax === bx && ay === by;
}

function overlapLength(ax: number, ay: number, bx: number, by: number, px: number, py: number, qx: number, qy: number): number {
  const ux = bx - ax;
  const uy = by - ay;
  const length = ux * ux + uy * uy;
  if (length === 0) return 0;
  const t1 = ((px - ax) * ux + (py - ay) * uy) / length;
  const t2 = ((qx - ax) * ux + (qy - ay) * uy) / length;
  return Math.min(1, Math.max(t1, t2)) - Math.max(0, Math.min(t1, t2));
}
