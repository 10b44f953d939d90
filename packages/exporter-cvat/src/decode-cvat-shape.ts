/**
 * Decodes CVAT `<mask>` and `<polygon>` elements into pixels, and crops/merges them into
 * tight instance bitmaps.
 */
import { MaskportError, MAX_POLYGON_COORDINATE, polygonWindow, rasterizePolygons } from "@maskport/core";
import type { BBox, Bitmap, Point } from "@maskport/core";

/** A bitmap placed in the image: its top-left pixel is (x, y). */
export interface PlacedBitmap {
  readonly x: number;
  readonly y: number;
  readonly bitmap: Bitmap;
}

/** A decoded `<mask>`: its pixels inside the image, and how many of its set pixels were not. */
export interface PlacedMask extends PlacedBitmap {
  readonly outside: number;
}

/** Where a shape sits, for error messages. */
export interface ShapeLocation {
  readonly file: string;
  /** `image "a.png" (id 3)`. */
  readonly image: string;
}

/**
 * Decodes a `<mask>`: CVAT RLE runs, row-major inside the integer box `left top width height`.
 * Zero-length runs and non-tight boxes are fine. Only the set pixels inside the `frame` are
 * kept, placed at their tight box, which is all that is allocated: the box may claim any
 * size its runs add up to. `outside` counts the set pixels clipped away.
 * @throws MaskportError `INVALID_MASK` naming the file and image when the box is not whole
 *   numbers within ±2³¹ (width·height at most 2⁵³), or the runs are malformed or do not sum
 *   to width·height
 */
export function decodeMaskShape(attributes: Readonly<Record<string, string>>, where: ShapeLocation, frame: { readonly width: number; readonly height: number }): PlacedMask {
  const what = `${where.image}: <mask label="${attributes.label ?? ""}">`;
  const integer = (name: string, min: number): number => {
    const value = Number(attributes[name]);
    if (attributes[name] === undefined || !Number.isInteger(value) || value < min || value > MAX_BOX) {
      throw new MaskportError("INVALID_MASK", `${what} has ${name}="${attributes[name] ?? ""}", expected an integer from ${min} to 2³¹`, { file: where.file });
    }
    return value;
  };
  const left = integer("left", -MAX_BOX);
  const top = integer("top", -MAX_BOX);
  const width = integer("width", 0);
  const height = integer("height", 0);
  if (!Number.isSafeInteger(width * height)) {
    throw new MaskportError("INVALID_MASK", `${what} has a ${width}×${height} box, more than 2⁵³ pixels`, { file: where.file });
  }
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
  return cropRuns(runs, { x: left, y: top, width, height }, frame);
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
    if (Math.abs(x) > MAX_POLYGON_COORDINATE || Math.abs(y) > MAX_POLYGON_COORDINATE) {
      throw new MaskportError("INVALID_INPUT", `${where.image}: point "${pair}" is beyond ±2³¹ (no image is that large)`, { file: where.file });
    }
    points.push([x, y]);
  }
  return points;
}

/**
 * Rasterises a polygon exactly as pycocotools (CVAT's own mask conversion) does, over an
 * image of `width` × `height`, into the polygon's box clipped to the image (only that is
 * allocated).
 */
export function decodePolygon(points: readonly Point[], width: number, height: number): PlacedBitmap {
  const window = polygonWindow([points], width, height);
  if (window === undefined) return NOTHING;
  return { x: window.x, y: window.y, bitmap: rasterizePolygons([points], "pycocotools", width, height, window) };
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

// --- internal ---

/** The largest |left|, |top|, width or height of a `<mask>` box. */
const MAX_BOX = 2 ** 31;

/** A shape with no pixel in the image. */
const NOTHING: PlacedBitmap = { x: 0, y: 0, bitmap: { width: 0, height: 0, data: new Uint8Array(0) } };

/**
 * The set pixels of row-major CVAT runs (0s first) over `box`, clipped to the frame and
 * placed at their tight box. Runs are taken as spans (a row's end, whole rows, the next row's
 * start): O(1) each to find the box, then only the pixels set inside it are written.
 */
function cropRuns(runs: readonly number[], box: BBox, frame: { readonly width: number; readonly height: number }): PlacedMask {
  let set = 0;
  for (let i = 1; i < runs.length; i += 2) set += runs[i] as number;
  // The part of the box inside the frame, in box coordinates: columns cx0..cx1, rows cy0..cy1.
  const cx0 = Math.max(0, -box.x);
  const cx1 = Math.min(box.width, frame.width - box.x) - 1;
  const cy0 = Math.max(0, -box.y);
  const cy1 = Math.min(box.height, frame.height - box.y) - 1;
  if (cx0 > cx1 || cy0 > cy1) return { ...NOTHING, outside: set };
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -1;
  let maxY = -1;
  let inside = 0;
  forEachSetSpan(runs, box.width, cx0, cx1, cy0, cy1, (row0, row1, from, to) => {
    if (from < minX) minX = from;
    if (to > maxX) maxX = to;
    if (row0 < minY) minY = row0;
    if (row1 > maxY) maxY = row1;
    inside += (row1 - row0 + 1) * (to - from + 1);
  });
  if (maxX < 0) return { ...NOTHING, outside: set };
  const width = maxX - minX + 1;
  const data = new Uint8Array(width * (maxY - minY + 1));
  forEachSetSpan(runs, box.width, cx0, cx1, cy0, cy1, (row0, row1, from, to) => {
    for (let row = row0; row <= row1; row++) data.fill(1, (row - minY) * width + from - minX, (row - minY) * width + to - minX + 1);
  });
  return { x: box.x + minX, y: box.y + minY, bitmap: { width, height: maxY - minY + 1, data }, outside: set - inside };
}

/**
 * Calls `span(row0, row1, from, to)` for each rectangle of set pixels (rows row0..row1,
 * columns from..to, box coordinates) that the odd runs cover inside columns cx0..cx1 and rows
 * cy0..cy1 of a box `width` wide.
 */
function forEachSetSpan(
  runs: readonly number[],
  width: number,
  cx0: number,
  cx1: number,
  cy0: number,
  cy1: number,
  span: (row0: number, row1: number, from: number, to: number) => void,
): void {
  const clipped = (row0: number, row1: number, from: number, to: number): void => {
    const r0 = Math.max(row0, cy0);
    const r1 = Math.min(row1, cy1);
    const c0 = Math.max(from, cx0);
    const c1 = Math.min(to, cx1);
    if (r0 <= r1 && c0 <= c1) span(r0, r1, c0, c1);
  };
  let start = 0;
  for (let i = 0; i < runs.length; i++) {
    const run = runs[i] as number;
    if (i % 2 === 1 && run > 0) {
      const end = start + run - 1;
      const firstRow = Math.floor(start / width);
      const lastRow = Math.floor(end / width);
      const firstColumn = start - firstRow * width;
      const lastColumn = end - lastRow * width;
      if (firstRow === lastRow) clipped(firstRow, firstRow, firstColumn, lastColumn);
      else {
        clipped(firstRow, firstRow, firstColumn, width - 1);
        if (lastRow > firstRow + 1) clipped(firstRow + 1, lastRow - 1, 0, width - 1);
        clipped(lastRow, lastRow, 0, lastColumn);
      }
    }
    start += run;
  }
}
