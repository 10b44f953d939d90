import type { Exporter } from "@maskport/core";
import { decodeCocoFragment } from "./decode-coco-fragment.ts";
import { encodeSa1bSample, type Sa1bFragment } from "./encode-sa1b-sample.ts";
import { sa1bExportOptionSpecs, type Sa1bExportOptions } from "./sa1b-options.ts";
import { writeSa1bFiles } from "./write-sa1b-json.ts";

/**
 * The `sa1b` exporter: Segment Anything's SA-1B layout, one `<sample id>.json` per sample
 * with its raw image beside it. Masks are pycocotools-exact compressed RLE (lossless); each
 * annotation's prompt point is the pixel farthest from the instance's boundary, its quality
 * scores are 1.0 (ground truth), and `label` keeps the class name.
 */
export const sa1bExporter: Exporter<Sa1bExportOptions, Sa1bFragment> = Object.freeze({
  apiVersion: 1,
  kind: "exporter",
  name: "sa1b",
  description: "Segment Anything SA-1B per-image JSON: pycocotools-exact compressed RLE, prompt point farthest from the boundary",
  options: sa1bExportOptionSpecs,
  encodeSample: encodeSa1bSample,
  write: writeSa1bFiles,
  decodeFragment: decodeCocoFragment,
});
