/**
 * A decoded YOLO label line → a maskport instance (tight bbox, cropped bitmap), rasterised
 * with core's fillPoly-style rasteriser. Label id = YOLO class + 1 (id 0 is the background).
 */
import { cropToContent, rasterizePolygons } from "@maskport/core";
import type { Instance } from "@maskport/core";
import type { YoloPolygon } from "./parse-yolo-label.ts";

/**
 * One decoded label line → an instance: filled as cv2.fillPoly fills it, in the frame of its
 * vertices clipped to the image, then cropped tight. Undefined when no pixel of it is inside.
 * @param instanceId number of the instance within its sample
 * @param size image size in pixels
 */
export function toInstance(polygon: YoloPolygon, instanceId: number, size: { readonly width: number; readonly height: number }): Instance | undefined {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of polygon.points) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  const left = Math.max(0, minX);
  const top = Math.max(0, minY);
  const right = Math.min(size.width - 1, maxX);
  const bottom = Math.min(size.height - 1, maxY);
  if (left > right || top > bottom) return undefined;
  const frameWidth = right - left + 1;
  const frameHeight = bottom - top + 1;
  // fillPoly clips at the image border; the polygon lies inside its vertex box, so clipping
  // to (vertex box ∩ image) in a shifted frame is the same fill.
  const shifted = polygon.points.map(([x, y]) => [x - left, y - top] as const);
  const frame = rasterizePolygons([shifted], "fillpoly", frameWidth, frameHeight);
  const cropped = cropToContent(frame, { x: left, y: top });
  return cropped === undefined ? undefined : { label: polygon.classIndex + 1, instanceId, ...cropped };
}
