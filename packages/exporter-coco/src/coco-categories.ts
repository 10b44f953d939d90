import type { Labelmap } from "@maskport/core";
import type { CocoCategory } from "./coco-format.ts";

/** COCO categories of a labelmap and the way from label ids to category ids. */
export interface CocoCategories {
  readonly categories: readonly CocoCategory[];
  /** Label id → category id; background and unknown labels are absent. */
  readonly categoryIdOf: ReadonlyMap<number, number>;
}

/**
 * Categories in labelmap order, background excluded, ids 1, 2, 3 … (CVAT numbers categories
 * 1 + label index the same way). Stable: the same labelmap always gives the same ids,
 * whichever labels the samples use. `supercategory` is empty (maskport labels have no parent).
 */
export function categoriesFromLabelmap(labelmap: Labelmap): CocoCategories {
  const cached = cache.get(labelmap);
  if (cached !== undefined) return cached;
  const categories: CocoCategory[] = [];
  const categoryIdOf = new Map<number, number>();
  for (const label of labelmap.labels) {
    if (label.id === labelmap.backgroundId) continue;
    const id = categories.length + 1;
    categories.push({ id, name: label.name, supercategory: "" });
    categoryIdOf.set(label.id, id);
  }
  const result = { categories, categoryIdOf };
  cache.set(labelmap, result);
  return result;
}

/** The compact JSON of a category list, keys in CVAT's order. */
export function formatCategories(categories: readonly CocoCategory[]): string {
  return `[${categories.map((c) => `{"id":${c.id},"name":${JSON.stringify(c.name)},"supercategory":${JSON.stringify(c.supercategory)}}`).join(",")}]`;
}

// --- internal ---

/** encodeSample runs once per sample with the same labelmap object: build the table once. */
const cache = new WeakMap<Labelmap, CocoCategories>();
