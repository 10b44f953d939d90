import { MaskportError } from "../errors.ts";
import type { Label, Labelmap } from "../types.ts";

/** Splits a comma-separated option value into trimmed, non-empty items (`"a, b,"` → `["a", "b"]`). */
export function splitList(text: string): string[] {
  return text
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

/**
 * Finds the labels named in an option, by exact name.
 * @throws MaskportError `INVALID_OPTION` naming the unknown labels and listing the known ones
 */
export function findLabels(names: readonly string[], labelmap: Labelmap, plugin: string, option: string): Label[] {
  const byName = new Map(labelmap.labels.map((label) => [label.name, label]));
  const unknown = names.filter((name) => !byName.has(name));
  if (unknown.length > 0) {
    throw new MaskportError("INVALID_OPTION", `option ${option} names ${unknown.length === 1 ? "a label" : "labels"} the labelmap does not have: ${unknown.map((n) => JSON.stringify(n)).join(", ")}`, {
      plugin,
      hint: `Labels are matched by exact name. Known labels: ${labelmap.labels.map((l) => JSON.stringify(l.name)).join(", ")}.`,
    });
  }
  return names.map((name) => byName.get(name) as Label);
}

/** The name of label `id` for messages, or `#id` when the labelmap lacks it. */
export function labelName(labelmap: Labelmap, id: number): string {
  return labelmap.labels.find((label) => label.id === id)?.name ?? `#${id}`;
}
