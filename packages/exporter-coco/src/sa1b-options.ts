import type { OptionSpecs } from "@maskport/core";

/** Options of the `sa1b` exporter. */
export interface Sa1bExportOptions {
  /**
   * Extension of `file_name` for samples whose input names no image (`<base name of the
   * sample id>.<ext>`), without the dot. SA-1B's own images are JPEGs. A named image keeps its
   * extension.
   */
  readonly imageExtension: string;
}

/** The specs the CLI turns into flags (`--sa1b.imageExtension=png`). */
export const sa1bExportOptionSpecs: OptionSpecs<Sa1bExportOptions> = {
  imageExtension: { description: "file_name extension for samples whose input names no image (<base name of the sample id>.<ext>)", default: "jpg" },
};

/** Options of the `sa1b` importer (none: raw images are found beside the JSON or in `--images`). */
export type Sa1bImportOptions = Record<never, never>;
