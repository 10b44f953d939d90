import { mkdir, rename, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { Labelmap } from "@maskport/core";
import { reportJson, type FidelityReportBuilder } from "./fidelity-report.ts";
import { renderReportHtml } from "./report-html.ts";

/** `report.html` → `report.json`; any other name gets `.json` appended. */
export function jsonTwinPath(html: string): string {
  return /\.html?$/i.test(html) ? html.replace(/\.html?$/i, ".json") : `${html}.json`;
}

/**
 * Writes the HTML report and its JSON twin. Each file is written beside itself and renamed, so
 * a reader never sees half a report.
 * @param labelmap the labelmap the exporters saw
 */
export async function writeFidelityReport(file: string, builder: FidelityReportBuilder, input: string, from: string, labelmap: Labelmap): Promise<void> {
  const report = builder.build(input, from, labelmap);
  await atomicWrite(file, renderReportHtml(report));
  await atomicWrite(jsonTwinPath(file), reportJson(report));
}

// --- internal ---

async function atomicWrite(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, text);
  await rename(temporary, file);
}
