/**
 * A decoded YOLO label line → a maskport instance (tight bbox, cropped bitmap), rasterised
 * with core's fillPoly-style rasteriser. Label id = YOLO class + 1 (id 0 is the background).
 */
import { cropToContent, polygonWindow, rasterizePolygons } from "@maskport/core";
import type { Instance } from "@maskport/core";
import type { YoloPolygon } from "./parse-yolo-label.ts";

/**
 * One decoded label line → an instance: filled as cv2.fillPoly fills it in the image, in the
 * window of its vertices clipped to the image (only that is allocated), then cropped tight.
 * Undefined when no pixel of it is inside.
 * @param instanceId number of the instance within its sample
 * @param size image size in pixels
 */
export function toInstance(polygon: YoloPolygon, instanceId: number, size: { readonly width: number; readonly height: number }): Instance | undefined {
  const window = polygonWindow([polygon.points], size.width, size.height);
  if (window === undefined) return undefined;
  const filled = rasterizePolygons([polygon.points], "fillpoly", size.width, size.height, window);
  const cropped = cropToContent(filled, window);
  return cropped === undefined ? undefined : { label: polygon.classIndex + 1, instanceId, ...cropped };
}
