import type { Exporter } from "@maskport/core";
import { decodeCocoFragment } from "./decode-coco-fragment.ts";
import { encodeCocoSample, type CocoFragment } from "./encode-coco-sample.ts";
import { cocoExportOptionSpecs, type CocoExportOptions } from "./coco-options.ts";
import { writeCocoFiles } from "./write-coco-json.ts";

/**
 * The `coco` exporter: COCO instances JSON laid out as CVAT's "COCO 1.0" export
 * (`annotations/instances_<subset>.json`, raw images under `images/<subset>/`). Masks are
 * pycocotools-exact compressed RLE with the input's `iscrowd` by default (0 unless the input
 * marks crowds), or verified pixel-corner polygons with `segmentation: "polygon"`. Category
 * ids and image names are the input's when it has them.
 */
export const cocoExporter: Exporter<CocoExportOptions, CocoFragment> = Object.freeze({
  apiVersion: 1,
  kind: "exporter",
  name: "coco",
  description: "COCO instances JSON (CVAT COCO 1.0 layout): pycocotools-exact RLE, or polygons verified per instance",
  options: cocoExportOptionSpecs,
  encodeSample: encodeCocoSample,
  write: writeCocoFiles,
  decodeFragment: decodeCocoFragment,
});
