import type { EncodeContext, Instance, SampleInfo } from "@maskport/core";
import { categoriesFromLabelmap } from "./coco-categories.ts";

/**
 * The category id to write an instance under (see {@link categoriesFromLabelmap}), or
 * undefined after reporting INSTANCE_DROPPED when it cannot be written as a full-frame
 * annotation: its label is the background or not in the labelmap, it has no pixels, or its
 * box and crop do not fit the image. The rule the `coco` and `sa1b` encoders share.
 */
export function writableCategory(sample: Pick<SampleInfo, "width" | "height">, instance: Instance, context: EncodeContext): number | undefined {
  const why = unwritableReason(sample, instance, context);
  if (why === undefined) return categoriesFromLabelmap(context.labelmap).categoryIdOf.get(instance.label);
  context.report({ severity: "warning", code: "INSTANCE_DROPPED", message: `instance ${instance.instanceId}${why}; not written`, instanceId: instance.instanceId });
  return undefined;
}

// --- internal ---

function unwritableReason(sample: Pick<SampleInfo, "width" | "height">, instance: Instance, context: EncodeContext): string | undefined {
  const { labelmap } = context;
  if (!categoriesFromLabelmap(labelmap).categoryIdOf.has(instance.label)) {
    return instance.label === labelmap.backgroundId ? " has the background label" : ` has label id ${instance.label}, which is not in the labelmap`;
  }
  if (instance.area === 0 || instance.bitmap.width === 0 || instance.bitmap.height === 0) return " has no pixels";
  const { x, y, width, height } = instance.bbox;
  if (x < 0 || y < 0 || x + width > sample.width || y + height > sample.height || instance.bitmap.width !== width || instance.bitmap.height !== height) {
    return `: bbox (x=${x}, y=${y}, ${width}×${height}) with a ${instance.bitmap.width}×${instance.bitmap.height} crop does not fit the ${sample.width}×${sample.height} image`;
  }
  return undefined;
}
