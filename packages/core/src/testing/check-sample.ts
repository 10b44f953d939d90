import type { Labelmap, Sample } from "../types.ts";
import { ConformanceError } from "./_run.ts";

/**
 * Checks the invariants every sample must meet (what importers produce and transforms
 * keep): positive integer size; instances in ascending, unique instanceId order; labels
 * from `labelmap`; each bitmap 0/1 with `bitmap` size = bbox size and `data.length` =
 * width × height; bbox inside the image and tight (its first and last row and column each
 * hold a set pixel; an empty instance has a 0×0 bbox); area = set pixels.
 * @throws ConformanceError naming the sample, instance and first offending pixel
 */
export function checkSampleInvariants(sample: Sample, labelmap: Labelmap, what = "the sample"): void {
  const where = `sample ${sample.id} (${what})`;
  if (typeof sample.id !== "string" || sample.id === "") throw new ConformanceError(`${where}: id must be a non-empty string`);
  if (typeof sample.subset !== "string" || sample.subset === "") throw new ConformanceError(`${where}: subset must be a non-empty string`);
  if (!isPositiveInteger(sample.width) || !isPositiveInteger(sample.height))
    throw new ConformanceError(`${where}: size ${sample.width}×${sample.height} must be positive integers`);
  const labels = new Set(labelmap.labels.map((label) => label.id));
  let previous = Number.NEGATIVE_INFINITY;
  for (const instance of sample.instances) {
    const at = `${where}, instance ${instance.instanceId}`;
    if (!Number.isInteger(instance.instanceId)) throw new ConformanceError(`${at}: instanceId must be an integer`);
    if (instance.instanceId <= previous) throw new ConformanceError(`${at}: instanceIds must be unique and ascending (after ${previous})`);
    previous = instance.instanceId;
    if (!labels.has(instance.label)) throw new ConformanceError(`${at}: label ${instance.label} is not in the labelmap`);
    const { bbox, bitmap, area } = instance;
    if (bitmap.width !== bbox.width || bitmap.height !== bbox.height)
      throw new ConformanceError(`${at}: bitmap ${bitmap.width}×${bitmap.height} differs from bbox ${bbox.width}×${bbox.height}`);
    if (!(bitmap.data instanceof Uint8Array) || bitmap.data.length !== bitmap.width * bitmap.height)
      throw new ConformanceError(`${at}: bitmap data must be a Uint8Array of width × height = ${bitmap.width * bitmap.height} values`);
    if (![bbox.x, bbox.y, bbox.width, bbox.height].every((v) => Number.isInteger(v) && v >= 0))
      throw new ConformanceError(`${at}: bbox ${JSON.stringify(bbox)} must be non-negative integers`);
    const counts = countRowsAndColumns(bitmap.data, bitmap.width, bitmap.height, at);
    if (counts.area !== area) throw new ConformanceError(`${at}: area ${area}, but ${counts.area} pixels are set`);
    if (area === 0) {
      if (bbox.width !== 0 || bbox.height !== 0) throw new ConformanceError(`${at}: an empty instance must have a 0×0 bbox, not ${bbox.width}×${bbox.height}`);
      continue;
    }
    if (bbox.x + bbox.width > sample.width || bbox.y + bbox.height > sample.height)
      throw new ConformanceError(`${at}: bbox ${JSON.stringify(bbox)} reaches outside the ${sample.width}×${sample.height} image`);
    const { rows, columns } = counts;
    if (rows[0] === 0 || rows[bbox.height - 1] === 0 || columns[0] === 0 || columns[bbox.width - 1] === 0)
      throw new ConformanceError(`${at}: bbox ${JSON.stringify(bbox)} is not tight (an edge row or column of the bitmap is empty)`);
  }
}

/**
 * Checks a labelmap: integer ids, unique ids and names, and a backgroundId that is one of
 * the ids (or undefined).
 * @throws ConformanceError
 */
export function checkLabelmapInvariants(labelmap: Labelmap): void {
  const ids = new Set<number>();
  const names = new Set<string>();
  for (const label of labelmap.labels) {
    if (!Number.isInteger(label.id) || ids.has(label.id)) throw new ConformanceError(`labelmap: label id ${label.id} is not a unique integer`);
    if (typeof label.name !== "string" || names.has(label.name)) throw new ConformanceError(`labelmap: label name ${JSON.stringify(label.name)} is not unique`);
    ids.add(label.id);
    names.add(label.name);
  }
  if (labelmap.backgroundId !== undefined && !ids.has(labelmap.backgroundId))
    throw new ConformanceError(`labelmap: backgroundId ${labelmap.backgroundId} is not a label id`);
}

// --- internal ---

function isPositiveInteger(value: number): boolean {
  return Number.isInteger(value) && value > 0;
}

function countRowsAndColumns(data: Uint8Array, width: number, height: number, at: string): { area: number; rows: Uint32Array; columns: Uint32Array } {
  const rows = new Uint32Array(height);
  const columns = new Uint32Array(width);
  let area = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const value = data[y * width + x];
      if (value === 0) continue;
      if (value !== 1) throw new ConformanceError(`${at}: bitmap value ${value} at crop pixel (x=${x}, y=${y}); bitmaps hold only 0 and 1`);
      area++;
      rows[y] = (rows[y] ?? 0) + 1;
      columns[x] = (columns[x] ?? 0) + 1;
    }
  }
  return { area, rows, columns };
}
