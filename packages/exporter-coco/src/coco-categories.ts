import type { Labelmap } from "@maskport/core";
import type { CocoCategory } from "./coco-format.ts";

/** COCO categories of a labelmap and the way from label ids to category ids. */
export interface CocoCategories {
  readonly categories: readonly CocoCategory[];
  /** Label id → category id; background and unknown labels are absent. */
  readonly categoryIdOf: ReadonlyMap<number, number>;
}

/**
 * Categories in labelmap order, background excluded. Their ids are the label ids when the
 * labelmap says those are the input's category ids (`categoryIds`, set by the `coco`
 * importer) and every one is a positive integer, so COCO → COCO keeps `category_id`s
 * (1, 13, 90 stay 1, 13, 90); otherwise 1, 2, 3 … (CVAT numbers categories 1 + label index
 * the same way). Stable: the same labelmap always gives the same ids, whichever labels the
 * samples use. `supercategory` is empty (maskport labels have no parent).
 */
export function categoriesFromLabelmap(labelmap: Labelmap): CocoCategories {
  const cached = cache.get(labelmap);
  if (cached !== undefined) return cached;
  const categories: CocoCategory[] = [];
  const categoryIdOf = new Map<number, number>();
  const keepIds = keepsLabelIds(labelmap);
  for (const label of labelmap.labels) {
    if (label.id === labelmap.backgroundId) continue;
    const id = keepIds ? label.id : categories.length + 1;
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

/** Whether the labelmap's ids are category ids to keep: flagged so, positive integers and unique. */
function keepsLabelIds(labelmap: Labelmap): boolean {
  if (labelmap.categoryIds !== true) return false;
  const ids = labelmap.labels.filter((label) => label.id !== labelmap.backgroundId).map((label) => label.id);
  return ids.every((id) => Number.isInteger(id) && id > 0) && new Set(ids).size === ids.length;
}

/** encodeSample runs once per sample with the same labelmap object: build the table once. */
const cache = new WeakMap<Labelmap, CocoCategories>();
