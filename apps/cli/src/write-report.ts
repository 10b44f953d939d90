import { mkdir, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { callPlugin, transformLabelmap, type Dataset } from "@maskport/core";
import type { FidelityReportBuilder } from "./fidelity-report.ts";
import { reportJson } from "./fidelity-report.ts";
import type { PreviewFormat } from "./render-sample.ts";
import { renderReportHtml } from "./report-html.ts";
import type { ConversionPlan } from "./run-conversion.ts";
import { addThumbnails } from "./report-thumbnails.ts";

/** What `--report` needs besides the collected figures: how to re-open the input for thumbnails. */
export type ReportSource = Pick<ConversionPlan, "input" | "importer" | "importerOptions" | "images" | "transforms"> & {
  /** The conversion's targets, in order. */
  readonly targets: readonly PreviewFormat[];
  readonly signal: AbortSignal;
};

/** `report.html` → `report.json`; any other name gets `.json` appended. */
export function jsonTwinPath(html: string): string {
  return /\.html?$/i.test(html) ? html.replace(/\.html?$/i, ".json") : `${html}.json`;
}

/**
 * Writes the HTML report and its JSON twin. Thumbnails show the target with the most lossy
 * instances (the first when none is lossy), decoded back. Each file is written beside itself
 * and renamed, so a reader never sees half a report.
 * @returns the paths written
 */
export async function writeFidelityReport(file: string, builder: FidelityReportBuilder, source: ReportSource): Promise<{ html: string; json: string }> {
  const dataset: Dataset = await callPlugin(source.importer.name, () =>
    source.importer.read(source.input, source.importerOptions, { ...(source.images === undefined ? {} : { images: source.images }), report: () => {} }),
  );
  const labelmap = transformLabelmap(dataset.labelmap, source.transforms);
  const report = builder.build(source.input, source.importer.name, labelmap);
  let shown = 0;
  report.summary.formats.forEach((format, index) => {
    if (format.lossy > report.summary.formats[shown]!.lossy) shown = index;
  });
  await addThumbnails(report.images, { dataset, importer: source.importer.name, transforms: source.transforms, labelmap, format: source.targets[shown], signal: source.signal });
  const json = jsonTwinPath(file);
  await atomicWrite(file, renderReportHtml(report));
  await atomicWrite(json, reportJson(report));
  return { html: file, json };
}

// --- internal ---

async function atomicWrite(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, text);
  await rename(temporary, file);
}
