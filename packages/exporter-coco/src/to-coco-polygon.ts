import { compareBitmaps, rasterizePolygons, toPolygons, type Instance, type Ring } from "@maskport/core";

/** An instance as COCO polygon parts, with how pycocotools decodes them. */
export interface CocoPolygonEncoding {
  /** Parts `[x1, y1, x2, y2, …]` in image pixel-corner coordinates, each ≥ 3 points. */
  readonly parts: readonly (readonly number[])[];
  /** Pixels of the decoded polygons (what pycocotools' `area` gives for them). */
  readonly area: number;
  /** `[x, y, width, height]` of the decoded pixels (pycocotools `toBbox`), `[0, 0, 0, 0]` when none. */
  readonly bbox: readonly [number, number, number, number];
  /** Source pixels the decoded polygons miss, and pixels they add. */
  readonly lost: number;
  readonly added: number;
  readonly iou: number;
}

/**
 * Traces an instance into pixel-corner polygons (core `toPolygons`, target pycocotools; holes
 * joined by zero-width bridges) and decodes them again with the pycocotools-style rasteriser
 * inside the image, so fidelity, `area` and `bbox` describe what a COCO reader will get.
 * Parts with fewer than 3 points are never written (pycocotools would read 4 numbers as a box).
 */
export function toCocoPolygon(
  instance: Instance,
  imageWidth: number,
  imageHeight: number,
  options: { readonly parts: "bridge" | "separate"; readonly tolerance: number },
): CocoPolygonEncoding {
  const { bbox, bitmap } = instance;
  const rings = toPolygons(bitmap, { target: "pycocotools", parts: options.parts, tolerance: options.tolerance }).filter((ring) => ring.length >= 3);
  // Decode in the crop grown by a margin (clipped to the image): a simplified polygon may
  // stray a little outside the crop, never outside the image. Integer shifts leave
  // pycocotools' rounding unchanged, so this equals decoding in the full frame.
  const margin = Math.ceil(options.tolerance) + 1;
  const x0 = Math.max(0, bbox.x - margin);
  const y0 = Math.max(0, bbox.y - margin);
  const width = Math.min(imageWidth, bbox.x + bbox.width + margin) - x0;
  const height = Math.min(imageHeight, bbox.y + bbox.height + margin) - y0;
  const dx = bbox.x - x0;
  const dy = bbox.y - y0;
  const shifted: Ring[] = rings.map((ring) => ring.map(([x, y]) => [x + dx, y + dy] as const));
  const decoded = rasterizePolygons(shifted, "pycocotools", width, height);
  const source = new Uint8Array(width * height);
  for (let y = 0; y < bitmap.height; y++) source.set(bitmap.data.subarray(y * bitmap.width, (y + 1) * bitmap.width), (y + dy) * width + dx);
  const fidelity = compareBitmaps({ width, height, data: source }, decoded);
  const box = tightBox(decoded.data, width, height);
  return {
    parts: rings.map((ring) => ring.flatMap(([x, y]) => [x + bbox.x, y + bbox.y])),
    area: box.area,
    bbox: box.area === 0 ? [0, 0, 0, 0] : [box.minX + x0, box.minY + y0, box.maxX - box.minX + 1, box.maxY - box.minY + 1],
    ...fidelity,
  };
}

// --- internal ---

function tightBox(data: Uint8Array, width: number, height: number): { area: number; minX: number; minY: number; maxX: number; maxY: number } {
  let area = 0;
  let minX = width;
  let minY = height;
  let maxX = -1;
  let maxY = -1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (data[y * width + x] === 0) continue;
      area++;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      maxY = y;
    }
  }
  return { area, minX, minY, maxX, maxY };
}
