import { cropToContent } from "../model/crop-to-content.ts";
import type { Instance } from "../types.ts";

/**
 * Rebuilds an instance after its pixels changed: `data` is a new 0/1 crop in the frame of
 * `instance.bitmap` (same width and height). Returns the instance with a tight bbox, its
 * area and the cropped bitmap; an all-zero `data` gives area 0 and a 0×0 bbox.
 */
export function tightenInstance(instance: Instance, data: Uint8Array): Instance {
  const { bbox } = instance;
  const cropped = cropToContent({ width: instance.bitmap.width, height: instance.bitmap.height, data }, bbox);
  if (cropped === undefined) return { ...instance, area: 0, bbox: { x: bbox.x, y: bbox.y, width: 0, height: 0 }, bitmap: { width: 0, height: 0, data: new Uint8Array(0) } };
  return { ...instance, ...cropped };
}
