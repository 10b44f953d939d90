/**
 * pycocotools' polygon decoder (`rleFrPoly` in cocoapi `common/maskApi.c`), reproduced
 * bit-exactly: vertices are scaled ×5 and rounded, every edge is walked point by point on
 * that fine grid, each step that crosses a pixel-centre column (fine x = 5·X + 2 → 5·X + 3)
 * toggles the pixel where the edge passes that column (row = ceil of the fine y mapped back),
 * and the toggles are scanned in column-major order with even-odd parity. It is not the exact
 * pixel-centre rule for sloped edges, which is why it is reproduced rather than approximated.
 */
import type { BBox } from "../types.ts";
import type { Ring } from "./types.ts";

const SCALE = 5;

/**
 * Adds the toggles one ring makes to `toggles` (length w·h + 1 of `window`, column-major,
 * XOR), and returns the smallest and largest toggled positions as [min, max] ([Infinity, -1]
 * if none). `window` (default: the whole `width` × `height` frame) is a box inside the frame:
 * only its columns are toggled, and rows are clamped into it (a toggle above it counts at its
 * top, one below it at its end), so scanning the window gives exactly the frame's pixels there
 * (every column holds an even number of toggles, so parity never crosses a column). Only the
 * steps that toggle a column of the window are computed, so the time is bounded by the
 * window and the number of edges, not by how far the vertices lie outside it.
 */
export function pycocotoolsToggles(ring: Ring, height: number, width: number, toggles: Uint8Array, window: BBox = { x: 0, y: 0, width, height }): [number, number] {
  const k = ring.length;
  const state: ToggleState = { min: Infinity, max: -1, height, window, toggles };
  if (k === 0 || window.width <= 0 || window.height <= 0) return [state.min, state.max];
  // Doubles, not C ints: the same integers for the coordinates pycocotools can hold (|5x| < 2³¹).
  const fx = new Float64Array(k + 1);
  const fy = new Float64Array(k + 1);
  for (let j = 0; j < k; j++) {
    const point = ring[j] as readonly [number, number];
    // C's (int) cast truncates toward zero.
    fx[j] = Math.trunc(SCALE * point[0] + 0.5);
    fy[j] = Math.trunc(SCALE * point[1] + 0.5);
  }
  fx[k] = fx[0] as number;
  fy[k] = fy[0] as number;
  // A step from fine column u to u ± 1 toggles pixel column X when it crosses 5X + 2 → 5X + 3:
  // the smaller of the two fine columns is 5X + 2. These are the window's columns.
  const uLo = SCALE * window.x + 2;
  const uHi = SCALE * (window.x + window.width - 1) + 2;
  // pycocotools walks each edge point by point (both directions give the same points, so a
  // zero-width bridge walked out and back toggles every pixel twice and vanishes); a toggle
  // depends only on the two points of a step, not on the direction, and steps between two
  // edges never cross a column inside the image, so each edge's toggling steps are found directly.
  for (let j = 0; j < k; j++) {
    let xs = fx[j] as number;
    let xe = fx[j + 1] as number;
    let ys = fy[j] as number;
    let ye = fy[j + 1] as number;
    const dx = Math.abs(xe - xs);
    const dy = Math.abs(ys - ye);
    const flip = (dx >= dy && xs > xe) || (dx < dy && ys > ye);
    if (flip) {
      let t = xs;
      xs = xe;
      xe = t;
      t = ys;
      ys = ye;
      ye = t;
    }
    if (dx >= dy) {
      // Point t (0..dx) is (xs + t, trunc(ys + s·t + 0.5)); step t − 1 → t starts at fine column xs + t − 1.
      const s = dx === 0 ? 0 : (ye - ys) / dx;
      let u = Math.max(uLo, xs);
      u += (((2 - u) % SCALE) + SCALE) % SCALE;
      const last = Math.min(uHi, xe - 1);
      for (; u <= last; u += SCALE) {
        const t = u - xs + 1;
        const v0 = Math.trunc(ys + s * (t - 1) + 0.5);
        const v1 = Math.trunc(ys + s * t + 0.5);
        toggle(state, u, v0 < v1 ? v0 : v1);
      }
    } else {
      // Point t (0..dy) is (trunc(xs + s·t + 0.5), ys + t): the fine column moves monotonically
      // by at most 1 a step, so it crosses each column between its ends exactly once.
      const s = (xe - xs) / dy;
      const u0 = Math.trunc(xs + 0.5);
      const u1 = Math.trunc(xs + s * dy + 0.5);
      // Going right, the crossing of u → u + 1 is the first t with column ≥ u + 1; going
      // left, the first with column ≤ u, i.e. −column ≥ −u. The estimate is within a step or
      // two; the exact formula decides.
      const sign = s > 0 ? 1 : -1;
      let u = Math.max(uLo, Math.min(u0, u1));
      u += (((2 - u) % SCALE) + SCALE) % SCALE;
      const last = Math.min(uHi, Math.max(u0, u1) - 1);
      for (; u <= last; u += SCALE) {
        const target = s > 0 ? u + 1 : -u;
        let t = Math.min(dy, Math.max(1, Math.ceil((u + 0.5 - xs) / s)));
        while (t < dy && sign * Math.trunc(xs + s * t + 0.5) < target) t++;
        while (t > 1 && sign * Math.trunc(xs + s * (t - 1) + 0.5) >= target) t--;
        toggle(state, u, ys + t - 1);
      }
    }
  }
  return [state.min, state.max];
}

