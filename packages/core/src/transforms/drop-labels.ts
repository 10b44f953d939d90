import type { Transform } from "../plugin.ts";
import type { Labelmap } from "../types.ts";
import { keepInstancesOfLabels, keepLabelsOfLabelmap } from "./_filter-labels.ts";
import { findLabels, splitList } from "./_label-names.ts";

/** Options of {@link dropLabels}. */
export interface DropLabelsOptions {
  /** Comma-separated label names to drop, e.g. `edema,necrosis`. Empty: drop nothing. */
  readonly labels: string;
}

const NAME = "drop-labels";

/**
 * Removes labels: their instances are dropped (reported per sample and label as
 * `INSTANCE_DROPPED` info diagnostics with counts) and they leave the labelmap, so exporters do
 * not list them. Unknown names are an `INVALID_OPTION` error.
 */
export const dropLabels: Transform<DropLabelsOptions> = Object.freeze<Transform<DropLabelsOptions>>({
  apiVersion: 1,
  kind: "transform",
  name: NAME,
  description: "Drop labels and their instances (labels: a,b).",
  options: {
    labels: { description: "Comma-separated names of the labels to drop.", default: "" },
  },
  labelmap(labelmap: Labelmap, options: Readonly<DropLabelsOptions>): Labelmap {
    return keepLabelsOfLabelmap(labelmap, keptIds(labelmap, options));
  },
  apply(sample, options, context) {
    return keepInstancesOfLabels(sample, keptIds(context.labelmap, options), context, NAME);
  },
});

// --- internal ---

function keptIds(labelmap: Labelmap, options: Readonly<DropLabelsOptions>): Set<number> {
  const dropped = new Set(findLabels(splitList(options.labels), labelmap, NAME, "labels").map((label) => label.id));
  return new Set(labelmap.labels.filter((label) => !dropped.has(label.id)).map((label) => label.id));
}
