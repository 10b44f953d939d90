/**
 * OpenCV 4.x `cv2.fillPoly(mask, [vertices.astype(int32)], 1)` (LINE_8, shift 0), reproduced
 * bit-exactly for one ring (`modules/imgproc/src/drawing.cpp`: CollectPolyEdges +
 * FillEdgeCollection). Every edge is first drawn as an 8-connected Bresenham line (clipped
 * to the image first, which moves its start point, as OpenCV's LineIterator does), then
 * each row y is filled between consecutive pairs of the sorted x positions, in 16.16 fixed
 * point, of the non-horizontal edges with y0 <= y < y1: from ceil(x_left) to floor(x_right).
 */
import type { BBox } from "../types.ts";
import type { Ring } from "./types.ts";

const SHIFT = 65536; // 1 << XY_SHIFT

/**
 * Rasterises one ring as `cv2.fillPoly` does after int32 truncation of its vertices and
 * ORs it into a row-major `out` of `width` × `height`; with `window` (a box inside the
 * frame), `out` is the window's size and gets exactly the frame's pixels there (edges are
 * still clipped to the frame, as OpenCV clips them, and only rows of the window are filled).
 */
export function rasterizeFillPolyRing(ring: Ring, width: number, height: number, out: Uint8Array, window: BBox = { x: 0, y: 0, width, height }): void {
  const n = ring.length;
  if (n === 0 || width <= 0 || height <= 0 || window.width <= 0 || window.height <= 0) return;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const point = ring[i] as readonly [number, number];
    xs[i] = Math.trunc(point[0]); // numpy astype(int32) truncates toward zero
    ys[i] = Math.trunc(point[1]);
  }
  // Edges: (y0, y1, x at y0 in 16.16, dx per row in 16.16), horizontal edges skipped.
  const edgeY0: number[] = [];
  const edgeY1: number[] = [];
  const edgeX: number[] = [];
  const edgeDx: number[] = [];
  let px = xs[n - 1] as number;
  let py = ys[n - 1] as number;
  for (let i = 0; i < n; i++) {
    const cx = xs[i] as number;
    const cy = ys[i] as number;
    drawLine(out, width, height, window, px, py, cx, cy);
    if (py !== cy) {
      // C++ int64 division truncates toward zero; the quotient is the same for either direction.
      const dx = Math.trunc(((cx - px) * SHIFT) / (cy - py));
      if (py < cy) {
        edgeY0.push(py);
        edgeY1.push(cy);
        edgeX.push(px * SHIFT);
      } else {
        edgeY0.push(cy);
        edgeY1.push(py);
        edgeX.push(cx * SHIFT);
      }
      edgeDx.push(dx);
    }
    px = cx;
    py = cy;
  }
  fillEdges(out, width, height, window, edgeY0, edgeY1, edgeX, edgeDx);
}

// --- internal ---

function fillEdges(
  out: Uint8Array,
  width: number,
  height: number,
  window: BBox,
  edgeY0: readonly number[],
  edgeY1: readonly number[],
  edgeX: readonly number[],
  edgeDx: readonly number[],
): void {
  const total = edgeY0.length;
  if (total < 2) return;
  let yMin = Infinity;
  let yMax = -Infinity;
  let xMin = Infinity;
  let xMax = -Infinity;
  for (let i = 0; i < total; i++) {
    const y0 = edgeY0[i] as number;
    const y1 = edgeY1[i] as number;
    const x0 = edgeX[i] as number;
    const x1 = x0 + (y1 - y0) * (edgeDx[i] as number);
    if (y0 < yMin) yMin = y0;
    if (y1 > yMax) yMax = y1;
    xMin = Math.min(xMin, x0, x1);
    xMax = Math.max(xMax, x0, x1);
  }
  if (yMax < 0 || yMin >= height || xMax < 0 || xMin >= width * SHIFT) return;
  // Edges by starting row, so each row only looks at the edges that can be active.
  const order = Array.from({ length: total }, (_, i) => i).sort((a, b) => (edgeY0[a] as number) - (edgeY0[b] as number));
  const active: number[] = [];
  const crossings: number[] = [];
  let next = 0;
  const yEnd = Math.min(yMax, height, window.y + window.height);
  // The window's columns, in frame coordinates.
  const left = window.x;
  const right = window.x + window.width - 1;
  for (let y = Math.max(0, yMin, window.y); y < yEnd; y++) {
    while (next < total && (edgeY0[order[next] as number] as number) <= y) active.push(order[next++] as number);
    crossings.length = 0;
    let keep = 0;
    for (let a = 0; a < active.length; a++) {
      const e = active[a] as number;
      if ((edgeY1[e] as number) <= y) continue; // the bottom end row is excluded
      active[keep++] = e;
      crossings.push((edgeX[e] as number) + (y - (edgeY0[e] as number)) * (edgeDx[e] as number));
    }
    active.length = keep;
    crossings.sort((a, b) => a - b);
    const row = (y - window.y) * window.width - left;
    for (let c = 0; c + 1 < crossings.length; c += 2) {
      let x1 = Math.floor(((crossings[c] as number) + SHIFT - 1) / SHIFT);
      let x2 = Math.floor((crossings[c + 1] as number) / SHIFT);
      if (x1 <= right && x2 >= left) {
        if (x1 < left) x1 = left;
        if (x2 > right) x2 = right;
        for (let x = x1; x <= x2; x++) out[row + x] = 1;
      }
    }
  }
}

