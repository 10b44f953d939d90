import { parseLabelmap } from "../model/labelmap.ts";
import { vocColor } from "../model/voc-palette.ts";
import type { Labelmap } from "../types.ts";

/** The 21 Pascal VOC classes in index order: what CVAT assumes for a Segmentation mask export without labelmap.txt (FORMATS.md §1.2). */
export const VOC_CLASSES: readonly string[] = [
  "background",
  "aeroplane",
  "bicycle",
  "bird",
  "boat",
  "bottle",
  "bus",
  "car",
  "cat",
  "chair",
  "cow",
  "diningtable",
  "dog",
  "horse",
  "motorbike",
  "person",
  "pottedplant",
  "sheep",
  "sofa",
  "train",
  "tvmonitor",
];

/** The Pascal VOC labelmap: class i has id i and the VOC palette colour of i; `background` (0, black) is the background. */
export function vocLabelmap(): Labelmap {
  return parseLabelmap(VOC_CLASSES.map((name, id) => `${name}:${vocColor(id).join(",")}::\n`).join(""), "(Pascal VOC labels)");
}
