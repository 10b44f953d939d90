import type { Bitmap } from "../types.ts";
import { labelRuns, rowRuns } from "./row-runs.ts";

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
 * not `background`. Numbered like {@link connectedComponents}. Union-find over horizontal runs
 * (no per-pixel allocation).
 */
export function componentsByValue(
  values: Int32Array | Uint8Array | Uint16Array,
  width: number,
  height: number,
  connectivity: 4 | 8,
  background: number,
): Components {
  return labelComponents(values, width, height, connectivity, background, new Int32Array(width * height), new Int32Array(0));
}

/**
 * {@link componentsByValue} writing into caller-owned buffers: `labels` (width·height cells)
 * and `parent` (any length: used for the union-find table when it holds one cell per run, else a
 * new one is made); neither needs to be zeroed.
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
  const size = width * height;
  // A short raster reads as background past its end, as it always has.
  const source = values.length >= size ? values : Int32Array.from({ length: size }, (_, p) => values[p] ?? background);
  const runs = rowRuns(source, width, height, background, background);
  const { count, component } = labelRuns(runs, connectivity, initialParent);
  labels.fill(0, 0, size);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let r = runs.rowStart[y] as number; r < (runs.rowStart[y + 1] as number); r++) labels.fill(component[r] as number, row + (runs.start[r] as number), row + (runs.end[r] as number));
  }
  return { count, labels };
}
