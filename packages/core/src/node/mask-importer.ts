export { maskImporter, type MaskImporterOptions } from "../mask-dataset/mask-importer.ts";
