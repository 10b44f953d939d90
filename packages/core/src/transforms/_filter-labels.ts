import type { TransformContext } from "../plugin.ts";
import type { Instance, Labelmap, Sample } from "../types.ts";
import { labelName } from "./_label-names.ts";

/**
 * Keeps the instances whose label is in `kept` and reports the others as one
 * `INSTANCE_DROPPED` info diagnostic per label, with the count and the instance ids.
 */
export function keepInstancesOfLabels(sample: Sample, kept: ReadonlySet<number>, context: TransformContext, reason: string): Sample {
  const dropped = new Map<number, Instance[]>();
  const instances = sample.instances.filter((instance) => {
    if (kept.has(instance.label)) return true;
    const list = dropped.get(instance.label) ?? [];
    list.push(instance);
    dropped.set(instance.label, list);
    return false;
  });
  if (dropped.size === 0) return sample;
  for (const [label, list] of [...dropped].sort(([a], [b]) => a - b)) {
    const ids = list.map((instance) => instance.instanceId).join(", ");
    const count = list.length === 1 ? "1 instance" : `${list.length} instances`;
    context.report({
      severity: "info",
      code: "INSTANCE_DROPPED",
      message: `${reason}: dropped ${count} of label "${labelName(context.labelmap, label)}" (instance ids ${ids})`,
    });
  }
  return { ...sample, instances };
}

/** The labelmap without the labels not in `kept`; backgroundId is cleared when background goes. */
export function keepLabelsOfLabelmap(labelmap: Labelmap, kept: ReadonlySet<number>): Labelmap {
  const backgroundId = labelmap.backgroundId !== undefined && kept.has(labelmap.backgroundId) ? labelmap.backgroundId : undefined;
  return { ...labelmap, labels: labelmap.labels.filter((label) => kept.has(label.id)), backgroundId };
}
