/**
 * CVAT's mask RLE: ROW-MAJOR inside the shape's box (left→right, then the next row),
 * alternating 0-runs and 1-runs, starting with a 0-run, summing to width·height of the box.
 * (COCO's RLE is column-major over the whole frame: never mix the two.)
 */
import { MaskportError } from "../errors.ts";
import type { Bitmap } from "../types.ts";

/** Encodes a box crop (row-major bitmap) into CVAT runs. */
export function encodeCvatRle(crop: Bitmap): number[] {
  const runs: number[] = [];
  let value = 0;
  let run = 0;
  const { data } = crop;
  const n = crop.width * crop.height;
  for (let i = 0; i < n; i++) {
    const pixel = data[i] === 0 ? 0 : 1;
    if (pixel !== value) {
      runs.push(run);
      run = 0;
      value = pixel;
    }
    run++;
  }
  runs.push(run);
  return runs;
}

/**
 * Decodes CVAT runs for a `width` × `height` box. Tolerates zero-length runs (real exports
 * have them); the runs must sum to exactly width·height.
 */
export function decodeCvatRle(runs: readonly number[], width: number, height: number, file?: string): Bitmap {
  const n = width * height;
  const data = new Uint8Array(n);
  let index = 0;
  for (let i = 0; i < runs.length; i++) {
    const run = runs[i] ?? 0;
    if (!Number.isInteger(run) || run < 0) {
      throw new MaskportError("INVALID_MASK", `mask RLE run ${run} is not a non-negative integer`, file === undefined ? {} : { file });
    }
    if (index + run > n) break;
    if (i % 2 === 1) data.fill(1, index, index + run);
    index += run;
  }
  const sum = runs.reduce((a, b) => a + b, 0);
  if (sum !== n) {
    throw new MaskportError("INVALID_MASK", `mask RLE runs sum to ${sum}, but the box is ${width}×${height} = ${n} pixels`, file === undefined ? {} : { file });
  }
  return { width, height, data };
}
