import { callPlugin, type Dataset, type Diagnostic, type Importer } from "@maskport/core";

/**
 * Reads `input` with `importer` (its errors stamped, its diagnostics tagged with its name).
 * @param purpose `load` when the refs come from another read of the same input (ImportContext)
 */
export function readDataset(importer: Importer<any>, input: string, options: object, images: string | undefined, report: (diagnostic: Diagnostic) => void, purpose?: "load"): Promise<Dataset> {
  return callPlugin({ plugin: importer.name, stage: "read" }, () =>
    importer.read(input, options, { ...(images === undefined ? {} : { images }), ...(purpose === undefined ? {} : { purpose }), report: (d) => report({ ...d, plugin: importer.name }) }),
  );
}
