/**
 * @maskport/exporter-semantic: what semantic segmentation training reads. The default export
 * is the package's plugins: the `semantic`, `nnunet` and `monai` exporters and an importer of
 * each layout.
 */
import { semanticExporter } from "./semantic-exporter.ts";
import { semanticImporter } from "./semantic-importer.ts";

export { semanticExporter, type SemanticExporterOptions, type SemanticFragment } from "./semantic-exporter.ts";
export { semanticImporter, type SemanticImporterOptions } from "./semantic-importer.ts";

const plugins = [semanticExporter, semanticImporter] as const;
export default plugins;
