/**
 * @maskport/exporter-cvat: CVAT for images 1.1 XML and CVAT Segmentation mask 1.1.
 * The default export is the package's plugins: the `cvat` and `mask` exporters and the
 * `cvat` importer (CVAT's Segmentation mask 1.1 is read by core's `mask` importer).
 */
import { cvatExporter } from "./cvat-exporter.ts";
import { cvatImporter } from "./cvat-importer.ts";
import { maskExporter } from "./mask-exporter.ts";

export { cvatExporter, type CvatExporterOptions, type CvatFragment } from "./cvat-exporter.ts";
export { maskExporter, type MaskExporterOptions, type MaskFragment } from "./mask-exporter.ts";
export { cvatImporter, readCvatXml, type CvatImporterOptions } from "./cvat-importer.ts";

const plugins = [cvatExporter, maskExporter, cvatImporter] as const;
export default plugins;
