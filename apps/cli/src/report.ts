import type { Diagnostic, MaskportError } from "@maskport/core";
import type { ConversionResult } from "./run-conversion.ts";

/** Where commands print: stdout for results, stderr for progress, diagnostics and errors. */
export interface Output {
  out(text: string): void;
  err(text: string): void;
  /** Raw stderr text without a newline (progress redraws). */
  progress(text: string): void;
}

/** How many diagnostics of one code the text report prints before summarising. */
const PER_CODE = 20;

/** Formats one diagnostic as a text line: `warning [coco] scans/Y1 #3: message (CODE)`. */
export function formatDiagnostic(diagnostic: Diagnostic): string {
  const where = [
    diagnostic.plugin === undefined ? undefined : `[${diagnostic.plugin}]`,
    diagnostic.file,
    diagnostic.sampleId === undefined ? undefined : `${diagnostic.sampleId}${diagnostic.instanceId === undefined ? "" : ` #${diagnostic.instanceId}`}`,
  ].filter((part) => part !== undefined);
  return `${diagnostic.severity} ${where.length > 0 ? `${where.join(" ")}: ` : ""}${diagnostic.message} (${diagnostic.code})`;
}

/** Prints diagnostics as text, at most {@link PER_CODE} per code unless `all`. */
export function printDiagnostics(output: Output, diagnostics: readonly Diagnostic[], all = false): void {
  if (diagnostics.length === 0) return;
  const shown = new Map<string, number>();
  for (const diagnostic of diagnostics) {
    const count = (shown.get(diagnostic.code) ?? 0) + 1;
    shown.set(diagnostic.code, count);
    if (all || count <= PER_CODE) output.err(formatDiagnostic(diagnostic));
  }
  for (const [code, count] of shown) {
    if (!all && count > PER_CODE) output.err(`… and ${count - PER_CODE} more ${code} (use --json for every one)`);
  }
}

/** The text summary of a finished conversion. */
export function formatConversion(result: ConversionResult, from: string): string {
  const counts = [plural(result.warnings, "warning"), plural(result.notes, "note")].filter((part) => part !== "");
  const lines = [
    `converted ${plural(result.samples, "sample")} from ${from} in ${result.seconds.toFixed(1)}s${counts.length > 0 ? ` (${counts.join(", ")})` : ""}`,
  ];
  for (const target of result.targets) {
    const encodings = Object.entries(target.encodings)
      .map(([name, count]) => `${count} ${name}`)
      .join(", ");
    const fidelity =
      target.instances === 0
        ? "no instances"
        : `${target.instances} instance${target.instances === 1 ? "" : "s"}${encodings === "" ? "" : ` (${encodings})`}: ${target.exact} exact, ${target.lossy} lossy, worst IoU ${formatIou(target.worstIou)}`;
    lines.push(`  ${target.format.padEnd(6)} → ${target.folder}  ${target.files} file${target.files === 1 ? "" : "s"}; ${fidelity}`);
  }
  return lines.join("\n");
}

/** Prints an error: message, then hint. */
export function formatError(error: MaskportError): string {
  return `error ${error.code}: ${error.message}${error.hint === undefined ? "" : `\nhint: ${error.hint}`}`;
}

// --- internal ---

/** `3 warnings`, `1 note`, or "" for zero. */
function plural(count: number, noun: string): string {
  return count === 0 ? "" : `${count} ${noun}${count === 1 ? "" : "s"}`;
}

function formatIou(iou: number): string {
  return iou === 1 ? "1" : iou.toFixed(4);
}
