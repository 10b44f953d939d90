/**
 * Decodes CVAT `<mask>` and `<polygon>` elements into pixels, and crops/merges them into
 * tight instance bitmaps.
 */
import { decodeCvatRle, MaskportError, rasterizePolygons } from "@maskport/core";
import type { BBox, Bitmap, Point } from "@maskport/core";

/** A bitmap placed in the image: its top-left pixel is (x, y). */
export interface PlacedBitmap {
  readonly x: number;
  readonly y: number;
  readonly bitmap: Bitmap;
}

/** Where a shape sits, for error messages. */
export interface ShapeLocation {
  readonly file: string;
  /** `image "a.png" (id 3)`. */
  readonly image: string;
}

/**
 * Decodes a `<mask>`: CVAT RLE runs, row-major inside the integer box `left top width height`.
 * Zero-length runs and non-tight boxes are fine.
 * @throws MaskportError `INVALID_MASK` naming the file and image when the runs are malformed
 *   or do not sum to width·height
 */
export function decodeMaskShape(attributes: Readonly<Record<string, string>>, where: ShapeLocation): PlacedBitmap {
  const what = `${where.image}: <mask label="${attributes.label ?? ""}">`;
  const integer = (name: string, min: number): number => {
    const value = Number(attributes[name]);
    if (attributes[name] === undefined || !Number.isInteger(value) || value < min) {
      throw new MaskportError("INVALID_MASK", `${what} has ${name}="${attributes[name] ?? ""}", expected an integer ≥ ${min}`, { file: where.file });
    }
    return value;
  };
  const left = integer("left", Number.MIN_SAFE_INTEGER);
  const top = integer("top", Number.MIN_SAFE_INTEGER);
  const width = integer("width", 0);
  const height = integer("height", 0);
  const runs = (attributes.rle ?? "").split(",").map((part) => (part.trim() === "" ? Number.NaN : Number(part)));
  const bad = runs.findIndex((run) => !Number.isInteger(run) || run < 0);
  if (bad >= 0) {
    throw new MaskportError("INVALID_MASK", `${what} RLE value ${bad + 1} is "${(attributes.rle ?? "").split(",")[bad]?.trim() ?? ""}", expected a non-negative integer`, {
      file: where.file,
    });
  }
  let sum = 0;
  for (const run of runs) sum += run;
  if (sum !== width * height) {
    throw new MaskportError("INVALID_MASK", `${what} RLE runs sum to ${sum}, but its box is ${width}×${height} = ${width * height} pixels`, {
      file: where.file,
      hint: "CVAT before 2.4.2 wrote wrong mask width/height; re-export from a current CVAT.",
    });
  }
  return { x: left, y: top, bitmap: decodeCvatRle(runs, width, height, where.file) };
}

/**
 * Parses `points="x1,y1;x2,y2;…"` (pixel-corner coordinates).
 * @throws MaskportError `INVALID_INPUT` naming the file and image on a malformed pair
 */
export function parsePoints(text: string, where: ShapeLocation): Point[] {
  const points: Point[] = [];
  for (const pair of text.split(";")) {
    if (pair.trim() === "") continue;
    const [xs, ys, extra] = pair.split(",");
    const x = Number(xs);
    const y = Number(ys);
    if (xs === undefined || ys === undefined || extra !== undefined || xs.trim() === "" || ys.trim() === "" || !Number.isFinite(x) || !Number.isFinite(y)) {
      throw new MaskportError("INVALID_INPUT", `${where.image}: point "${pair}" is not "x,y"`, { file: where.file });
    }
    points.push([x, y]);
  }
  return points;
}

/**
 * Rasterises a polygon exactly as pycocotools (CVAT's own mask conversion) does, over an
 * image of `width` × `height`.
 */
export function decodePolygon(points: readonly Point[], width: number, height: number): PlacedBitmap {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  let integral = true;
  for (const [x, y] of points) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
    if (!Number.isInteger(x) || !Number.isInteger(y)) integral = false;
  }
  // Integer vertices inside the image shift by whole pixels without changing the rasteriser's
  // arithmetic, so rasterise in the polygon's own box; anything else uses the full frame.
  if (integral && minX >= 0 && minY >= 0 && maxX <= width && maxY <= height) {
    const shifted = points.map(([x, y]) => [x - minX, y - minY] as const);
    const boxWidth = Math.min(width - minX, maxX - minX + 1);
    const boxHeight = Math.min(height - minY, maxY - minY + 1);
    return { x: minX, y: minY, bitmap: rasterizePolygons([shifted], "pycocotools", boxWidth, boxHeight) };
  }
  return { x: 0, y: 0, bitmap: rasterizePolygons([points], "pycocotools", width, height) };
}

/** The tight crop of the union of `parts`, clipped to the image; undefined when empty. */
export function cropUnion(parts: readonly PlacedBitmap[], width: number, height: number): { bbox: BBox; area: number; bitmap: Bitmap } | undefined {
  let minX = width;
  let minY = height;
  let maxX = -1;
  let maxY = -1;
  for (const part of parts) {
    const { data, width: w } = part.bitmap;
    const x0 = Math.max(0, -part.x);
    const y0 = Math.max(0, -part.y);
    const x1 = Math.min(w, width - part.x);
    const y1 = Math.min(part.bitmap.height, height - part.y);
    for (let y = y0; y < y1; y++) {
      let i = y * w + x0;
      for (let x = x0; x < x1; x++, i++) {
        if (data[i] === 0) continue;
        const ix = x + part.x;
        const iy = y + part.y;
        if (ix < minX) minX = ix;
        if (ix > maxX) maxX = ix;
        if (iy < minY) minY = iy;
        if (iy > maxY) maxY = iy;
      }
    }
  }
  if (maxX < 0) return undefined;
  const bbox = { x: minX, y: minY, width: maxX - minX + 1, height: maxY - minY + 1 };
  const out = new Uint8Array(bbox.width * bbox.height);
  for (const part of parts) {
    const { data, width: w } = part.bitmap;
    const x0 = Math.max(0, bbox.x - part.x);
    const y0 = Math.max(0, bbox.y - part.y);
    const x1 = Math.min(w, bbox.x + bbox.width - part.x);
    const y1 = Math.min(part.bitmap.height, bbox.y + bbox.height - part.y);
    for (let y = y0; y < y1; y++) {
      let i = y * w + x0;
      let o = (y + part.y - bbox.y) * bbox.width + (x0 + part.x - bbox.x);
      for (let x = x0; x < x1; x++, i++, o++) if (data[i] !== 0) out[o] = 1;
    }
  }
  let area = 0;
  for (let i = 0; i < out.length; i++) area += out[i] as number;
  return { bbox, area, bitmap: { width: bbox.width, height: bbox.height, data: out } };
}
