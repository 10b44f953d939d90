/**
 * A decoded YOLO label line → a maskport instance (tight bbox, cropped bitmap), rasterised
 * with core's fillPoly-style rasteriser. Label id = YOLO class + 1 (id 0 is the background).
 */
import { rasterizePolygons } from "@maskport/core";
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
  return cropTight(frame, left, top, polygon.classIndex + 1, instanceId);
}

// --- internal ---

function cropTight(frame: { width: number; height: number; data: Uint8Array }, left: number, top: number, label: number, instanceId: number): Instance | undefined {
  const { width, height, data } = frame;
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  let area = 0;
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let x = 0; x < width; x++) {
      if (data[row + x] === 0) continue;
      area++;
      if (x < x0) x0 = x;
      if (x > x1) x1 = x;
      if (y < y0) y0 = y;
      if (y > y1) y1 = y;
    }
  }
  if (area === 0) return undefined;
  const cropWidth = x1 - x0 + 1;
  const cropHeight = y1 - y0 + 1;
  const crop = new Uint8Array(cropWidth * cropHeight);
  for (let y = 0; y < cropHeight; y++) {
    const from = (y + y0) * width + x0;
    crop.set(data.subarray(from, from + cropWidth), y * cropWidth);
  }
  return {
    label,
    instanceId,
    bbox: { x: left + x0, y: top + y0, width: cropWidth, height: cropHeight },
    area,
    bitmap: { width: cropWidth, height: cropHeight, data: crop },
  };
}
