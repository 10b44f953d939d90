import { MaskportError } from "../errors.ts";
import type { Diagnostic } from "../plugin.ts";
import type { Instance, Labelmap } from "../types.ts";
import { collectInstances } from "./collect-instances.ts";
import type { Grouping, RasterInstances } from "./instances.ts";
import { NO_LABEL } from "./mask-image.ts";
import { keptRuns, labelRuns, type RowRuns } from "./row-runs.ts";
import { grown } from "./runs-builder.ts";

/** Input of {@link instancesFromRuns}: a sample's class (and object) values as runs that tile every row. */
export interface RunInstancesInput {
  readonly width: number;
  readonly height: number;
  /** Label id runs; {@link NO_LABEL} and the labelmap's background id mean "no label". */
  readonly classRuns: RowRuns;
  /** Instance id runs, 0 = none; the rows as wide as the class runs'. */
  readonly objectRuns?: RowRuns;
  readonly labelmap: Labelmap;
  readonly connectivity?: 4 | 8;
  readonly grouping?: Grouping;
  readonly sampleId?: string;
  readonly file?: string;
}

/**
 * `instancesFromRasters` (instances.ts, which gives the rules) on runs: what a decoder that
 * yields runs (png-runs.ts) feeds without frame-sized rasters.
 * @throws MaskportError UNKNOWN_VALUE for a class value that is no label id
 */
export function instancesFromRuns(input: RunInstancesInput): RasterInstances {
  const where = { ...(input.file === undefined ? {} : { file: input.file }), ...(input.sampleId === undefined ? {} : { sampleId: input.sampleId }) };
  const grouping = input.grouping ?? "object";
  const connectivity = input.connectivity ?? 8;
  const known = knownClasses(input.labelmap);
  if (grouping !== "class" && grouping !== "components" && input.objectRuns !== undefined) {
    return byObject(input.classRuns, input.objectRuns, known, input, connectivity, where);
  }
  const { value } = input.classRuns;
  const runs = keptRuns(input.classRuns, (r) => value[r] !== NO_LABEL && value[r] !== known.background);
  checkClasses(runs, known, where);
  if (grouping === "class") return { instances: byClass(runs), diagnostics: [] };
  const { count, component } = labelRuns(runs, connectivity);
  const labelOf = new Int32Array(count);
  for (let r = 0; r < runs.count; r++) labelOf[(component[r] as number) - 1] = runs.value[r] as number;
  return { instances: collectInstances(runs, component, labelOf, idsFrom(1, count)), diagnostics: [] };
}

// --- internal ---

type Where = { readonly file?: string; readonly sampleId?: string };

/** The class values that are label ids (`isLabel[c] === 1`), and the background id ({@link NO_LABEL} if none). */
interface KnownClasses {
  readonly isLabel: Uint8Array;
  readonly background: number;
}

function knownClasses(labelmap: Labelmap): KnownClasses {
  let maxId = 0;
  for (const label of labelmap.labels) maxId = Math.max(maxId, label.id);
  const isLabel = new Uint8Array(maxId + 1);
  for (const label of labelmap.labels) if (label.id !== labelmap.backgroundId) isLabel[label.id] = 1;
  return { isLabel, background: labelmap.backgroundId ?? NO_LABEL };
}

/** Whether class value `c` (neither NO_LABEL nor the background id) is a label id. */
function isKnown(known: KnownClasses, c: number): boolean {
  return c >= 0 && known.isLabel[c] === 1;
}

function unknownValue(c: number, x: number, y: number, where: Where): MaskportError {
  return new MaskportError("UNKNOWN_VALUE", `class value ${c} is not a label id in the labelmap`, { ...where, pixel: { x, y } });
}

/** Checks every run's value is a label id; the first offender in scan order is named. */
function checkClasses(runs: RowRuns, known: KnownClasses, where: Where): void {
  for (let y = 0; y < runs.height; y++) {
    for (let r = runs.rowStart[y] as number; r < (runs.rowStart[y + 1] as number); r++) {
      const c = runs.value[r] as number;
      if (!isKnown(known, c)) throw unknownValue(c, runs.start[r] as number, y, where);
    }
  }
}

/** One instance per class present, by ascending class id. */
function byClass(runs: RowRuns): Instance[] {
  const { count: n, value } = runs;
  let maxId = -1;
  for (let r = 0; r < n; r++) maxId = Math.max(maxId, value[r] as number);
  const slot = new Int32Array(maxId + 1);
  for (let r = 0; r < n; r++) slot[value[r] as number] = 1;
  const labelOf: number[] = [];
  for (let c = 0; c <= maxId; c++) if (slot[c] === 1) slot[c] = labelOf.push(c);
  const instanceOf = new Int32Array(n);
  for (let r = 0; r < n; r++) instanceOf[r] = slot[value[r] as number] as number;
  return collectInstances(runs, instanceOf, Int32Array.from(labelOf), idsFrom(1, labelOf.length));
}

