import { cocoExporter } from "./coco-exporter.ts";
import { cocoImporter } from "./coco-importer.ts";
import { sa1bExporter } from "./sa1b-exporter.ts";
import { sa1bImporter } from "./sa1b-importer.ts";

export { cocoExporter } from "./coco-exporter.ts";
export { cocoImporter, detectCoco, readCoco, type CocoRef } from "./coco-importer.ts";
export { cocoExportOptionSpecs, type CocoExportOptions, type CocoImportOptions } from "./coco-options.ts";
export type { CocoAnnotationDraft, CocoFragment } from "./encode-coco-sample.ts";
export type * from "./coco-format.ts";
export { sa1bExporter } from "./sa1b-exporter.ts";
export { sa1bImporter, detectSa1b, readSa1b, type Sa1bRef } from "./sa1b-importer.ts";
export { sa1bExportOptionSpecs, type Sa1bExportOptions, type Sa1bImportOptions } from "./sa1b-options.ts";
export type { Sa1bAnnotationDraft, Sa1bFragment } from "./encode-sa1b-sample.ts";
export type { Sa1bAnnotation, Sa1bDocument, Sa1bImage } from "./sa1b-format.ts";
export { pointFarthestFromBoundary, squaredDistancesToBoundary } from "./point-farthest-from-boundary.ts";

/** The plugins of this package: the `coco` exporter and importer, then the `sa1b` exporter and importer. */
export default [cocoExporter, cocoImporter, sa1bExporter, sa1bImporter];
