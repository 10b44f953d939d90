import { classRasterFromImage, decodePng, objectRasterFromImage, type DecodeContext, type DecodedShape, type SampleInfo } from "@maskport/core";
import type { MaskFragment } from "./mask-exporter.ts";

/**
 * The `mask` exporter's `decodeFragment`: the written PNGs read back as CVAT reads a
 * Segmentation mask 1.1 item — object index k (VOC colour) is one instance, its label the class
 * colour under it. Instance k was painted from fidelity record k − 1, which names its instance.
 */
export function decodeMaskFragment(fragment: MaskFragment, sample: SampleInfo, _options: unknown, context: DecodeContext): DecodedShape[] {
  const file = `${sample.id}.png`;
  const objects = objectRasterFromImage(decodePng(fragment.objectPng, `SegmentationObject/${file}`), `SegmentationObject/${file}`).data;
  const classes = classRasterFromImage(decodePng(fragment.classPng, `SegmentationClass/${file}`), context.labelmap, `SegmentationClass/${file}`).data;
  return fragment.fidelity.map((record, index): DecodedShape => {
    const k = index + 1;
    const data = new Uint8Array(sample.width * sample.height);
    let label = record.label;
    for (let p = 0; p < data.length; p++) {
      if (objects[p] !== k) continue;
      data[p] = 1;
      label = classes[p]!;
    }
    return { label, instanceId: record.instanceId, bitmap: { width: sample.width, height: sample.height, data } };
  });
}
