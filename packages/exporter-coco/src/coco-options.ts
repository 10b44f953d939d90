import type { OptionSpecs } from "@maskport/core";

/** Options of the `coco` exporter. */
export interface CocoExportOptions {
  /** `rle` (lossless, default) or `polygon` (pixel-corner polygons, checked per instance). */
  readonly segmentation: "rle" | "polygon";
  /** RLE counts as pycocotools' compressed string (default) or as a plain list of run lengths. */
  readonly counts: "compressed" | "uncompressed";
  /**
   * `keep` (default): `iscrowd` as the input says (an instance's `crowd` flag; COCO inputs
   * have one), crowds written as RLE even in polygon mode, as pycocotools expects; every other
   * annotation 0. `none`: every annotation 0, crowds included (what training wants from CVAT
   * and Datumaro exports, which mark every mask a crowd). `all`: every annotation 1 (training
   * tools then ignore the objects). Flags that differ from the input's are reported once
   * (CROWD_FLAG_CHANGED, info).
   */
  readonly iscrowd: "keep" | "none" | "all";
  /**
   * Write RLE instances the way CVAT itself exports masks: uncompressed counts with
   * `iscrowd: 1`. Overrides `counts`, and `iscrowd: keep` for RLE instances; polygons keep
   * `iscrowd: 0` (`none` still writes 0 everywhere).
   */
  readonly cvatCompatible: boolean;
  /** Polygon simplification tolerance in pixels; 0 keeps every corner (exact). */
  readonly tolerance: number;
  /** Polygon mode: `bridge` = one ring per instance, `separate` = one ring per connected part. */
  readonly parts: "bridge" | "separate";
  /** Polygon mode: an instance whose polygon does not decode exactly is written as `rle` (default), or as the polygon with a LOSSY_ENCODING warning (`report`). */
  readonly onLossy: "rle" | "report";
  /**
   * Key order of the JSON. `streaming` (default): `licenses, info, categories, annotations,
   * images` — annotations are written as they are encoded and only the small image records
   * wait. `cvat`: CVAT's own order `licenses, info, categories, images, annotations`, where
   * every annotation waits until the image list is complete. What waits goes to the runner's
   * spool (on disk in the CLI), so memory stays flat in both; `streaming` writes less twice.
   * JSON readers (pycocotools, Datumaro/CVAT, Detectron2, mmdet, Ultralytics) do not depend
   * on the order.
   */
  readonly order: "streaming" | "cvat";
  /**
   * Extension of `file_name` for samples whose input names no image (mask folders):
   * `<sample id>.<ext>`, without the dot. An image the input names keeps its name.
   */
  readonly imageExtension: string;
}

/** The specs the CLI turns into flags (`--segmentation polygon`, `--cvat-compatible` …). */
export const cocoExportOptionSpecs: OptionSpecs<CocoExportOptions> = {
  segmentation: {
    description: "rle (lossless, pycocotools-exact) or polygon (pixel-corner polygons verified per instance)",
    default: "rle",
    choices: ["rle", "polygon"],
  },
  counts: { description: "RLE counts: compressed string (pycocotools) or uncompressed list", default: "compressed", choices: ["compressed", "uncompressed"] },
  iscrowd: {
    description: "keep: iscrowd as the input says (crowds stay RLE); none: 0 for every annotation; all: 1 for every annotation (Detectron2, mmdet and Ultralytics then ignore the objects for training)",
    default: "keep",
    choices: ["keep", "none", "all"],
  },
  cvatCompatible: { description: "write masks as CVAT does: uncompressed RLE with iscrowd 1", default: false },
  tolerance: { description: "polygon simplification tolerance in pixels (0 = exact)", default: 0 },
  parts: { description: "polygon parts: bridge (one ring per instance) or separate (one ring per connected part)", default: "bridge", choices: ["bridge", "separate"] },
  onLossy: {
    description: "polygon mode, instance not exact: rle (fall back to lossless RLE) or report (write the polygon, warn)",
    default: "rle",
    choices: ["rle", "report"],
  },
  order: {
    description: "JSON key order: streaming (annotations before images; only image records wait) or cvat (images before annotations; annotations wait, spooled to disk)",
    default: "streaming",
    choices: ["streaming", "cvat"],
  },
  imageExtension: { description: "file_name extension for samples whose input names no image (<sample id>.<ext>); named images keep their names", default: "png" },
};

/** Options of the `coco` importer (none: images come from `images/<subset>/` or `--images`). */
export type CocoImportOptions = Record<never, never>;
