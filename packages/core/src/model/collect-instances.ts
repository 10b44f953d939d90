import type { Instance } from "../types.ts";

/**
 * Instances from an assignment raster (k + 1 per pixel for instance k, 0 none; `labelOf[k]` and
 * `instanceIds[k]` describe instance k), in k order. Works on horizontal runs of
 * equal values (masks are mostly long runs): bbox and area in one sweep, crops in a second.
 */
export function collectInstances(assign: Int32Array, width: number, height: number, labelOf: Int32Array, instanceIds: Int32Array): Instance[] {
  const n = labelOf.length;
  const minX = new Int32Array(n).fill(width);
  const minY = new Int32Array(n).fill(height);
  const maxX = new Int32Array(n).fill(-1);
  const maxY = new Int32Array(n).fill(-1);
  const area = new Int32Array(n);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let x = 0;
    while (x < width) {
      const a = assign[row + x] ?? 0;
      const start = x++;
      while (x < width && assign[row + x] === a) x++;
      if (a === 0) continue;
      const k = a - 1;
      area[k] = (area[k] ?? 0) + x - start;
      if (start < (minX[k] ?? 0)) minX[k] = start;
      if (x - 1 > (maxX[k] ?? 0)) maxX[k] = x - 1;
      if (y < (minY[k] ?? 0)) minY[k] = y;
      maxY[k] = y;
    }
  }
  const crops: Uint8Array[] = [];
  for (let k = 0; k < n; k++) crops.push(new Uint8Array(((maxX[k] ?? 0) - (minX[k] ?? 0) + 1) * ((maxY[k] ?? 0) - (minY[k] ?? 0) + 1)));
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let x = 0;
    while (x < width) {
      const a = assign[row + x] ?? 0;
      const start = x++;
      while (x < width && assign[row + x] === a) x++;
      if (a === 0) continue;
      const k = a - 1;
      const left = minX[k] ?? 0;
      const offset = (y - (minY[k] ?? 0)) * ((maxX[k] ?? 0) - left + 1) - left;
      (crops[k] as Uint8Array).fill(1, offset + start, offset + x);
    }
  }
  const instances: Instance[] = [];
  for (let k = 0; k < n; k++) {
    const x = minX[k] ?? 0;
    const y = minY[k] ?? 0;
    const bw = (maxX[k] ?? 0) - x + 1;
    const bh = (maxY[k] ?? 0) - y + 1;
    instances.push({
      label: labelOf[k] ?? 0,
      instanceId: instanceIds[k] ?? 0,
      bbox: { x, y, width: bw, height: bh },
      area: area[k] ?? 0,
      bitmap: { width: bw, height: bh, data: crops[k] as Uint8Array },
    });
  }
  return instances;
}
