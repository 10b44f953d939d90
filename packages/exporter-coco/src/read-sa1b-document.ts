import { checkSampleId, jsonExcerpt, MaskportError } from "@maskport/core";
import { isPositiveInteger, isRecord } from "./json-guards.ts";
import { parseJson } from "./parse-json.ts";
import { readCocoSegmentation, type CocoImageIn, type CocoSegmentationIn } from "./read-coco-document.ts";

/** An SA-1B annotation as read: its id as written, its label (when given) and its RLE. */
export interface Sa1bAnnotationIn {
  readonly id: unknown;
  readonly label: string | undefined;
  readonly segmentation: Extract<CocoSegmentationIn, { kind: "rle" }>;
  /** `annotations[i] (id …)`, for messages. */
  readonly where: string;
}

/** A checked SA-1B file. `bbox`, `area`, scores, `crop_box` and `point_coords` are not kept (recomputed or unused). */
export interface Sa1bDocumentIn {
  readonly file: string;
  readonly image: CocoImageIn;
  readonly annotations: readonly Sa1bAnnotationIn[];
}

/**
 * Parses and checks one SA-1B JSON file (FORMATS.md §7.3): an `image` record with integer
 * `image_id`, positive `width` and `height` and a `file_name`, and `annotations` whose
 * `segmentation` is COCO RLE (compressed or uncompressed counts) of the image's size.
 * Whether counts sum to h·w is checked when the sample is decoded.
 * @throws MaskportError `INVALID_INPUT` (bad JSON with line/column, missing or mistyped
 *   fields, polygon segmentations), `UNSAFE_NAME` (a `file_name` with `..`, empty or `.` parts,
 *   absolute, or with backslashes), `SIZE_MISMATCH` (RLE `size` ≠ the image's
 *   [height, width]), `INVALID_MASK` (malformed counts)
 */
export function readSa1bDocument(text: string, file: string): Sa1bDocumentIn {
  const root = parseJson(text, file);
  const fail = (message: string): MaskportError => new MaskportError("INVALID_INPUT", message, { file, hint: HINT });
  if (!isRecord(root) || !isRecord(root.image) || !Array.isArray(root.annotations)) {
    throw fail('an SA-1B file is a JSON object with an "image" object and an "annotations" list');
  }
  const { image_id: id, width, height, file_name: fileName } = root.image;
  if (!Number.isInteger(id)) throw fail(`image: image_id ${jsonExcerpt(id)} is not an integer`);
  if (!isPositiveInteger(width) || !isPositiveInteger(height)) throw fail(`image ${id}: width ${jsonExcerpt(width)} and height ${jsonExcerpt(height)} must be positive integers`);
  if (typeof fileName !== "string" || fileName === "") throw fail(`image ${id}: file_name must be a non-empty string`);
  // Only its last part is used (the image beside the JSON), but a name that climbs out or is absolute is the input's fault.
  checkSampleId(fileName, { file, entry: `image ${id}: file_name` });
  const image: CocoImageIn = { id: id as number, width, height, fileName };

  const annotations = root.annotations.map((raw: unknown, index): Sa1bAnnotationIn => {
    if (!isRecord(raw)) throw fail(`annotations[${index}] is not an object`);
    const where = `annotations[${index}] (id ${jsonExcerpt(raw.id)})`;
    const { label, segmentation } = raw;
    if (label !== undefined && (typeof label !== "string" || label === "")) throw fail(`${where}: label ${jsonExcerpt(label)} is not a non-empty string`);
    // SAM and SA-1B write masks only as RLE; a polygon list means a COCO file's annotation.
    if (Array.isArray(segmentation)) throw fail(`${where}: segmentation is a polygon list; SA-1B annotations hold COCO RLE ({"size": [h, w], "counts": …})`);
    const read = readCocoSegmentation(segmentation, image, where, file);
    if (read.kind !== "rle") throw fail(`${where}: segmentation must be COCO RLE`);
    return { id: raw.id, label, segmentation: read, where };
  });
  return { file, image, annotations };
}

// --- internal ---

const HINT = 'Read COCO instances files with --from coco; SA-1B files hold one image: {"image": {image_id, width, height, file_name}, "annotations": [{id, segmentation: {size, counts}, …}]}.';
