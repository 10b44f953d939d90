import { MaskportError } from "../errors.ts";
import type { Diagnostic } from "../plugin.ts";
import type { Instance, Labelmap } from "../types.ts";
import { labelComponents } from "./connected-components.ts";
import { collectInstances } from "./collect-instances.ts";
import { SCRATCH, scratchInt32 } from "./scratch.ts";
import { NO_LABEL } from "./mask-image.ts";

/**
 * How a sample's pixels become instances:
 * - `object`: one instance per object-mask id (falls back to `components` without an object mask);
 * - `components`: connected components of each class (the object mask is ignored);
 * - `class`: one instance per class present (the object mask is ignored).
 */
export type Grouping = "object" | "components" | "class";

/** Input of {@link instancesFromRasters}. Rasters are row-major, `width × height` long. */
export interface RasterInstancesInput {
  readonly width: number;
  readonly height: number;
  /** Label id per pixel; {@link NO_LABEL} and the labelmap's background id mean "no label". */
  readonly classRaster: Int32Array | Uint16Array | Uint8Array;
  /** Instance id per pixel, 0 = none. */
  readonly objectRaster?: Int32Array | Uint16Array | Uint8Array;
  readonly labelmap: Labelmap;
  /** Pixel connectivity of components (default 8). */
  readonly connectivity?: 4 | 8;
  /** Default `object`. */
  readonly grouping?: Grouping;
  /** Named in diagnostics and errors. */
  readonly sampleId?: string;
  /** The class mask file, named in errors. */
  readonly file?: string;
}

/** Instances of one sample plus the warnings met while building them. */
export interface RasterInstances {
  readonly instances: Instance[];
  readonly diagnostics: Omit<Diagnostic, "plugin">[];
}

/**
 * Splits a sample's class (and object) raster into instances whose bitmaps are cropped to a
 * tight bbox. Instances always partition the labelled (non-background) pixels exactly:
 * - With an object raster: one instance per object id, labelled by the majority class under
 *   it (ties: the label first in labelmap order; CLASS_DISAGREEMENT warning with the counts).
 *   Object pixels over background are left out (warning); an object entirely over background
 *   is dropped (INSTANCE_DROPPED warning). Labelled pixels outside every object become extra
 *   instances, one per connected component of each class, with ids after the largest object id
 *   (CLASS_DISAGREEMENT warning).
 * - Without (or grouping `components`): connected components of each class, ids 1.. in scan order
 *   of their first pixel. Grouping `class`: one instance per class, ids 1.. by ascending label id.
 * Order: ascending instanceId.
 * @throws MaskportError UNKNOWN_VALUE for a class raster value that is no label id; SIZE_MISMATCH for wrong raster lengths
 */
export function instancesFromRasters(input: RasterInstancesInput): RasterInstances {
  const { width, height, labelmap } = input;
  const size = width * height;
  const where = { ...(input.file === undefined ? {} : { file: input.file }), ...(input.sampleId === undefined ? {} : { sampleId: input.sampleId }) };
  if (input.classRaster.length !== size || (input.objectRaster !== undefined && input.objectRaster.length !== size)) {
    throw new MaskportError("SIZE_MISMATCH", `rasters do not hold ${width}×${height} pixels`, where);
  }
  const classes = normaliseClasses(input.classRaster, labelmap, width, where);
  const grouping = input.grouping ?? "object";
  const connectivity = input.connectivity ?? 8;
  const diagnostics: Omit<Diagnostic, "plugin">[] = [];
  if (grouping === "class") return { instances: byClass(classes, width, height), diagnostics };
  if (grouping === "components" || input.objectRaster === undefined) {
    const { count, labels } = components(classes, width, height, connectivity);
    const labelOf = new Int32Array(count);
    for (let p = 0; p < size; p++) {
      const k = labels[p] ?? 0;
      if (k !== 0) labelOf[k - 1] = classes.values[p] ?? 0;
    }
    return { instances: collectInstances(labels, width, height, labelOf, idsFrom(1, count)), diagnostics };
  }
  return byObject(classes, input.objectRaster, input, connectivity, diagnostics);
}

// --- internal ---

type Where = { readonly file?: string; readonly sampleId?: string };

/** A class raster and the one value in it that means "no label". */
interface Classes {
  readonly values: Int32Array | Uint16Array | Uint8Array;
  readonly none: number;
}

/**
 * Checks every value is a label id, NO_LABEL or the background id. The raster is used as it is
 * (no full-frame copy) unless it holds both NO_LABEL and the background id; then a copy has
 * every unlabelled pixel as NO_LABEL.
 */
