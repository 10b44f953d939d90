import { jsonExcerpt, MaskportError, MAX_POLYGON_COORDINATE } from "@maskport/core";
import { isPositiveInteger, isRecord } from "./json-guards.ts";
import { parseJson } from "./parse-json.ts";

/** A category as read (only what the importer uses). */
export interface CocoCategoryIn {
  readonly id: number;
  readonly name: string;
}

/** An image as read. */
export interface CocoImageIn {
  readonly id: number;
  readonly width: number;
  readonly height: number;
  readonly fileName: string;
}

/** A segmentation as read, structure already checked. */
export type CocoSegmentationIn =
  | { readonly kind: "polygon"; readonly parts: readonly (readonly number[])[] }
  | { readonly kind: "rle"; readonly counts: string | readonly number[] };

/** An annotation as read; `area` and `bbox` are not kept (recomputed, never trusted). */
export interface CocoAnnotationIn {
  readonly id: unknown;
  readonly categoryId: number;
  readonly segmentation: CocoSegmentationIn;
  /** `iscrowd` is 1 (or `true`); any other value or none is an ordinary object. */
  readonly crowd: boolean;
}

/** A checked COCO instances file: images in file order with their annotations. */
export interface CocoDocument {
  readonly file: string;
  readonly categories: readonly CocoCategoryIn[];
  readonly images: readonly CocoImageIn[];
  /** Annotations per image, parallel to `images`, each list in file order. */
  readonly annotations: readonly (readonly CocoAnnotationIn[])[];
}

/**
 * Parses and checks a COCO instances JSON. Polygons and RLE (compressed or not) are
 * accepted, `iscrowd` either way (kept as `crowd`); `area`/`bbox` are ignored. Whether RLE counts sum to h·w is
 * checked when a sample is decoded.
 * @throws MaskportError `INVALID_INPUT` (bad JSON with line/column, missing or mistyped
 * fields, unknown image ids, duplicate ids), `UNKNOWN_VALUE` (category id not among the
 * categories), `SIZE_MISMATCH` (RLE `size` ≠ the image's [height, width]), `INVALID_MASK`
 * (polygon with an odd number of coordinates or one beyond ±2³¹, bad counts)
 */
export function readCocoDocument(text: string, file: string): CocoDocument {
  const root = parseJson(text, file);
  const fail = (message: string): MaskportError => new MaskportError("INVALID_INPUT", message, { file });
  if (!isRecord(root)) throw fail("a COCO instances file is a JSON object with images, annotations and categories");
  const section = (key: string): unknown[] => {
    const value = root[key];
    if (!Array.isArray(value)) throw fail(`"${key}" is ${value === undefined ? "missing" : "not an array"}; a COCO instances file needs images, annotations and categories`);
    return value;
  };

  const categories: CocoCategoryIn[] = [];
  const categoryIds = new Set<number>();
  const categoryNames = new Set<string>();
  section("categories").forEach((raw, index) => {
    const where = `categories[${index}]`;
    if (!isRecord(raw)) throw fail(`${where} is not an object`);
    const { id, name } = raw;
    if (!Number.isInteger(id) || (id as number) < 1) throw fail(`${where}: id ${jsonExcerpt(id)} is not a positive integer (0 means "no label" in COCO)`);
    if (typeof name !== "string" || name === "") throw fail(`${where} (id ${id}): name must be a non-empty string`);
    if (categoryIds.has(id as number)) throw fail(`${where}: category id ${id} appears twice`);
    if (categoryNames.has(name)) throw fail(`${where}: category name "${name}" appears twice`);
    categoryIds.add(id as number);
    categoryNames.add(name);
    categories.push({ id: id as number, name });
  });

  const images: CocoImageIn[] = [];
  const imageIndex = new Map<number, number>();
  section("images").forEach((raw, index) => {
    const where = `images[${index}]`;
    if (!isRecord(raw)) throw fail(`${where} is not an object`);
    const { id, width, height, file_name: fileName } = raw;
    if (!Number.isInteger(id)) throw fail(`${where}: id ${jsonExcerpt(id)} is not an integer`);
    if (!isPositiveInteger(width) || !isPositiveInteger(height)) throw fail(`${where} (id ${id}): width ${jsonExcerpt(width)} and height ${jsonExcerpt(height)} must be positive integers`);
    if (typeof fileName !== "string" || fileName === "") throw fail(`${where} (id ${id}): file_name must be a non-empty string`);
    if (imageIndex.has(id as number)) throw fail(`${where}: image id ${id} appears twice`);
    imageIndex.set(id as number, images.length);
    images.push({ id: id as number, width, height, fileName });
  });

  const annotations: CocoAnnotationIn[][] = images.map(() => []);
  section("annotations").forEach((raw, index) => {
    if (!isRecord(raw)) throw fail(`annotations[${index}] is not an object`);
    const where = `annotations[${index}] (id ${jsonExcerpt(raw.id)})`;
    const position = imageIndex.get(raw.image_id as number);
    if (position === undefined) throw fail(`${where}: image_id ${jsonExcerpt(raw.image_id)} is not an id in images`);
    const image = images[position]!;
    if (!categoryIds.has(raw.category_id as number)) {
      throw new MaskportError("UNKNOWN_VALUE", `${where}: category_id ${jsonExcerpt(raw.category_id)} is not an id in categories (${[...categoryIds].join(", ") || "none"})`, {
        file,
      });
    }
    annotations[position]!.push({
      id: raw.id,
      categoryId: raw.category_id as number,
      segmentation: readCocoSegmentation(raw.segmentation, image, where, file),
      crowd: raw.iscrowd === 1 || raw.iscrowd === true,
    });
  });
  return { file, categories, images, annotations };
}

