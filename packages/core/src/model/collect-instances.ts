import type { Instance } from "../types.ts";
import type { RowRuns } from "./row-runs.ts";

/**
 * Instances from runs and the instance of each run (k + 1 for instance k, 0 none; `labelOf[k]`
 * and `instanceIds[k]` describe instance k), in k order: bbox and area in one sweep over the
 * runs, crops (a `fill` per run) in a second.
 */
export function collectInstances(runs: RowRuns, instanceOf: Int32Array, labelOf: Int32Array, instanceIds: Int32Array): Instance[] {
  const { rowStart, start, end, height } = runs;
  const n = labelOf.length;
  const minX = new Int32Array(n).fill(0x7fffffff);
  const minY = new Int32Array(n).fill(height);
  const maxX = new Int32Array(n).fill(-1);
  const maxY = new Int32Array(n).fill(-1);
  const area = new Int32Array(n);
  for (let y = 0; y < height; y++) {
    for (let r = rowStart[y] as number; r < (rowStart[y + 1] as number); r++) {
      const k = (instanceOf[r] as number) - 1;
      if (k < 0) continue;
      const first = start[r] as number;
      const last = (end[r] as number) - 1;
      area[k] = (area[k] as number) + last - first + 1;
      if (first < (minX[k] as number)) minX[k] = first;
      if (last > (maxX[k] as number)) maxX[k] = last;
      if (y < (minY[k] as number)) minY[k] = y;
      maxY[k] = y;
    }
  }
  const crops: Uint8Array[] = [];
  for (let k = 0; k < n; k++) crops.push(new Uint8Array(((maxX[k] as number) - (minX[k] as number) + 1) * ((maxY[k] as number) - (minY[k] as number) + 1)));
  for (let y = 0; y < height; y++) {
    for (let r = rowStart[y] as number; r < (rowStart[y + 1] as number); r++) {
      const k = (instanceOf[r] as number) - 1;
      if (k < 0) continue;
      const left = minX[k] as number;
      const offset = (y - (minY[k] as number)) * ((maxX[k] as number) - left + 1) - left;
      (crops[k] as Uint8Array).fill(1, offset + (start[r] as number), offset + (end[r] as number));
    }
  }
  const instances: Instance[] = [];
  for (let k = 0; k < n; k++) {
    const x = minX[k] as number;
    const y = minY[k] as number;
    const bw = (maxX[k] as number) - x + 1;
    const bh = (maxY[k] as number) - y + 1;
    instances.push({
      label: labelOf[k] as number,
      instanceId: instanceIds[k] as number,
      bbox: { x, y, width: bw, height: bh },
      area: area[k] as number,
      bitmap: { width: bw, height: bh, data: crops[k] as Uint8Array },
    });
  }
  return instances;
}
