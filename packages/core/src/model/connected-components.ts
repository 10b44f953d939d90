import type { Bitmap } from "../types.ts";

/** Components of a raster: `labels[p]` is 1..count, 0 for background; numbered in scan order of each component's first pixel. */
export interface Components {
  readonly count: number;
  readonly labels: Int32Array;
}

/**
 * Connected components of the set pixels of a bitmap, 4- or 8-connected, numbered 1..count
 * in scan order (row by row, left to right) of each component's first pixel.
 */
export function connectedComponents(bitmap: Bitmap, connectivity: 4 | 8): Components {
  return componentsByValue(bitmap.data, bitmap.width, bitmap.height, connectivity, 0);
}

/**
 * Connected regions of equal value: neighbouring pixels join when their values are equal and
 * not `background`. Numbered like {@link connectedComponents}. Two passes with union-find
 * over typed arrays (no per-pixel allocation).
 */
export function componentsByValue(
  values: Int32Array | Uint8Array | Uint16Array,
  width: number,
  height: number,
  connectivity: 4 | 8,
  background: number,
): Components {
  return labelComponents(values, width, height, connectivity, background, new Int32Array(width * height), new Int32Array(1024));
}

/**
 * {@link componentsByValue} writing into caller-owned buffers: `labels` (width·height cells)
 * and `parent` (any length: a larger copy replaces it when the provisional labels outgrow it);
 * neither needs to be zeroed.
 */
export function labelComponents(
  values: Int32Array | Uint8Array | Uint16Array,
  width: number,
  height: number,
  connectivity: 4 | 8,
  background: number,
  labels: Int32Array,
  initialParent: Int32Array,
): Components {
  // Provisional labels (at most one per pixel, plus the unused 0; parent[l] <= l always) are
  // far fewer than pixels in masks, so the union-find table grows with them, not with the frame.
  let parent = initialParent.length > 1 ? initialParent : new Int32Array(1024);
  let next = 0;
  const diagonal = connectivity === 8;
  for (let y = 0, p = 0; y < height; y++) {
    for (let x = 0; x < width; x++, p++) {
      const v = values[p] ?? background;
      if (v === background) {
        labels[p] = 0;
        continue;
      }
      const w = x > 0 && values[p - 1] === v ? (labels[p - 1] ?? 0) : 0;
      const above = p - width;
      const n = y > 0 && values[above] === v ? (labels[above] ?? 0) : 0;
      let label: number;
      if (diagonal) {
        // Decision tree: neighbours that touch each other are already joined, so at most one union.
        if (n !== 0) label = n;
        else {
          const ne = y > 0 && x + 1 < width && values[above + 1] === v ? (labels[above + 1] ?? 0) : 0;
          const nw = y > 0 && x > 0 && values[above - 1] === v ? (labels[above - 1] ?? 0) : 0;
          if (ne !== 0) label = nw !== 0 ? join(parent, ne, nw) : w !== 0 ? join(parent, ne, w) : ne;
          else label = nw !== 0 ? nw : w;
        }
      } else {
        label = n !== 0 && w !== 0 ? join(parent, n, w) : n !== 0 ? n : w;
      }
      if (label === 0) {
        label = ++next;
        if (label >= parent.length) parent = grown(parent, Math.min(2 * parent.length, width * height + 1));
        parent[label] = label;
      }
      labels[p] = label;
    }
  }
  // Roots in one sweep (a parent is always smaller), then numbers in scan order of first pixels.
  for (let label = 1; label <= next; label++) parent[label] = parent[parent[label] ?? 0] ?? 0;
  const final = new Int32Array(next + 1);
  let count = 0;
  for (let p = 0; p < labels.length; p++) {
    const label = labels[p] ?? 0;
    if (label === 0) continue;
    const root = parent[label] ?? 0;
    let number = final[root] ?? 0;
    if (number === 0) final[root] = number = ++count;
    labels[p] = number;
  }
  return { count, labels };
}

// --- internal ---

/** A copy of `table` with room for `length` cells. */
function grown(table: Int32Array, length: number): Int32Array {
  const larger = new Int32Array(length);
  larger.set(table);
  return larger;
}

function find(parent: Int32Array, label: number): number {
  let current = label;
  while (parent[current] !== current) {
    const grand = parent[parent[current] ?? 0] ?? 0;
    parent[current] = grand; // path halving keeps later finds short
    current = grand;
  }
  return current;
}

/** Unions two provisional labels (0 = none yet) and returns the smaller root. */
function join(parent: Int32Array, a: number, b: number): number {
  if (a === 0) return b;
  if (b === 0 || a === b) return a;
  const ra = find(parent, a);
  const rb = find(parent, b);
  if (ra === rb) return ra;
  if (ra < rb) {
    parent[rb] = ra;
    return ra;
  }
  parent[ra] = rb;
  return rb;
}
