import { maskImporter, type Exporter, type Importer } from "@maskport/core";
import { cocoExporter, cocoImporter, sa1bExporter, sa1bImporter } from "@maskport/exporter-coco";
import { cvatExporter, cvatImporter, maskExporter } from "@maskport/exporter-cvat";
import { monaiExporter, monaiImporter, nnunetExporter, nnunetImporter, semanticExporter, semanticImporter } from "@maskport/exporter-semantic";
import { yoloExporter, yoloImporter } from "@maskport/exporter-yolo";
import { FORMATS, type FormatName } from "./format-names.ts";

/** The exporters bundled into the worker, by format name (the page's checkboxes, in `FORMATS` order). */
export const EXPORTERS: Readonly<Record<FormatName, Exporter<any, any>>> = {
  coco: cocoExporter,
  sa1b: sa1bExporter,
  cvat: cvatExporter,
  mask: maskExporter,
  yolo: yoloExporter,
  semantic: semanticExporter,
  nnunet: nnunetExporter,
  monai: monaiExporter,
};

/** The exporter of `format`, or undefined for a name the page does not offer. */
export function exporterOf(format: string): Exporter<any, any> | undefined {
  return FORMATS.some((entry) => entry.name === format) ? EXPORTERS[format as FormatName] : undefined;
}

/** The importers bundled into the worker, in the order the CLI tries them (`maskport plugins`); not `nifti`. */
export const IMPORTERS: readonly Importer<any>[] = [cocoImporter, sa1bImporter, cvatImporter, semanticImporter, nnunetImporter, monaiImporter, yoloImporter, maskImporter];