/**
 * Rasterises one ring as pycocotools does and ORs it into a row-major `out` (so several
 * rings union, like `frPyObjects` + `merge`). `toggles` is scratch of length h·w + 1, all
 * zero on entry and left all zero. With `window` (a box inside the frame), `out` and
 * `toggles` are the window's size and hold exactly the frame's pixels there.
 */
export function rasterizePycocotoolsRing(ring: Ring, width: number, height: number, out: Uint8Array, toggles: Uint8Array, window: BBox = { x: 0, y: 0, width, height }): void {
  const [min, max] = pycocotoolsToggles(ring, height, width, toggles, window);
  if (max < 0) return;
  const rows = window.height;
  const total = window.width * rows;
  let parity = 0;
  // Column-major scan from the first toggle; an odd toggle count (possible for rings
  // reaching below the image) runs on to the end of the image, as the RLE would.
  for (let position = min; position < total; position++) {
    if (toggles[position] === 1) {
      parity ^= 1;
      toggles[position] = 0;
    } else if (parity === 0 && position > max) {
      break;
    }
    if (parity === 1) {
      const x = Math.floor(position / rows);
      const y = position - x * rows;
      out[y * window.width + x] = 1;
    }
  }
  toggles[total] = 0;
}

// --- internal ---

interface ToggleState {
  min: number;
  max: number;
  readonly height: number;
  readonly window: BBox;
  readonly toggles: Uint8Array;
}

/**
 * Toggles where a step crossing fine column `u` → `u + 1` (u = 5X + 2, X a column of the
 * window) passes it, `v` being the smaller fine row of the step's two points: the row is
 * ceil of v mapped back, clamped to the frame and then to the window.
 */
function toggle(state: ToggleState, u: number, v: number): void {
  const { window } = state;
  let yd = (v + 0.5) / SCALE - 0.5;
  if (yd < 0) yd = 0;
  else if (yd > state.height) yd = state.height;
  let y = Math.ceil(yd) - window.y;
  if (y < 0) y = 0;
  else if (y > window.height) y = window.height;
  const position = ((u - 2) / SCALE - window.x) * window.height + y;
  state.toggles[position] = (state.toggles[position] as number) ^ 1;
  if (position < state.min) state.min = position;
  if (position > state.max) state.max = position;
}