/**
 * Checks one annotation's `segmentation` as read from JSON: polygon parts (lists of x, y
 * pairs) or an RLE object whose `size` is the image's `[height, width]` and whose counts are
 * a compressed string or a list of non-negative integers. Counts are decoded later.
 * @param where the annotation, for messages (`annotations[3] (id 7)`)
 * @throws MaskportError `INVALID_INPUT` (wrong structure), `SIZE_MISMATCH` (RLE size ≠ the
 *   image's), `INVALID_MASK` (odd polygon coordinates or one beyond ±2³¹, bad counts)
 */
export function readCocoSegmentation(raw: unknown, image: CocoImageIn, where: string, file: string): CocoSegmentationIn {
  if (Array.isArray(raw)) {
    const parts: number[][] = [];
    raw.forEach((part: unknown, p) => {
      if (!Array.isArray(part) || !part.every((v) => typeof v === "number" && Number.isFinite(v))) {
        throw new MaskportError("INVALID_INPUT", `${where}: segmentation[${p}] is not a list of numbers`, { file });
      }
      if (part.length % 2 !== 0) {
        throw new MaskportError("INVALID_MASK", `${where}: polygon segmentation[${p}] has an odd number of coordinates (${part.length}); polygons are x, y pairs`, { file });
      }
      const far = (part as number[]).find((v) => Math.abs(v) > MAX_POLYGON_COORDINATE);
      if (far !== undefined) throw new MaskportError("INVALID_MASK", `${where}: polygon segmentation[${p}] has coordinate ${far}, beyond ±2³¹ (no image is that large)`, { file });
      parts.push(part as number[]);
    });
    return { kind: "polygon", parts };
  }
  if (!isRecord(raw)) throw new MaskportError("INVALID_INPUT", `${where}: segmentation must be a list of polygons or an RLE object {size, counts}`, { file });
  const { size, counts } = raw;
  if (!Array.isArray(size) || size.length !== 2 || !size.every((v) => Number.isInteger(v) && v >= 0)) {
    throw new MaskportError("INVALID_INPUT", `${where}: RLE size ${jsonExcerpt(size)} is not [height, width]`, { file });
  }
  if (size[0] !== image.height || size[1] !== image.width) {
    throw new MaskportError(
      "SIZE_MISMATCH",
      `${where}: RLE size [${size[0]}, ${size[1]}] disagrees with image ${image.id} ("${image.fileName}"), which is ${image.width}×${image.height} (size is [height, width])`,
      { file },
    );
  }
  if (typeof counts === "string") return { kind: "rle", counts };
  if (Array.isArray(counts) && counts.every((v) => Number.isInteger(v) && v >= 0)) return { kind: "rle", counts: counts as number[] };
  throw new MaskportError("INVALID_MASK", `${where}: RLE counts must be a compressed string or a list of non-negative integers`, { file });
}