/**
 * OpenCV's `Line` with 8-connectivity: Bresenham from the left end point, after clipping the
 * segment to the image when an end point lies outside (clipping changes the start point and
 * so the rounding, hence it is reproduced rather than clipping pixels afterwards). Pixels
 * outside `window` are not written.
 */
function drawLine(out: Uint8Array, width: number, height: number, window: BBox, ax: number, ay: number, bx: number, by: number): void {
  let x1 = ax;
  let y1 = ay;
  let x2 = bx;
  let y2 = by;
  if (x1 < 0 || x1 >= width || x2 < 0 || x2 >= width || y1 < 0 || y1 >= height || y2 < 0 || y2 >= height) {
    const clipped = clipLine(width, height, x1, y1, x2, y2);
    if (clipped === undefined) return;
    [x1, y1, x2, y2] = clipped;
  }
  let dx = x2 - x1;
  let dy = y2 - y1;
  if (dx < 0) {
    dx = -dx;
    dy = -dy;
    x1 = x2;
    y1 = y2;
  }
  let stepY = 1;
  if (dy < 0) {
    dy = -dy;
    stepY = -1;
  }
  let x = x1;
  let y = y1;
  const left = window.x;
  const top = window.y;
  const right = left + window.width;
  const bottom = top + window.height;
  if (dy > dx) {
    let err = dy - 2 * dx;
    for (let i = 0; i <= dy; i++) {
      if (x >= left && x < right && y >= top && y < bottom) out[(y - top) * window.width + (x - left)] = 1;
      const minor = err < 0;
      err += -2 * dx + (minor ? 2 * dy : 0);
      y += stepY;
      if (minor) x += 1;
    }
  } else {
    let err = dx - 2 * dy;
    for (let i = 0; i <= dx; i++) {
      if (x >= left && x < right && y >= top && y < bottom) out[(y - top) * window.width + (x - left)] = 1;
      const minor = err < 0;
      err += -2 * dy + (minor ? 2 * dx : 0);
      x += 1;
      if (minor) y += stepY;
    }
  }
}

/** OpenCV's `clipLine(Size, pt1, pt2)`: integer Cohen–Sutherland with truncating division. */
function clipLine(
  width: number,
  height: number,
  ax: number,
  ay: number,
  bx: number,
  by: number,
): [number, number, number, number] | undefined {
  const right = width - 1;
  const bottom = height - 1;
  let x1 = ax;
  let y1 = ay;
  let x2 = bx;
  let y2 = by;
  let c1 = (x1 < 0 ? 1 : 0) + (x1 > right ? 2 : 0) + (y1 < 0 ? 4 : 0) + (y1 > bottom ? 8 : 0);
  let c2 = (x2 < 0 ? 1 : 0) + (x2 > right ? 2 : 0) + (y2 < 0 ? 4 : 0) + (y2 > bottom ? 8 : 0);
  if ((c1 & c2) === 0 && (c1 | c2) !== 0) {
    if (c1 & 12) {
      const a = c1 < 8 ? 0 : bottom;
      x1 += Math.trunc(((a - y1) * (x2 - x1)) / (y2 - y1));
      y1 = a;
      c1 = (x1 < 0 ? 1 : 0) + (x1 > right ? 2 : 0);
    }
    if (c2 & 12) {
      const a = c2 < 8 ? 0 : bottom;
      x2 += Math.trunc(((a - y2) * (x2 - x1)) / (y2 - y1));
      y2 = a;
      c2 = (x2 < 0 ? 1 : 0) + (x2 > right ? 2 : 0);
    }
    if ((c1 & c2) === 0 && (c1 | c2) !== 0) {
      if (c1) {
        const a = c1 === 1 ? 0 : right;
        y1 += Math.trunc(((a - x1) * (y2 - y1)) / (x2 - x1));
        x1 = a;
        c1 = 0;
      }
      if (c2) {
        const a = c2 === 1 ? 0 : right;
        y2 += Math.trunc(((a - x2) * (y2 - y1)) / (x2 - x1));
        x2 = a;
        c2 = 0;
      }
    }
  }
  return (c1 | c2) === 0 ? [x1, y1, x2, y2] : undefined;
}
