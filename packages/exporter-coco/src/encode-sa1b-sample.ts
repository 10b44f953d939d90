import { crowdCount, type CrowdCount, type EncodeContext, type FragmentBase, type InstanceFidelity, type Sample } from "@maskport/core";
import type { CocoRleSegmentation } from "./coco-format.ts";
import { pointFarthestFromBoundary } from "./point-farthest-from-boundary.ts";
import type { Sa1bExportOptions } from "./sa1b-options.ts";
import { toCocoRle } from "./to-coco-rle.ts";
import { writableCategory } from "./writable-category.ts";

/** One SA-1B annotation of a sample before `write` numbers it and names its label. Plain data. */
export interface Sa1bAnnotationDraft {
  /** Category id of the label (as the `coco` exporter numbers them), named in `write`. */
  readonly categoryId: number;
  /** Compressed COCO RLE over the whole image, byte-identical to pycocotools. */
  readonly segmentation: CocoRleSegmentation;
  /** Pixels (pycocotools `area`). */
  readonly area: number;
  /** `[x, y, width, height]` in pixels (pycocotools `toBbox`). */
  readonly bbox: readonly [number, number, number, number];
  /** `point_coords`' point `[x, y]`: the instance pixel farthest from its boundary. */
  readonly point: readonly [number, number];
}

/** What the `sa1b` exporter's `encodeSample` hands to `write`: the sample's annotations in instance order (SA-1B has no crowd flag: `crowds` counts the crowds written). */
export interface Sa1bFragment extends FragmentBase, CrowdCount {
  readonly annotations: readonly Sa1bAnnotationDraft[];
}

/**
 * The `sa1b` exporter's per-sample stage: every instance → compressed RLE with pycocotools'
 * area and box, and its prompt point; lossless, so every fidelity entry is exact. Pure (may
 * run in a worker). Instances that cannot be written (background or unknown label, no
 * pixels, box outside the image) are reported as INSTANCE_DROPPED, as the `coco` exporter does.
 */
export function encodeSa1bSample(sample: Sample, _options: Readonly<Sa1bExportOptions>, context: EncodeContext): Sa1bFragment {
  const annotations: Sa1bAnnotationDraft[] = [];
  const fidelity: InstanceFidelity[] = [];
  for (const instance of sample.instances) {
    const categoryId = writableCategory(sample, instance, context);
    if (categoryId === undefined) continue;
    const point = pointFarthestFromBoundary(instance.bitmap, instance.bbox);
    if (point === undefined) {
      // Only a crop whose data disagrees with its area gets here.
      context.report({ severity: "warning", code: "INSTANCE_DROPPED", message: `instance ${instance.instanceId} has no set pixel in its crop; not written`, instanceId: instance.instanceId });
      continue;
    }
    const rle = toCocoRle(instance, sample.width, sample.height, "compressed");
    annotations.push({ categoryId, segmentation: rle.segmentation, area: rle.area, bbox: rle.bbox, point });
    fidelity.push({ instanceId: instance.instanceId, label: instance.label, area: instance.area, encoding: "rle", lost: 0, added: 0, iou: 1 });
  }
  return { annotations, fidelity, ...crowdCount(sample.instances, fidelity) };
}
