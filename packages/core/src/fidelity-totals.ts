import type { InstanceFidelity } from "./plugin.ts";

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

/** Running per-target fidelity totals: constant memory however many instances flow past. */
export class FidelityTotals {
  #instances = 0;
  #exact = 0;
  #worstIou = 1;
  #lost = 0;
  #added = 0;
  readonly #encodings: Record<string, number> = {};

  /** Counts one instance's record. */
  add(record: InstanceFidelity): void {
    this.#instances++;
    if (record.lost === 0 && record.added === 0) this.#exact++;
    if (record.iou < this.#worstIou) this.#worstIou = record.iou;
    this.#lost += record.lost;
    this.#added += record.added;
    this.#encodings[record.encoding] = (this.#encodings[record.encoding] ?? 0) + 1;
  }

  summary(): FidelitySummary {
    return {
      instances: this.#instances,
      exact: this.#exact,
      lossy: this.#instances - this.#exact,
      worstIou: this.#worstIou,
      lost: this.#lost,
      added: this.#added,
      encodings: { ...this.#encodings },
    };
  }
}
