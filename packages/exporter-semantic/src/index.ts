/**
 * @maskport/exporter-semantic: what semantic segmentation training reads. The default export
 * is the package's plugins: the `semantic`, `nnunet` and `monai` exporters and an importer of
 * each layout.
 */
import { monaiExporter } from "./monai-exporter.ts";
import { monaiImporter } from "./monai-importer.ts";
import { nnunetExporter } from "./nnunet-exporter.ts";
import { nnunetImporter } from "./nnunet-importer.ts";
import { semanticExporter } from "./semantic-exporter.ts";
import { semanticImporter } from "./semantic-importer.ts";

export { semanticExporter, type SemanticExporterOptions, type SemanticFragment } from "./semantic-exporter.ts";
export { semanticImporter, type SemanticImporterOptions } from "./semantic-importer.ts";
export { nnunetExporter, type NnunetExporterOptions, type NnunetFragment } from "./nnunet-exporter.ts";
export { nnunetImporter, type NnunetImporterOptions } from "./nnunet-importer.ts";
export { monaiExporter, type MonaiExporterOptions, type MonaiFragment } from "./monai-exporter.ts";
export { monaiImporter, type MonaiImporterOptions } from "./monai-importer.ts";

const plugins = [semanticExporter, nnunetExporter, monaiExporter, semanticImporter, nnunetImporter, monaiImporter] as const;
export default plugins;
