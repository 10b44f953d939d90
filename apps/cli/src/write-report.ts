import { mkdir, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { Labelmap } from "@maskport/core";
import type { FidelityReportBuilder } from "./fidelity-report.ts";
import { reportJson } from "./fidelity-report.ts";
import { renderReportHtml } from "./report-html.ts";

/** `report.html` → `report.json`; any other name gets `.json` appended. */
export function jsonTwinPath(html: string): string {
  return /\.html?$/i.test(html) ? html.replace(/\.html?$/i, ".json") : `${html}.json`;
}

/**
 * Writes the HTML report and its JSON twin. Each file is written beside itself and renamed, so
 * a reader never sees half a report.
 * @param labelmap the labelmap the exporters saw
 * @returns the paths written
 */
export async function writeFidelityReport(file: string, builder: FidelityReportBuilder, input: string, from: string, labelmap: Labelmap): Promise<{ html: string; json: string }> {
  const report = builder.build(input, from, labelmap);
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
