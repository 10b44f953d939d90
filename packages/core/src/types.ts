/**
 * The data model every maskport package speaks. Plain data only: everything here is
 * structured-cloneable, so samples and fragments can cross worker-thread boundaries.
 */

/** An RGB colour, each channel 0..255. */
export type Rgb = readonly [r: number, g: number, b: number];

/** One label of a labelmap. */
export interface Label {
  /**
   * The label's id: the pixel value that means this label in an index (grayscale) class
   * mask. For a CVAT-dialect labelmap it is the 0-based line index among label lines
   * (CVAT's own rule for 1-channel masks); for the index dialect it is the number written.
   */
  readonly id: number;
  readonly name: string;
  /** Colour in RGB class masks. Index-dialect labels get a deterministic generated colour. */
  readonly color: Rgb;
  /** CVAT's `parts` and `actions` columns, kept for round trips (usually empty). */
  readonly parts: readonly string[];
  readonly actions: readonly string[];
}

/** The labels of a dataset. The single place where label ids live. */
export interface Labelmap {
  /** Labels in file order. Ids are unique, names are unique. */
  readonly labels: readonly Label[];
  /**
   * Id of the background label (unannotated pixels), or undefined when the labelmap has
   * none. CVAT's rule: the first label coloured (0,0,0), else the label named `background`.
   */
  readonly backgroundId: number | undefined;
  /** Which dialect the labelmap was read from; `"cvat"` for labelmaps built in code. */
  readonly dialect: "cvat" | "index";
  /**
   * True when the label ids are the input's own category ids (the `coco` importer: label id =
   * COCO `category_id`). Exporters that number categories (`coco`, `sa1b`) then write these
   * ids when they are positive integers, instead of numbering the labels 1..N, so evaluation
   * against the original ids still works. Absent (false) for CVAT and index labelmaps, whose
   * ids are line indices or pixel values, not categories. Transforms keep it.
   */
  readonly categoryIds?: boolean;
}

/** Axis-aligned box in pixels: columns x..x+width-1, rows y..y+height-1. */
export interface BBox {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

/**
 * A binary raster, row-major: `data[y * width + x]` is 1 inside, 0 outside.
 * Used both for whole frames and for instance crops.
 */
export interface Bitmap {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/** One object in one image. */
export interface Instance {
  /** Label id (see {@link Label.id}). */
  readonly label: number;
  /**
   * The instance number in its source (object-mask value or palette index; for instances
   * made from connected components, 1.. in scan order). Unique within a sample.
   */
  readonly instanceId: number;
  /** Tight bounding box in image pixels. */
  readonly bbox: BBox;
  /** Number of pixels set. */
  readonly area: number;
  /** The instance's pixels cropped to `bbox` (so `bitmap.width === bbox.width`). */
  readonly bitmap: Bitmap;
  /**
   * True when the input marks the instance as a crowd region (COCO `iscrowd: 1`): COCOeval
   * ignores it, Detectron2, mmdet and Ultralytics leave it out of training. Absent (false)
   * otherwise. Set by the `coco` importer and written back by the `coco` exporter (as RLE);
   * exporters whose format has no such flag write the instance as an ordinary one and say so
   * once (`CROWD_FLAG_CHANGED`, info).
   */
  readonly crowd?: boolean;
}

/** A raw image that belongs to a sample (the MRI slice itself, not a mask). */
export interface ImageRef {
  /** Absolute path on disk (node side); exporters copy it through the runner, never read it. */
  readonly path: string;
  /** File name relative to the images root, sub-folders kept, with extension (`scans/Y1.jpg`). */
  readonly fileName: string;
}

/** One image with its instances, as importers produce it and exporters consume it. */
export interface Sample {
  /** Item path relative to the dataset root without extension, sub-folders kept (`scans/Y1`). */
  readonly id: string;
  /** Subset name (`default` when the input has none). */
  readonly subset: string;
  readonly width: number;
  readonly height: number;
  /** The raw image, when its file was found (exporters copy it). */
  readonly image?: ImageRef;
  /**
   * The raw image's file name as the input names it, relative, `/`-separated, sub-folders
   * and extension kept (`scans/Y1.jpg`): COCO `file_name`, CVAT `<image name>`, a YOLO list's
   * image path. Set by importers whose input names its images, whether or not the file was
   * found; absent for inputs that name none (mask folders). Exporters name a sample's image
   * `image.fileName` when the file was found (the file they copy), else this, and make a
   * name up (`<id>.<imageExtension>`) only when both are absent (core's `imageFileName`).
   */
  readonly imageName?: string;
  /** Instances in a deterministic order (ascending instanceId). */
  readonly instances: readonly Instance[];
}

/** A sample without its pixels: what `write` sees beside each fragment. */
export type SampleInfo = Omit<Sample, "instances">;

/** How faithfully an encoded instance decodes back, under the target's own decoder. */
export interface Fidelity {
  /** Source pixels missing after decoding. */
  readonly lost: number;
  /** Pixels set after decoding that the source did not have. */
  readonly added: number;
  /** Intersection over union, 1 when exact. */
  readonly iou: number;
}

/**
 * Severity of a diagnostic. `info` reports a change the user asked for (a transform dropping
 * small instances, filling holes): always shown, never fails a run. `--strict` turns
 * warnings into a failed run; errors always fail it.
 */
export type Severity = "info" | "warning" | "error";
