import { MaskportError } from "../errors.ts";
import type { Transform } from "../plugin.ts";
import type { Labelmap } from "../types.ts";
import { keepInstancesOfLabels, keepLabelsOfLabelmap } from "./_filter-labels.ts";
import { findLabels, splitList } from "./_label-names.ts";

/** Options of {@link keepLabels}. */
export interface KeepLabelsOptions {
  /** Comma-separated label names to keep, e.g. `tumor`. Required: empty is an error. */
  readonly labels: string;
}

const NAME = "keep-labels";

/**
 * Keeps only the named labels (and the background label, which has no instances but tells
 * mask writers what unannotated pixels are). Instances of other labels are dropped and
 * reported per sample and label as `INSTANCE_DROPPED` info diagnostics with counts; the other
 * labels leave the labelmap. Unknown names, or no names, are an `INVALID_OPTION` error.
 */
export const keepLabels: Transform<KeepLabelsOptions> = Object.freeze<Transform<KeepLabelsOptions>>({
  apiVersion: 1,
  kind: "transform",
  name: NAME,
  description: "Keep only the named labels and their instances (labels: a,b).",
  options: {
    labels: { description: "Comma-separated names of the labels to keep (required).", default: "" },
  },
  labelmap(labelmap: Labelmap, options: Readonly<KeepLabelsOptions>): Labelmap {
    return keepLabelsOfLabelmap(labelmap, keptIds(labelmap, options));
  },
  apply(sample, options, context) {
    return keepInstancesOfLabels(sample, keptIds(context.labelmap, options), context, NAME);
  },
});

// --- internal ---

function keptIds(labelmap: Labelmap, options: Readonly<KeepLabelsOptions>): Set<number> {
  const names = splitList(options.labels);
  if (names.length === 0) {
    throw new MaskportError("INVALID_OPTION", "option labels is empty: name at least one label to keep", {
      plugin: NAME,
      hint: `Known labels: ${labelmap.labels.map((l) => JSON.stringify(l.name)).join(", ")}.`,
    });
  }
  const kept = new Set(findLabels(names, labelmap, NAME, "labels").map((label) => label.id));
  if (labelmap.backgroundId !== undefined) kept.add(labelmap.backgroundId);
  return kept;
}
