import type { BBox, Bitmap } from "@maskport/core";

/** The set pixels of a decoded segmentation, cropped to their tight box; undefined when empty. */
export interface DecodedMask {
  readonly bbox: BBox;
  readonly area: number;
  readonly bitmap: Bitmap;
}

/**
 * Decodes full-frame column-major COCO counts (already checked to sum to h·w) straight into
 * the crop of their tight bounding box, touching only the set pixels.
 */
export function decodeCountsToCrop(counts: readonly number[], width: number, height: number): DecodedMask | undefined {
  let minX = width;
  let maxX = -1;
  let minY = height;
  let maxY = -1;
  let area = 0;
  let start = 0;
  for (let i = 0; i < counts.length; i++) {
    const count = counts[i]!;
    if (i % 2 === 1 && count > 0) {
      const end = start + count - 1;
      const x0 = Math.floor(start / height);
      const x1 = Math.floor(end / height);
      if (x0 < minX) minX = x0;
      if (x1 > maxX) maxX = x1;
      // A run that wraps into the next column covers the last row and then the first one.
      const y0 = x1 > x0 ? 0 : start - x0 * height;
      const y1 = x1 > x0 ? height - 1 : end - x1 * height;
      if (y0 < minY) minY = y0;
      if (y1 > maxY) maxY = y1;
      area += count;
    }
    start += count;
  }
  if (area === 0) return undefined;
  const cw = maxX - minX + 1;
  const ch = maxY - minY + 1;
  const data = new Uint8Array(cw * ch);
  start = 0;
  for (let i = 0; i < counts.length; i++) {
    const count = counts[i]!;
    if (i % 2 === 1) {
      let x = Math.floor(start / height);
      let y = start - x * height;
      for (let k = 0; k < count; k++) {
        data[(y - minY) * cw + (x - minX)] = 1;
        if (++y === height) {
          y = 0;
          x++;
        }
      }
    }
    start += count;
  }
  return { bbox: { x: minX, y: minY, width: cw, height: ch }, area, bitmap: { width: cw, height: ch, data } };
}
