import { connectedComponents } from "../model/connected-components.ts";
import type { Transform } from "../plugin.ts";
import type { Instance } from "../types.ts";
import { labelName } from "./_label-names.ts";
import { tightenInstance } from "./_tighten.ts";

const NAME = "largest-component";

/**
 * Keeps each instance's largest 8-connected component (on a tie, the first in scan order)
 * and recomputes its tight bbox and area. Each instance that loses pixels is reported as a
 * `MASK_MODIFIED` info diagnostic with the pixels and parts removed.
 */
export const largestComponent: Transform = Object.freeze<Transform>({
  apiVersion: 1,
  kind: "transform",
  name: NAME,
  description: "Keep only the largest 8-connected part of each instance.",
  options: {},
  apply(sample, _options, context) {
    let changed = false;
    const instances = sample.instances.map((instance) => {
      const result = keepLargest(instance);
      if (result === undefined) return instance;
      changed = true;
      const removed = instance.area - result.instance.area;
      context.report({
        severity: "info",
        code: "MASK_MODIFIED",
        instanceId: instance.instanceId,
        message: `${NAME}: removed ${removed} of ${instance.area} px (${result.parts - 1} smaller part${result.parts === 2 ? "" : "s"}) from instance ${instance.instanceId} of label "${labelName(context.labelmap, instance.label)}"`,
      });
      return result.instance;
    });
    return changed ? { ...sample, instances } : sample;
  },
});

// --- internal ---

/** The instance cut to its largest part, with its part count; undefined when it has at most one part. */
function keepLargest(instance: Instance): { instance: Instance; parts: number } | undefined {
  if (instance.area === 0) return undefined;
  const { count, labels } = connectedComponents(instance.bitmap, 8);
  if (count <= 1) return undefined;
  const sizes = new Int32Array(count + 1);
  for (let p = 0; p < labels.length; p++) sizes[labels[p] ?? 0] = (sizes[labels[p] ?? 0] ?? 0) + 1;
  let best = 1;
  for (let label = 2; label <= count; label++) if ((sizes[label] ?? 0) > (sizes[best] ?? 0)) best = label;
  const data = new Uint8Array(labels.length);
  for (let p = 0; p < labels.length; p++) data[p] = labels[p] === best ? 1 : 0;
  return { instance: tightenInstance(instance, data), parts: count };
}
