import type { InstanceFidelity } from "@maskport/core";

/** Per-target fidelity totals, from the fragments' `fidelity`. */
export interface FidelitySummary {
  readonly instances: number;
  /** Instances that decode back pixel-exactly (nothing lost, nothing added). */
  readonly exact: number;
  readonly lossy: number;
  /** Lowest IoU of any instance (1 when every instance is exact or there are none). */
  readonly worstIou: number;
  /** Pixels lost / added over all instances. */
  readonly lost: number;
  readonly added: number;
  /** How many instances were written with each encoding (`rle`, `polygon`, …). */
  readonly encodings: Readonly<Record<string, number>>;
}

/** Sums the per-instance fidelity records of one target. */
export function summarizeFidelity(records: readonly InstanceFidelity[]): FidelitySummary {
  let exact = 0;
  let worstIou = 1;
  let lost = 0;
  let added = 0;
  const encodings: Record<string, number> = {};
  for (const record of records) {
    if (record.lost === 0 && record.added === 0) exact++;
    if (record.iou < worstIou) worstIou = record.iou;
    lost += record.lost;
    added += record.added;
    encodings[record.encoding] = (encodings[record.encoding] ?? 0) + 1;
  }
  return { instances: records.length, exact, lossy: records.length - exact, worstIou, lost, added, encodings };
}
