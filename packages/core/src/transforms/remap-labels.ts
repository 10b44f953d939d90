import { MaskportError } from "../errors.ts";
import type { Transform } from "../plugin.ts";
import type { Label, Labelmap } from "../types.ts";
import { findLabels, splitList } from "./_label-names.ts";

/** Options of {@link remapLabels}. */
export interface RemapLabelsOptions {
  /** `from=to` pairs, comma-separated, e.g. `Tumor=tumor,edema=lesion,enhancing=lesion`. Empty: no change. */
  readonly map: string;
}

const NAME = "remap-labels";

/**
 * Renames and merges labels. Every `from` must be a label's exact name. Labels that end up
 * with the same name (several mapped to one name, or mapped onto an existing label) become
 * one label: it keeps the id, colour, parts and actions of the label that already had that
 * name, else of the first of them in labelmap order, and sits at that label's position.
 * Instances keep their pixels and instanceIds and take the merged label's id.
 */
export const remapLabels: Transform<RemapLabelsOptions> = Object.freeze<Transform<RemapLabelsOptions>>({
  apiVersion: 1,
  kind: "transform",
  name: NAME,
  description: "Rename or merge labels (map: from=to,from=to).",
  options: {
    map: { description: "Comma-separated from=to label names, e.g. Tumor=tumor,edema=lesion,enhancing=lesion. Labels given the same name are merged.", default: "" },
  },
  labelmap(labelmap: Labelmap, options: Readonly<RemapLabelsOptions>): Labelmap {
    return planRemap(labelmap, options.map).labelmap;
  },
  apply(sample, options, context) {
    const { ids } = planRemap(context.labelmap, options.map);
    if (ids.size === 0) return sample;
    return { ...sample, instances: sample.instances.map((instance) => ({ ...instance, label: ids.get(instance.label) ?? instance.label })) };
  },
});

// --- internal ---

interface RemapPlan {
  readonly labelmap: Labelmap;
  /** Old label id → new label id, only for labels whose id changes. */
  readonly ids: ReadonlyMap<number, number>;
}

function planRemap(labelmap: Labelmap, map: string): RemapPlan {
  const renames = parseMap(map);
  findLabels([...renames.keys()], labelmap, NAME, "map");
  const finalName = (label: Label): string => renames.get(label.name) ?? label.name;
  // The label that keeps its identity in each merged group: one already carrying the final name, else the first.
  const keeper = new Map<string, Label>();
  for (const label of labelmap.labels) {
    const name = finalName(label);
    const current = keeper.get(name);
    if (current === undefined || (current.name !== name && label.name === name)) keeper.set(name, label);
  }
  const ids = new Map<number, number>();
  const labels: Label[] = [];
  for (const label of labelmap.labels) {
    const name = finalName(label);
    const kept = keeper.get(name) as Label;
    if (kept.id !== label.id) ids.set(label.id, kept.id);
    if (kept === label) labels.push(name === label.name ? label : { ...label, name });
  }
  const backgroundId = labelmap.backgroundId === undefined ? undefined : (ids.get(labelmap.backgroundId) ?? labelmap.backgroundId);
  return { labelmap: { ...labelmap, labels, backgroundId }, ids };
}

/** Parses `from=to,…` into a map; the same `from` twice must agree. */
function parseMap(map: string): Map<string, string> {
  const renames = new Map<string, string>();
  for (const entry of splitList(map)) {
    const parts = entry.split("=");
    const from = parts[0]?.trim() ?? "";
    const to = parts[1]?.trim() ?? "";
    if (parts.length !== 2 || from === "" || to === "") {
      throw new MaskportError("INVALID_OPTION", `option map: "${entry}" is not a from=to pair`, {
        plugin: NAME,
        hint: "Write pairs of label names such as Tumor=tumor,edema=lesion (names cannot contain = or ,).",
      });
    }
    const earlier = renames.get(from);
    if (earlier !== undefined && earlier !== to) {
      throw new MaskportError("INVALID_OPTION", `option map renames "${from}" twice, to "${earlier}" and to "${to}"`, { plugin: NAME });
    }
    renames.set(from, to);
  }
  return renames;
}
