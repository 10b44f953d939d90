/**
 * The COCO instances JSON as CVAT's "COCO 1.0" writes it (FORMATS.md §2): the shapes of its
 * records, the constant framing and the number formatting that makes output byte-stable.
 */

/** `{size: [h, w], counts}`: column-major RLE over the whole image (FORMATS.md §2.3). */
export interface CocoRleSegmentation {
  readonly size: readonly [height: number, width: number];
  /** A compressed string (pycocotools `rleToString`) or the plain run lengths. */
  readonly counts: string | readonly number[];
}

/** Polygon parts `[[x1, y1, x2, y2, …], …]` in pixel-corner coordinates (pixels). */
export type CocoPolygonSegmentation = readonly (readonly number[])[];

/** What an annotation's `segmentation` holds. */
export type CocoSegmentation = CocoRleSegmentation | CocoPolygonSegmentation;

/** One category (`id` positive: the input's own for COCO inputs, else 1-based as CVAT writes them). */
export interface CocoCategory {
  readonly id: number;
  readonly name: string;
  readonly supercategory: string;
}

/** One image record, as CVAT writes it. */
export interface CocoImage {
  readonly id: number;
  readonly width: number;
  readonly height: number;
  readonly file_name: string;
  readonly license: number;
  readonly flickr_url: string;
  readonly coco_url: string;
  readonly date_captured: number;
}

/** One annotation record, keys in CVAT's order. */
export interface CocoAnnotation {
  readonly id: number;
  readonly image_id: number;
  readonly category_id: number;
  readonly segmentation: CocoSegmentation;
  /** Pixels, as pycocotools computes them from the segmentation. */
  readonly area: number;
  /** `[x, y, width, height]` in pixels, pycocotools `toBbox`. */
  readonly bbox: readonly [number, number, number, number];
  readonly iscrowd: 0 | 1;
  readonly attributes: { readonly occluded: boolean };
}

/** The JSON file name of a subset: `annotations/instances_<subset>.json`. */
export function annotationsPath(subset: string): string {
  return `annotations/instances_${subset}.json`;
}

/** Where a raw image of a subset goes: `images/<subset>/<file_name>`. */
export function imagePath(subset: string, fileName: string): string {
  return `images/${subset}/${fileName}`;
}

/** The subset named by an `instances_<subset>.json` file name, or undefined for other names. */
export function subsetOfFileName(fileName: string): string | undefined {
  const match = /^instances_(.+)\.json$/.exec(fileName);
  return match?.[1];
}

/** CVAT's constant `licenses` and `info` sections, compact (FORMATS.md §2.2). */
export const LICENSES_JSON = '[{"name":"","id":0,"url":""}]';
export const INFO_JSON = '{"contributor":"","date_created":"","description":"","url":"","version":"","year":""}';

/**
 * Writes a number the way Python's `json.dumps` writes a float (CVAT's `area` and `bbox` are
 * floats): integral values keep a `.0` (`6.0`), others use the shortest round-trip form.
 */
export function formatFloat(value: number): string {
  return Number.isInteger(value) ? `${value}.0` : JSON.stringify(value);
}

/** Serialises a segmentation compactly; polygon coordinates stay integers where integral. */
export function formatSegmentation(segmentation: CocoSegmentation): string {
  if (isRleSegmentation(segmentation)) {
    const counts = typeof segmentation.counts === "string" ? JSON.stringify(segmentation.counts) : `[${segmentation.counts.join(",")}]`;
    return `{"size":[${segmentation.size[0]},${segmentation.size[1]}],"counts":${counts}}`;
  }
  return `[${segmentation.map((part) => `[${part.map((v) => JSON.stringify(v)).join(",")}]`).join(",")}]`;
}

/** Whether a segmentation is an RLE object rather than a list of polygon parts. */
export function isRleSegmentation(segmentation: CocoSegmentation): segmentation is CocoRleSegmentation {
  return !Array.isArray(segmentation);
}
