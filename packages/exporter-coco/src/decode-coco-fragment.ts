import { decodeCocoRle, decompressCounts, rasterizePolygons, type DecodeContext, type DecodedShape, type FragmentBase, type Point, type Ring, type SampleInfo } from "@maskport/core";
import { categoriesFromLabelmap } from "./coco-categories.ts";
import { isRleSegmentation } from "./coco-format.ts";
import type { CocoAnnotationDraft } from "./encode-coco-sample.ts";

/** What {@link decodeCocoFragment} reads: annotations (category and segmentation), in step with `fidelity`. */
export interface CocoDecodableFragment extends FragmentBase {
  readonly annotations: readonly Pick<CocoAnnotationDraft, "categoryId" | "segmentation">[];
}

/**
 * The `coco` and `sa1b` exporters' `decodeFragment`: each annotation as pycocotools'
 * `annToMask` reads it (RLE decoded, polygon parts rasterised at pixel corners and unioned),
 * full-frame. Annotations and fidelity records are written in step, so record i names
 * annotation i's instance.
 */
export function decodeCocoFragment(fragment: CocoDecodableFragment, sample: SampleInfo, _options: unknown, context: DecodeContext): DecodedShape[] {
  const labelOf = new Map<number, number>();
  for (const [label, category] of categoriesFromLabelmap(context.labelmap).categoryIdOf) labelOf.set(category, label);
  return fragment.annotations.map((annotation, index) => {
    const label = labelOf.get(annotation.categoryId) ?? -1;
    const instanceId = fragment.fidelity[index]?.instanceId;
    const link = instanceId === undefined ? {} : { instanceId };
    const segmentation = annotation.segmentation;
    if (isRleSegmentation(segmentation)) {
      const counts = typeof segmentation.counts === "string" ? decompressCounts(segmentation.counts) : segmentation.counts;
      return { label, ...link, bitmap: decodeCocoRle({ size: segmentation.size, counts }) };
    }
    const rings: Ring[] = segmentation.map((part) => {
      const ring: Point[] = [];
      for (let i = 0; i + 1 < part.length; i += 2) ring.push([part[i]!, part[i + 1]!]);
      return ring;
    });
    return { label, ...link, bitmap: rasterizePolygons(rings, "pycocotools", sample.width, sample.height), polygons: rings, target: "pycocotools" as const };
  });
}
