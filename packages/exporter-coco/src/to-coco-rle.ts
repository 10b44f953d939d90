import { cocoRleArea, cocoRleBbox, compressCounts, encodeCocoRle, type Instance } from "@maskport/core";
import type { CocoRleSegmentation } from "./coco-format.ts";

/** An instance as COCO RLE, with `area` and `bbox` exactly as pycocotools computes them. */
export interface CocoRleEncoding {
  readonly segmentation: CocoRleSegmentation;
  /** Set pixels (pycocotools `area`). */
  readonly area: number;
  /** `[x, y, width, height]` in pixels (pycocotools `toBbox`). */
  readonly bbox: readonly [number, number, number, number];
}

/**
 * Encodes an instance crop into full-frame column-major COCO RLE for a `width` × `height`
 * image, byte-identical to pycocotools `mask.encode` (compressed) or its raw counts.
 */
export function toCocoRle(instance: Instance, width: number, height: number, counts: "compressed" | "uncompressed"): CocoRleEncoding {
  const raw = encodeCocoRle(instance.bitmap, instance.bbox, width, height).counts;
  return {
    segmentation: { size: [height, width], counts: counts === "compressed" ? compressCounts(raw) : raw },
    area: cocoRleArea(raw),
    bbox: cocoRleBbox({ size: [height, width], counts: raw }),
  };
}
