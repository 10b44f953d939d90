// The `mask` importer with Node's file system as its fallback source (tests import it from here).
import "./node-files.ts";

export { maskImporter, type MaskImporterOptions } from "../mask-dataset/mask-importer.ts";
