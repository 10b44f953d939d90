import type { Exporter } from "@maskport/core";
import { cocoExporter, sa1bExporter } from "@maskport/exporter-coco";
import { cvatExporter, maskExporter } from "@maskport/exporter-cvat";
import { monaiExporter, nnunetExporter, semanticExporter } from "@maskport/exporter-semantic";
import { yoloExporter } from "@maskport/exporter-yolo";
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