function normaliseClasses(raster: Int32Array | Uint16Array | Uint8Array, labelmap: Labelmap, width: number, where: Where): Classes {
  let maxId = 0;
  for (const label of labelmap.labels) maxId = Math.max(maxId, label.id);
  const known = new Uint8Array(maxId + 1);
  for (const label of labelmap.labels) if (label.id !== labelmap.backgroundId) known[label.id] = 1;
  const background = labelmap.backgroundId ?? NO_LABEL;
  let sawNoLabel = false;
  let sawBackground = false;
  // By runs of equal values: one comparison per pixel, one check per run.
  const size = raster.length;
  for (let p = 0; p < size; ) {
    const c = raster[p] as number;
    let q = p + 1;
    while (q < size && raster[q] === c) q++;
    if (c === NO_LABEL) sawNoLabel = true;
    else if (c === background) sawBackground = true;
    else if (!(c >= 0 && c <= maxId && known[c] === 1)) {
      throw new MaskportError("UNKNOWN_VALUE", `class value ${c} is not a label id in the labelmap`, {
        ...where,
        pixel: { x: p % width, y: Math.floor(p / width) },
      });
    }
    p = q;
  }
  if (!(sawNoLabel && sawBackground)) return { values: raster, none: sawBackground ? background : NO_LABEL };
  const out = scratchInt32(SCRATCH.classes, size);
  for (let p = 0; p < size; p++) {
    const c = raster[p] as number;
    out[p] = c === background ? NO_LABEL : c;
  }
  return { values: out, none: NO_LABEL };
}

function byClass({ values: classes, none }: Classes, width: number, height: number): Instance[] {
  let maxId = -1;
  for (let p = 0; p < classes.length; p++) if (classes[p] !== none) maxId = Math.max(maxId, classes[p] as number);
  const slot = new Int32Array(maxId + 1);
  for (let p = 0; p < classes.length; p++) {
    const c = classes[p] as number;
    if (c !== none) slot[c] = 1;
  }
  const labelOf: number[] = [];
  for (let c = 0; c <= maxId; c++) if (slot[c] === 1) slot[c] = labelOf.push(c);
  const assign = scratchInt32(SCRATCH.assign, classes.length);
  for (let p = 0; p < classes.length; p++) {
    const c = classes[p] as number;
    assign[p] = c === none ? 0 : (slot[c] ?? 0);
  }
  return collectInstances(assign, width, height, Int32Array.from(labelOf), idsFrom(1, labelOf.length));
}

