/**
 * Boundary tracing on the crack grid (the lines between pixels), the engine behind
 * {@link traceBoundaries} and {@link toPolygons}. Internal: the public shapes are built from it.
 *
 * The bitmap is copied into a grid padded by one background pixel on every side, so every
 * ring is closed and lookups need no bounds checks. Padded pixel (x, y) is original pixel
 * (x - 1, y - 1); padded vertex (x, y) is the original pixel corner (x - 1, y - 1).
 *
 * Each crack between an object and a background pixel belongs to exactly one ring and is
 * walked once, with the object on the right (y down), so outer rings run clockwise on screen
 * (positive shoelace area) and hole rings counter-clockwise. At a vertex where two object
 * pixels touch only diagonally the walk turns towards the diagonal object pixel: objects are
 * 8-connected (two corner-touching pixels are one part, one ring touching itself at that
 * vertex) and background is 4-connected. Under pycocotools' decoder a ring that touches
 * itself at a vertex decodes exactly, because each horizontal crack toggles its own pixel.
 */
import { MaskportError } from "../errors.ts";
import type { Bitmap } from "../types.ts";

/** Directions: 0 east (+x), 1 south (+y), 2 west, 3 north. */
export const DX = [1, 0, -1, 0] as const;
export const DY = [0, 1, 0, -1] as const;

/** All rings of one bitmap, in discovery order (by top-left vertex, row by row). */
export interface CrackRings {
  /** Padded grid width (bitmap width + 2). */
  readonly stride: number;
  /** Padded grid, 1 = object. */
  readonly grid: Uint8Array;
  /** Per ring: padded start vertex (its top-left vertex; the ring leaves it east for outer rings, south for holes). */
  readonly startX: Int32Array;
  readonly startY: Int32Array;
  /** Per ring: first crack in `dirs` (ring r owns dirs[offset[r] .. offset[r + 1])). */
  readonly offset: Int32Array;
  readonly hole: Uint8Array;
  readonly parent: Int32Array;
  /** Direction of every crack, rings concatenated. */
  readonly dirs: Uint8Array;
  /** Ring of every crack. */
  readonly ringOf: Int32Array;
  /** Horizontal crack above padded pixel i: its global crack index + 1, or 0 when there is none. */
  readonly horizontal: Int32Array;
  /** Vertical crack left of padded pixel i: its global crack index + 1, or 0. */
  readonly vertical: Int32Array;
  readonly count: number;
}

/** Traces every ring of `bitmap`. Linear in the number of pixels plus cracks. */
export function traceCrackRings(bitmap: Bitmap): CrackRings {
  const { width, height, data } = bitmap;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 0 || height < 0 || data.length !== width * height) {
    throw new MaskportError(
      "INVALID_MASK",
      `bitmap of ${width}×${height} pixels holds ${data.length} values, expected ${Number.isInteger(width * height) ? width * height : "a whole number"}`,
    );
  }
  const stride = width + 2;
  const rows = height + 2;
  const grid = new Uint8Array(stride * rows);
  // Which padded rows hold any object pixel: row pairs with none cannot hold a crack.
  const rowUsed = new Uint8Array(rows);
  let values = 0;
  for (let y = 0; y < height; y++) {
    let any = 0;
    const from = y * width;
    for (let x = 0; x < width; x++) any |= data[from + x] as number;
    if (any !== 0) {
      rowUsed[y + 1] = 1;
      grid.set(data.subarray(from, from + width), (y + 1) * stride + 1);
    }
    values |= any;
  }
  // Anything non-zero is inside; only a bitmap with values other than 0/1 needs this pass.
  if ((values & ~1) !== 0) for (let i = 0; i < grid.length; i++) grid[i] = grid[i] === 0 ? 0 : 1;
  const horizontal = new Int32Array(stride * rows);
  const vertical = new Int32Array(stride * rows);
  let dirs = new Uint8Array(1024);
  let ringOf = new Int32Array(1024);
  const startX: number[] = [];
  const startY: number[] = [];
  const offset: number[] = [0];
  const hole: number[] = [];
  const parent: number[] = [];
  let cracks = 0;
  // Diagonal neighbours of a vertex as pixel-index offsets: TL, TR, BL, BR.
  const tl = -stride - 1;
  const tr = -stride;
  const bl = -1;
  for (let r = 0; r + 1 < rows; r++) {
    if (rowUsed[r] === 0 && rowUsed[r + 1] === 0) continue;
    let last = -1; // ring of the nearest vertical crack to the left in row r
    const rowStart = r * stride;
    for (let x = 0; x < stride; x++) {
      const i = rowStart + x;
      const value = grid[i] as number;
      if (x > 0 && grid[i - 1] !== value) last = ringOf[(vertical[i] as number) - 1] as number;
      const below = i + stride;
      if (grid[below] === value || horizontal[below] !== 0) continue;
      // A new ring: this crack is its top-left one. Its parent follows from the nearest
      // ring to the left on row r (Suzuki–Abe's "last border" rule, on cracks).
      const ring = startX.length;
      const isHole = value === 1;
      let ringParent: number;
      if (!isHole) ringParent = last < 0 ? -1 : hole[last] === 1 ? last : (parent[last] as number);
      else ringParent = hole[last] === 1 ? (parent[last] as number) : last;
      const sx = x;
      const sy = r + 1;
      const startDir = isHole ? 1 : 0;
      startX.push(sx);
      startY.push(sy);
      hole.push(isHole ? 1 : 0);
      parent.push(ringParent);
      let vx = sx;
      let vy = sy;
      let d = startDir;
      do {
        if (cracks === dirs.length) {
          const grownDirs = new Uint8Array(dirs.length * 2);
          grownDirs.set(dirs);
          dirs = grownDirs;
          const grownRing = new Int32Array(ringOf.length * 2);
          grownRing.set(ringOf);
          ringOf = grownRing;
        }
        dirs[cracks] = d;
        ringOf[cracks] = ring;
        cracks++;
        const v = vy * stride + vx;
        if (d === 0) {
          horizontal[v] = cracks;
          vx++;
        } else if (d === 1) {
          vertical[v] = cracks;
          vy++;
        } else if (d === 2) {
          horizontal[v - 1] = cracks;
          vx--;
        } else {
          vertical[v - stride] = cracks;
          vy--;
        }
        // Pixel index of the vertex's bottom-right pixel; pick front-left / front-right.
        const p = vy * stride + vx;
        let frontLeft: number;
        let frontRight: number;
        if (d === 0) {
          frontLeft = p + tr;
          frontRight = p;
        } else if (d === 1) {
          frontLeft = p;
          frontRight = p + bl;
        } else if (d === 2) {
          frontLeft = p + bl;
          frontRight = p + tl;
        } else {
          frontLeft = p + tl;
          frontRight = p + tr;
        }
        // Object ahead-left (also at a diagonal touch): turn left; object ahead-right: go on.
        if (grid[frontLeft] === 1) d = (d + 3) & 3;
        else if (grid[frontRight] !== 1) d = (d + 1) & 3;
      } while (vx !== sx || vy !== sy || d !== startDir);
      offset.push(cracks);
    }
  }
  return {
    stride,
    grid,
    startX: Int32Array.from(startX),
    startY: Int32Array.from(startY),
    offset: Int32Array.from(offset),
    hole: Uint8Array.from(hole),
    parent: Int32Array.from(parent),
    dirs,
    ringOf,
    horizontal,
    vertical,
    count: startX.length,
  };
}
