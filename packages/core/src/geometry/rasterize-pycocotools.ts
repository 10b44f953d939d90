/**
 * pycocotools' polygon decoder (`rleFrPoly` in cocoapi `common/maskApi.c`), reproduced
 * bit-exactly: vertices are scaled ×5 and rounded, every edge is walked point by point on
 * that fine grid, each step that crosses a pixel-centre column (fine x = 5·X + 2 → 5·X + 3)
 * toggles the pixel where the edge passes that column (row = ceil of the fine y mapped back),
 * and the toggles are scanned in column-major order with even-odd parity. It is not the exact
 * pixel-centre rule for sloped edges, which is why it is reproduced rather than approximated.
 */
import type { Ring } from "./types.ts";

const SCALE = 5;

/**
 * Adds the toggles one ring makes to `toggles` (length h·w + 1, column-major, XOR), and
 * returns the smallest and largest toggled positions as [min, max] ([Infinity, -1] if none).
 */
export function pycocotoolsToggles(ring: Ring, height: number, width: number, toggles: Uint8Array): [number, number] {
  const k = ring.length;
  let min = Infinity;
  let max = -1;
  if (k === 0) return [min, max];
  const fx = new Int32Array(k + 1);
  const fy = new Int32Array(k + 1);
  for (let j = 0; j < k; j++) {
    const point = ring[j] as readonly [number, number];
    // C's (int) cast truncates toward zero.
    fx[j] = Math.trunc(SCALE * point[0] + 0.5);
    fy[j] = Math.trunc(SCALE * point[1] + 0.5);
  }
  fx[k] = fx[0] as number;
  fy[k] = fy[0] as number;
  let havePrevious = false;
  let pu = 0;
  let pv = 0;
  for (let j = 0; j < k; j++) {
    let xs = fx[j] as number;
    let xe = fx[j + 1] as number;
    let ys = fy[j] as number;
    let ye = fy[j + 1] as number;
    const dx = Math.abs(xe - xs);
    const dy = Math.abs(ys - ye);
    // Both directions of an edge produce the same fine points (reversed), so a zero-width
    // bridge walked out and back toggles every pixel twice and vanishes.
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
      const s = dx === 0 ? 0 : (ye - ys) / dx;
      for (let d = 0; d <= dx; d++) {
        const t = flip ? dx - d : d;
        const u = t + xs;
        const v = Math.trunc(ys + s * t + 0.5);
        if (havePrevious && u !== pu) {
          const position = togglePosition(u, v, pu, pv, height, width);
          if (position >= 0) {
            toggles[position] = (toggles[position] as number) ^ 1;
            if (position < min) min = position;
            if (position > max) max = position;
          }
        }
        havePrevious = true;
        pu = u;
        pv = v;
      }
    } else {
      const s = (xe - xs) / dy;
      for (let d = 0; d <= dy; d++) {
        const t = flip ? dy - d : d;
        const v = t + ys;
        const u = Math.trunc(xs + s * t + 0.5);
        if (havePrevious && u !== pu) {
          const position = togglePosition(u, v, pu, pv, height, width);
          if (position >= 0) {
            toggles[position] = (toggles[position] as number) ^ 1;
            if (position < min) min = position;
            if (position > max) max = position;
          }
        }
        havePrevious = true;
        pu = u;
        pv = v;
      }
    }
  }
  return [min, max];
}

/**
 * Rasterises one ring as pycocotools does and ORs it into a row-major `out` (so several
 * rings union, like `frPyObjects` + `merge`). `toggles` is scratch of length h·w + 1, all
 * zero on entry and left all zero.
 */
export function rasterizePycocotoolsRing(ring: Ring, width: number, height: number, out: Uint8Array, toggles: Uint8Array): void {
  const [min, max] = pycocotoolsToggles(ring, height, width, toggles);
  if (max < 0) return;
  const total = height * width;
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
      const x = Math.floor(position / height);
      const y = position - x * height;
      out[y * width + x] = 1;
    }
  }
  toggles[total] = 0;
}

// --- internal ---

/** The column-major position a fine-grid step toggles, or -1 when its column is outside. */
function togglePosition(u: number, v: number, pu: number, pv: number, height: number, width: number): number {
  let xd = u < pu ? u : u - 1;
  xd = (xd + 0.5) / SCALE - 0.5;
  if (Math.floor(xd) !== xd || xd < 0 || xd > width - 1) return -1;
  let yd = v < pv ? v : pv;
  yd = (yd + 0.5) / SCALE - 0.5;
  if (yd < 0) yd = 0;
  else if (yd > height) yd = height;
  yd = Math.ceil(yd);
  return xd * height + yd;
}
