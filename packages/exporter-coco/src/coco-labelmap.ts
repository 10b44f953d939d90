import { vocColor, type Label, type Labelmap } from "@maskport/core";
import type { CocoCategoryIn } from "./read-coco-document.ts";

/**
 * The labelmap of COCO categories: label id = category id (so instances keep their
 * category), colour = Pascal VOC palette of the category's 1-based position in id order
 * ((128,0,0), (0,128,0) …), plus a `background` label with id 0 in black first, as CVAT's
 * mask export expects. A category already named `background` is used as the background
 * instead (CVAT's rule), and no extra label is added. Flagged `categoryIds`, so the `coco`
 * exporter writes the same category ids back.
 */
export function labelmapFromCategories(categories: readonly CocoCategoryIn[]): Labelmap {
  const sorted = [...categories].sort((a, b) => a.id - b.id);
  const labels: Label[] = sorted.map((category, index) => ({
    id: category.id,
    name: category.name,
    color: vocColor(index + 1),
    parts: [],
    actions: [],
  }));
  const named = labels.find((label) => label.name === "background");
  if (named !== undefined) return { labels, backgroundId: named.id, dialect: "cvat", categoryIds: true };
  return { labels: [{ id: 0, name: "background", color: [0, 0, 0], parts: [], actions: [] }, ...labels], backgroundId: 0, dialect: "cvat", categoryIds: true };
}
