import { cocoExporter } from "./coco-exporter.ts";
import { cocoImporter } from "./coco-importer.ts";

export { cocoExporter } from "./coco-exporter.ts";
export { cocoImporter, detectCoco, readCoco, type CocoRef } from "./coco-importer.ts";
export { cocoExportOptionSpecs, type CocoExportOptions, type CocoImportOptions } from "./coco-options.ts";
export type { CocoAnnotationDraft, CocoFragment } from "./encode-coco-sample.ts";
export type * from "./coco-format.ts";

/** The plugins of this package: the `coco` exporter and the `coco` importer. */
export default [cocoExporter, cocoImporter];
