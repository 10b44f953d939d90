import type { Instance } from "../types.ts";

/**
 * Rebuilds an instance after its pixels changed: `data` is a new 0/1 crop in the frame of
 * `instance.bitmap` (same width and height). Returns the instance with a tight bbox, its
 * area and the cropped bitmap; an all-zero `data` gives area 0 and a 0×0 bbox.
 */
export function tightenInstance(instance: Instance, data: Uint8Array): Instance {
  const { width, height } = instance.bitmap;
  let minX = width;
  let minY = height;
  let maxX = -1;
  let maxY = -1;
  let area = 0;
  for (let y = 0, p = 0; y < height; y++) {
    for (let x = 0; x < width; x++, p++) {
      if (data[p] === 0) continue;
      area++;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      maxY = y;
    }
  }
  const { bbox } = instance;
  if (area === 0) return { ...instance, area: 0, bbox: { x: bbox.x, y: bbox.y, width: 0, height: 0 }, bitmap: { width: 0, height: 0, data: new Uint8Array(0) } };
  const cropWidth = maxX - minX + 1;
  const cropHeight = maxY - minY + 1;
  if (cropWidth === width && cropHeight === height) return { ...instance, area, bitmap: { width, height, data } };
  const crop = new Uint8Array(cropWidth * cropHeight);
  for (let y = 0; y < cropHeight; y++) {
    const from = (y + minY) * width + minX;
    crop.set(data.subarray(from, from + cropWidth), y * cropWidth);
  }
  return {
    ...instance,
    area,
    bbox: { x: bbox.x + minX, y: bbox.y + minY, width: cropWidth, height: cropHeight },
    bitmap: { width: cropWidth, height: cropHeight, data: crop },
  };
}