/** Runs of labelled pixels of equal (object, class), with the object of each; `value` is the class. */
interface ObjectRuns extends RowRuns {
  readonly object: Int32Array;
}

function byObject(classRuns: RowRuns, objectRuns: RowRuns, known: KnownClasses, input: RunInstancesInput, connectivity: 4 | 8, where: Where): RasterInstances {
  const { height, labelmap } = input;
  const image = input.sampleId ?? input.file ?? "image";
  const sampleId = input.sampleId === undefined ? {} : { sampleId: input.sampleId };
  const diagnostics: Omit<Diagnostic, "plugin">[] = [];
  // Compact object ids (ascending) and label slots (labelmap order), so histograms stay small.
  const labels = labelmap.labels;
  let maxLabel = 0;
  for (const label of labels) maxLabel = Math.max(maxLabel, label.id);
  const slotOf = new Int32Array(maxLabel + 1);
  labels.forEach((label, slot) => (slotOf[label.id] = slot));
  const slots = labels.length;
  // One pass over the runs of equal (object, class) pixels of each row: histograms by run, and
  // the labelled runs kept. Objects get a record when first met; sorted after.
  const recordOf = new Map<number, number>();
  const metIds: number[] = [];
  const metHistogram: number[] = [];
  const metOver: number[] = [];
  let maxObject = 0;
  let uncovered = 0;
  let lastObject = -1;
  let lastRecord = 0;
  const background = known.background;
  const rowStart = new Int32Array(height + 1);
  let capacity = Math.max(16, 2 * height);
  let start = new Int32Array(capacity);
  let end = new Int32Array(capacity);
  let value = new Int32Array(capacity);
  let object = new Int32Array(capacity);
  let n = 0;
  const { rowStart: classRow, end: classEnd, value: classValue } = classRuns;
  const { rowStart: objectRow, end: objectEnd, value: objectValue } = objectRuns;
  for (let y = 0; y < height; y++) {
    rowStart[y] = n;
    // The row's class and object runs merged: a run ends where either ends.
    let rc = classRow[y] as number;
    let ro = objectRow[y] as number;
    const lastClass = classRow[y + 1] as number;
    const objectStop = objectRow[y + 1] as number;
    for (let p = 0; rc < lastClass && ro < objectStop; ) {
      const o = objectValue[ro] as number;
      const c = classValue[rc] as number;
      const first = p;
      const ce = classEnd[rc] as number;
      const oe = objectEnd[ro] as number;
      p = ce < oe ? ce : oe;
      if (ce === p) rc++;
      if (oe === p) ro++;
      const run = p - first;
      const labelled = c !== NO_LABEL && c !== background;
      if (labelled && !isKnown(known, c)) throw unknownValue(c, first, y, where);
      if (o === 0) {
        if (!labelled) continue;
        uncovered += run;
      } else {
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
        if (!labelled) {
          metOver[lastRecord] = (metOver[lastRecord] as number) + run;
          continue;
        }
        const at = lastRecord * slots + (slotOf[c] as number);
        metHistogram[at] = (metHistogram[at] as number) + run;
      }
      if (n === capacity) {
        capacity *= 2;
        [start, end, value, object] = [grown(start, capacity), grown(end, capacity), grown(value, capacity), grown(object, capacity)];
      }
      start[n] = first;
      end[n] = p;
      value[n] = c;
      object[n] = o;
      n++;
    }
  }
  rowStart[height] = n;
  const runs: ObjectRuns = { height, count: n, rowStart, start, end, value, object };
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
  const instanceOf = new Int32Array(n);
  for (let r = 0; r < n; r++) {
    const o = object[r] as number;
    if (o !== 0) instanceOf[r] = assignOf[compact.get(o) as number] as number;
  }
  if (uncovered > 0) {
    // The runs outside every object, in order: adjacent ones differ in class, as components need.
    const rest = keptRuns(runs, (r) => object[r] === 0);
    const found = labelRuns(rest, connectivity);
    const base = labelOf.length;
    const firstId = maxObject + 1;
    for (let r = 0, i = 0; r < n; r++) {
      if (object[r] !== 0) continue;
      const k = base + (found.component[i++] as number);
      instanceOf[r] = k;
      labelOf[k - 1] = value[r] as number;
    }
    for (let k = 0; k < found.count; k++) instanceIds.push(firstId + k);
    diagnostics.push({
      severity: "warning",
      code: "CLASS_DISAGREEMENT",
      ...sampleId,
      message: `${image}: ${uncovered} labelled pixels belong to no object; kept as ${found.count} instance${found.count === 1 ? "" : "s"} (connected components, ids ${firstId}..${firstId + found.count - 1})`,
    });
  }
  return { instances: collectInstances(runs, instanceOf, Int32Array.from(labelOf), Int32Array.from(instanceIds)), diagnostics };
}

function idsFrom(first: number, count: number): Int32Array {
  const ids = new Int32Array(count);
  for (let k = 0; k < count; k++) ids[k] = first + k;
  return ids;
}
