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

/**
 * A run's diagnostics as the text report needs them: the first {@link PER_CODE} of each code and
 * a count of the rest (every one when `all`, as `--json` prints them). A conversion that warns
 * on each of a million samples then holds twenty warnings, not a million.
 */
export class DiagnosticLog {
  readonly #all: boolean;
  readonly #kept: Diagnostic[] = [];
  readonly #counts = new Map<string, number>();
  #errors = false;

  constructor(all = false) {
    this.#all = all;
  }

  /** Records a diagnostic; an arrow, so commands pass it on as their `report` callback. */
  readonly add = (diagnostic: Diagnostic): void => {
    const count = (this.#counts.get(diagnostic.code) ?? 0) + 1;
    this.#counts.set(diagnostic.code, count);
    if (diagnostic.severity === "error") this.#errors = true;
    if (this.#all || count <= PER_CODE) this.#kept.push(diagnostic);
  };

  /** Whether any diagnostic was an error, kept or not. */
  get hasErrors(): boolean {
    return this.#errors;
  }

  /** The diagnostics kept, in the order they came. */
  get kept(): readonly Diagnostic[] {
    return this.#kept;
  }

  /** The kept ones as text lines, then one `… and N more CODE` line per code over the limit. */
  print(output: Output): void {
    for (const diagnostic of this.#kept) output.err(formatDiagnostic(diagnostic));
    for (const [code, count] of this.#counts) {
      if (!this.#all && count > PER_CODE) output.err(`… and ${count - PER_CODE} more ${code} (use --json for every one)`);
    }
  }
}

/** The text summary of a finished conversion. */
export function formatConversion(result: ConversionResult, from: string): string {
  const counts = [plural(result.warnings, "warning"), plural(result.notes, "note")].filter((part) => part !== "");
  const lines = [
    `converted ${plural(result.samples, "sample")} from ${from} in ${result.seconds.toFixed(1)}s${counts.length > 0 ? ` (${counts.join(", ")})` : ""}`,
  ];
  // Arrows line up under the longest format name of the run.
  const width = Math.max(6, ...result.targets.map((target) => target.format.length));
  for (const target of result.targets) {
    const encodings = Object.entries(target.encodings)
      .map(([name, count]) => `${count} ${name}`)
      .join(", ");
    const fidelity =
      target.instances === 0
        ? "no instances"
        : `${target.instances} instance${target.instances === 1 ? "" : "s"}${encodings === "" ? "" : ` (${encodings})`}: ${target.exact} exact, ${target.lossy} lossy, worst IoU ${formatIou(target.worstIou)}`;
    lines.push(`  ${target.format.padEnd(width)} → ${target.folder}  ${target.files} file${target.files === 1 ? "" : "s"}; ${fidelity}`);
  }
  return lines.join("\n");
}

/** An IoU as text: `1` when exact, else four decimals (0.9876). */
export function formatIou(iou: number): string {
  return iou === 1 ? "1" : iou.toFixed(4);
}

/** Prints an error: message, then hint. */
export function formatError(error: MaskportError): string {
  const where = error.plugin === undefined || error.stage === undefined ? "" : `\nin: ${error.plugin} ${error.stage}${error.sampleId === undefined ? "" : `, sample ${error.sampleId}`}`;
  return `error ${error.code}: ${error.message}${where}${error.hint === undefined ? "" : `\nhint: ${error.hint}`}`;
}

// --- internal ---

/** `3 warnings`, `1 note`, or "" for zero. */
function plural(count: number, noun: string): string {
  return count === 0 ? "" : `${count} ${noun}${count === 1 ? "" : "s"}`;
}
