/**
 * The CVAT for images 1.1 XML format: its constants and the plain-data shapes maskport
 * writes. See FORMATS.md §3 (written by CVAT's `cvat/apps/dataset_manager/formats/cvat.py`).
 */

/** The XML declaration CVAT's SAX writer emits (lower-case `utf-8`). */
export const XML_DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';

/** The format version CVAT writes in `<version>`. */
export const CVAT_XML_VERSION = "1.1";

/** The annotation file's name inside a CVAT export. */
export const ANNOTATIONS_FILE = "annotations.xml";

/** Folder of raw images in a CVAT for images export. */
export const IMAGES_DIR = "images";

/**
 * Timestamp written in `<created>`, `<updated>` and `<dumped>` unless the `timestamp` option
 * says otherwise. Fixed, so the same input always gives byte-identical output. CVAT writes
 * Python's `str(datetime)` form, which this imitates.
 */
export const DEFAULT_TIMESTAMP = "1970-01-01 00:00:00+00:00";

/** Every shape element CVAT writes inside `<image>` (FORMATS.md §3.2). */
export const CVAT_SHAPE_KINDS = ["box", "polygon", "polyline", "points", "ellipse", "cuboid", "mask", "skeleton", "tag"] as const;

/** One shape element kind. */
export type CvatShapeKind = (typeof CVAT_SHAPE_KINDS)[number];

/**
 * A `<mask>` as written: CVAT RLE runs (row-major inside the box, first run zeros) and the
 * integer box in image pixels.
 */
export interface CvatMaskShape {
  readonly type: "mask";
  readonly label: string;
  readonly runs: readonly number[];
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

/** A `<polygon>` as written: vertices in image pixels, pixel-corner convention. */
export interface CvatPolygonShape {
  readonly type: "polygon";
  readonly label: string;
  /** Flat `[x1, y1, x2, y2, …]`, pixels. */
  readonly points: readonly number[];
}

/** A shape maskport writes. */
export type CvatShape = CvatMaskShape | CvatPolygonShape;

/** Formats a coordinate as CVAT does (`"{:.2f}"`). */
export function formatCoordinate(value: number): string {
  // Both round the exact binary value; they differ only on exact binary ties at the third
  // decimal (Python: half to even, toFixed: up), which maskport's pixel-corner vertices
  // (integers, or at most halves) never hit.
  return value.toFixed(2);
}

/** `points="x1,y1;x2,y2;…"` as CVAT writes it. */
export function formatPoints(points: readonly number[]): string {
  const pairs: string[] = [];
  for (let i = 0; i + 1 < points.length; i += 2) {
    pairs.push(`${formatCoordinate(points[i] ?? 0)},${formatCoordinate(points[i + 1] ?? 0)}`);
  }
  return pairs.join(";");
}

/** `rle="r0, r1, …"`: the str() of a Python list without its brackets. */
export function formatRle(runs: readonly number[]): string {
  return runs.join(", ");
}

/** `#rrggbb` from an RGB triple, as CVAT stores label colours. */
export function toHexColor(color: readonly [number, number, number]): string {
  return `#${color.map((channel) => channel.toString(16).padStart(2, "0")).join("")}`;
}
