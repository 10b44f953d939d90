import { rasterizePolygons, toPolygons, type Bitmap, type Instance, type Ring } from "@maskport/core";

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
  const measured = measure(decoded.data, width, height, bitmap, dx, dy);
  const union = measured.both + measured.lost + measured.added;
  return {
    parts: rings.map((ring) => ring.flatMap(([x, y]) => [x + bbox.x, y + bbox.y])),
    area: measured.area,
    bbox: measured.area === 0 ? [0, 0, 0, 0] : [measured.minX + x0, measured.minY + y0, measured.maxX - measured.minX + 1, measured.maxY - measured.minY + 1],
    lost: measured.lost,
    added: measured.added,
    iou: union === 0 ? 1 : measured.both / union,
  };
}

// --- internal ---

/**
 * One pass over the decoded frame: its area and tight box, and how it differs from the
 * source crop placed at (dx, dy) in the same frame.
 */
function measure(decoded: Uint8Array, width: number, height: number, source: Bitmap, dx: number, dy: number) {
  let area = 0;
  let both = 0;
  let minX = width;
  let minY = height;
  let maxX = -1;
  let maxY = -1;
  const { width: sw, height: sh, data } = source;
  for (let y = 0; y < height; y++) {
    const sy = y - dy;
    const inRows = sy >= 0 && sy < sh;
    for (let x = 0; x < width; x++) {
      const sx = x - dx;
      const inSource = inRows && sx >= 0 && sx < sw && data[sy * sw + sx] !== 0;
      if (decoded[y * width + x] === 0) continue;
      area++;
      if (inSource) both++;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      maxY = y;
    }
  }
  let sourceArea = 0;
  for (let i = 0; i < data.length; i++) if (data[i] !== 0) sourceArea++;
  return { area, both, lost: sourceArea - both, added: area - both, minX, minY, maxX, maxY };
}
