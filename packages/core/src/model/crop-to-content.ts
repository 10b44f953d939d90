import type { BBox, Bitmap } from "../types.ts";

/** The set pixels of a bitmap, cropped to their tight box. */
export interface CroppedContent {
  /** Tight box in the coordinates of the bitmap's origin (see {@link cropToContent}). */
  readonly bbox: BBox;
  /** Number of set pixels. */
  readonly area: number;
  /** The crop, `bbox.width` × `bbox.height`, values 0/1. */
  readonly bitmap: Bitmap;
}

/**
 * Crops a bitmap to the tight box of its non-zero pixels (normalised to 0/1). `origin` is
 * where the bitmap's top-left pixel sits in the image, so the returned bbox is in image
 * pixels. Undefined when no pixel is set. Returns the input's own data when already tight.
 */
export function cropToContent(bitmap: Bitmap, origin: { readonly x: number; readonly y: number } = { x: 0, y: 0 }): CroppedContent | undefined {
  const { width, height, data } = bitmap;
  let minX = width;
  let minY = height;
  let maxX = -1;
  let maxY = -1;
  let area = 0;
  let binary = true;
  for (let y = 0, p = 0; y < height; y++) {
    for (let x = 0; x < width; x++, p++) {
      const value = data[p];
      if (value === 0) continue;
      if (value !== 1) binary = false;
      area++;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      maxY = y;
    }
  }
  if (area === 0) return undefined;
  const cropWidth = maxX - minX + 1;
  const cropHeight = maxY - minY + 1;
  const bbox = { x: origin.x + minX, y: origin.y + minY, width: cropWidth, height: cropHeight };
  if (binary && cropWidth === width && cropHeight === height) return { bbox, area, bitmap };
  const crop = new Uint8Array(cropWidth * cropHeight);
  for (let y = 0; y < cropHeight; y++) {
    const from = (y + minY) * width + minX;
    crop.set(data.subarray(from, from + cropWidth), y * cropWidth);
  }
  if (!binary) for (let i = 0; i < crop.length; i++) crop[i] = crop[i] === 0 ? 0 : 1;
  return { bbox, area, bitmap: { width: cropWidth, height: cropHeight, data: crop } };
}
