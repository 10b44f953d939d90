/**
 * @maskport/exporter-yolo: Ultralytics YOLO segmentation, exporter and importer.
 * The default export is the array of both plugins (core's validatePluginModule accepts it).
 */
import { yoloExporter } from "./yolo-exporter.ts";
import { yoloImporter } from "./yolo-importer.ts";

export { yoloExporter } from "./yolo-exporter.ts";
export type { YoloExportOptions, YoloFragment } from "./yolo-exporter.ts";
export { yoloImporter } from "./yolo-importer.ts";
export type { YoloImportOptions, YoloRef } from "./yolo-importer.ts";
export { decodeCoordinate, encodeCoordinate } from "./yolo-coordinates.ts";

const plugins = [yoloExporter, yoloImporter] as const;
export default plugins;
