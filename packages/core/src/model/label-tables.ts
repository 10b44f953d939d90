import type { Labelmap } from "../types.ts";
import { packRgb } from "./labelmap.ts";
import { NO_LABEL } from "./mask-image.ts";

/** A table's entry for a value that is no label. */
export const UNKNOWN = -2;

// Lookup tables are built once per labelmap object (a dataset's samples share one).
const colorTables = new WeakMap<Labelmap, Map<number, number>>();
const valueTables = new WeakMap<Labelmap, Int32Array>();

/** Label id (or NO_LABEL) by packed colour; black means background unless a label claims it. */
export function colorTable(labelmap: Labelmap): Map<number, number> {
  const cached = colorTables.get(labelmap);
  if (cached !== undefined) return cached;
  const table = new Map<number, number>([[0, NO_LABEL]]);
  for (const label of labelmap.labels) table.set(packRgb(label.color), label.id === labelmap.backgroundId ? NO_LABEL : label.id);
  colorTables.set(labelmap, table);
  return table;
}

/** Label id (or NO_LABEL, or UNKNOWN) by gray value 0..65535. */
export function valueTable(labelmap: Labelmap): Int32Array {
  const cached = valueTables.get(labelmap);
  if (cached !== undefined) return cached;
  const table = new Int32Array(65536).fill(UNKNOWN);
  table[0] = NO_LABEL;
  for (const label of labelmap.labels) {
    if (label.id < table.length) table[label.id] = label.id === labelmap.backgroundId ? NO_LABEL : label.id;
  }
  valueTables.set(labelmap, table);
  return table;
}