function byObject(
  { values: classes, none }: Classes,
  objects: Int32Array | Uint16Array | Uint8Array,
  input: RasterInstancesInput,
  connectivity: 4 | 8,
  diagnostics: Omit<Diagnostic, "plugin">[],
): RasterInstances {
  const { width, height, labelmap } = input;
  const size = width * height;
  const image = input.sampleId ?? input.file ?? "image";
  const sampleId = input.sampleId === undefined ? {} : { sampleId: input.sampleId };
  // Compact object ids (ascending) and label slots (labelmap order), so histograms stay small.
  const labels = labelmap.labels;
  let maxLabel = 0;
  for (const label of labels) maxLabel = Math.max(maxLabel, label.id);
  const slotOf = new Int32Array(maxLabel + 1);
  labels.forEach((label, slot) => (slotOf[label.id] = slot));
  const slots = labels.length;
  // One pass over runs of equal (object, class) pixels — masks are mostly long runs, so the
  // per-pixel work is two comparisons. Objects get a record when first met; sorted after.
  const recordOf = new Map<number, number>();
  const metIds: number[] = [];
  const metHistogram: number[] = [];
  const metOver: number[] = [];
  let maxObject = 0;
  let uncovered = 0;
  let lastObject = -1;
  let lastRecord = 0;
  for (let p = 0; p < size; ) {
    const o = objects[p] as number;
    const c = classes[p] as number;
    let q = p + 1;
    while (q < size && objects[q] === o && classes[q] === c) q++;
    const run = q - p;
    p = q;
    if (o === 0) {
      if (c !== none) uncovered += run;
      continue;
    }
    if (o !== lastObject) {
      let record = recordOf.get(o);
      if (record === undefined) {
        record = metIds.push(o) - 1;
        recordOf.set(o, record);
        metOver.push(0);
        for (let slot = 0; slot < slots; slot++) metHistogram.push(0);
        if (o > maxObject) maxObject = o;
      }
      lastObject = o;
      lastRecord = record;
    }
    if (c === none) metOver[lastRecord] = (metOver[lastRecord] as number) + run;
    else {
      const at = lastRecord * slots + (slotOf[c] as number);
      metHistogram[at] = (metHistogram[at] as number) + run;
    }
  }
  // Records in ascending object id: k = compact[id].
  const objectIds = [...metIds].sort((a, b) => a - b);
  const compact = new Map<number, number>();
  objectIds.forEach((id, k) => compact.set(id, k));
  const histogram = new Int32Array(objectIds.length * slots);
  const overBackground = new Int32Array(objectIds.length);
  metIds.forEach((id, record) => {
    const k = compact.get(id) as number;
    overBackground[k] = metOver[record] as number;
    for (let slot = 0; slot < slots; slot++) histogram[k * slots + slot] = metHistogram[record * slots + slot] as number;
  });
  const assignOf = new Int32Array(objectIds.length);
  const labelOf: number[] = [];
  const instanceIds: number[] = [];
  objectIds.forEach((id, k) => {
    let best = -1;
    let bestCount = 0;
    let total = 0;
    const counts: string[] = [];
    for (let slot = 0; slot < slots; slot++) {
      const count = histogram[k * slots + slot] ?? 0;
      if (count === 0) continue;
      total += count;
      counts.push(`${count} ${labels[slot]?.name}`);
      if (count > bestCount) [best, bestCount] = [slot, count];
    }
    const outside = overBackground[k] ?? 0;
    if (best < 0) {
      diagnostics.push({ severity: "warning", code: "INSTANCE_DROPPED", ...sampleId, instanceId: id, message: `${image}: object ${id} lies entirely on background in the class mask (${outside} pixels); dropped` });
      return;
    }
    const name = labels[best]?.name ?? "";
    if (counts.length > 1) {
      diagnostics.push({ severity: "warning", code: "CLASS_DISAGREEMENT", ...sampleId, instanceId: id, message: `${image}: object ${id} covers ${counts.join(", ")} pixels; labelled ${name} (majority)` });
    }
    if (outside > 0) {
      diagnostics.push({ severity: "warning", code: "CLASS_DISAGREEMENT", ...sampleId, instanceId: id, message: `${image}: ${outside} of object ${id}'s ${outside + total} pixels are background in the class mask; left out` });
    }
    labelOf.push(labels[best]?.id ?? 0);
    instanceIds.push(id);
    assignOf[k] = labelOf.length;
  });
  const assign = scratchInt32(SCRATCH.assign, size);
  for (let p = 0; p < size; ) {
    const o = objects[p] as number;
    const c = classes[p] as number;
    let q = p + 1;
    while (q < size && objects[q] === o && classes[q] === c) q++;
    assign.fill(o !== 0 && c !== none ? (assignOf[compact.get(o) as number] as number) : 0, p, q);
    p = q;
  }
  if (uncovered > 0) {
    const rest = scratchInt32(SCRATCH.rest, size);
    for (let p = 0; p < size; p++) rest[p] = (objects[p] ?? 0) === 0 && classes[p] !== none ? (classes[p] as number) : NO_LABEL;
    const found = components({ values: rest, none: NO_LABEL }, width, height, connectivity);
    const base = labelOf.length;
    const firstId = maxObject + 1;
    for (let p = 0; p < size; p++) {
      const k = found.labels[p] ?? 0;
      if (k === 0) continue;
      assign[p] = base + k;
      labelOf[base + k - 1] = rest[p] ?? 0;
    }
    for (let k = 0; k < found.count; k++) instanceIds.push(firstId + k);
    diagnostics.push({
      severity: "warning",
      code: "CLASS_DISAGREEMENT",
      ...sampleId,
      message: `${image}: ${uncovered} labelled pixels belong to no object; kept as ${found.count} instance${found.count === 1 ? "" : "s"} (connected components, ids ${firstId}..${firstId + found.count - 1})`,
    });
  }
  return { instances: collectInstances(assign, width, height, Int32Array.from(labelOf), Int32Array.from(instanceIds)), diagnostics };
}

/** Connected components of equal labels, into scratch buffers (the result is only valid until the next call). */
function components({ values, none }: Classes, width: number, height: number, connectivity: 4 | 8): { count: number; labels: Int32Array } {
  const size = width * height;
  return labelComponents(values, width, height, connectivity, none, scratchInt32(SCRATCH.labels, size), scratchInt32(SCRATCH.parent, Math.min(size + 1, 1 << 22)));
}

function idsFrom(first: number, count: number): Int32Array {
  const ids = new Int32Array(count);
  for (let k = 0; k < count; k++) ids[k] = first + k;
  return ids;
}
