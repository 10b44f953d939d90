/**
 * Segment Anything's SA-1B per-image JSON (FORMATS.md §7.3): one `<image>.json` beside each
 * image, `{"image": {…}, "annotations": [ … ]}`, masks as COCO compressed RLE. The record
 * shapes, and where a sample's files go.
 */
import { imageFileName, type SampleInfo } from "@maskport/core";
import type { CocoRleSegmentation } from "./coco-format.ts";

/** The `image` record of an SA-1B file. */
export interface Sa1bImage {
  readonly image_id: number;
  readonly width: number;
  readonly height: number;
  /** Base name of the image file beside the JSON. */
  readonly file_name: string;
}

/** One annotation of an SA-1B file, keys in the order maskport writes them. */
export interface Sa1bAnnotation {
  readonly id: number;
  /** Full-frame column-major COCO RLE, counts compressed (pycocotools `rleToString`). */
  readonly segmentation: CocoRleSegmentation;
  /** `[x, y, width, height]` in pixels, pycocotools `toBbox`. */
  readonly bbox: readonly [number, number, number, number];
  /** Pixels (pycocotools `area`). */
  readonly area: number;
  /** SAM's own quality estimates; 1.0 for ground truth. */
  readonly predicted_iou: number;
  readonly stability_score: number;
  /** `[x, y, width, height]` of the crop SAM saw: the whole image. */
  readonly crop_box: readonly [number, number, number, number];
  /** The prompt point `[[x, y]]`: for maskport, the instance's pixel farthest from its boundary. */
  readonly point_coords: readonly (readonly [number, number])[];
  /** The class name: a maskport extension (SA-1B is class-agnostic; its readers ignore it). */
  readonly label?: string;
}

/** A whole SA-1B file. */
export interface Sa1bDocument {
  readonly image: Sa1bImage;
  readonly annotations: readonly Sa1bAnnotation[];
}

/** Where a sample's files go, relative to the output folder, and the `file_name` it gets. */
export interface Sa1bPaths {
  /** `<sample id>.json`, sub-folders kept. */
  readonly json: string;
  /** `<sample id><ext of the raw image>`, when the sample has a raw image. */
  readonly image: string | undefined;
  /**
   * Base name of that image, `<base name of the sample id><extension of the image the input
   * names>` when the file was not found, or `<base name of the sample id>.<imageExtension>`
   * when the input names no image.
   */
  readonly fileName: string;
}

/** The files of a sample: its JSON and, beside it, its raw image named after the sample id. */
export function sa1bPaths(sample: SampleInfo, imageExtension: string): Sa1bPaths {
  const base = sample.id.slice(sample.id.lastIndexOf("/") + 1);
  const named = imageFileName(sample);
  if (named === undefined) return { json: `${sample.id}${JSON_EXTENSION}`, image: undefined, fileName: `${base}.${imageExtension.replace(/^\./, "")}` };
  const extension = extensionOf(named);
  return { json: `${sample.id}${JSON_EXTENSION}`, image: sample.image === undefined ? undefined : `${sample.id}${extension}`, fileName: `${base}${extension}` };
}

/** Whether a file name is an SA-1B JSON file's (`.json`, any case). */
export function isJsonFileName(name: string): boolean {
  return name.toLowerCase().endsWith(JSON_EXTENSION);
}

/** The sample id of a JSON file's `/`-separated path relative to the dataset root (`scans/Y10.json` → `scans/Y10`). */
export function sampleIdOfJsonPath(path: string): string {
  return path.slice(0, -JSON_EXTENSION.length);
}

// --- internal ---

const JSON_EXTENSION = ".json";

/** `scans/Y1.jpg` → `.jpg`; empty when the base name has no extension (a leading dot is not one). */
function extensionOf(fileName: string): string {
  const normalised = fileName.replaceAll("\\", "/");
  const dot = normalised.lastIndexOf(".");
  return dot > normalised.lastIndexOf("/") + 1 ? normalised.slice(dot) : "";
}
