import type { PluginSet } from "./discover-plugins.ts";
import type { Output } from "./report.ts";

/** What every command gets from `run-cli.ts`. */
export interface CommandContext {
  readonly cwd: string;
  readonly plugins: PluginSet;
  readonly output: Output;
  /** Whether stderr is a terminal (progress bar instead of plain lines). */
  readonly interactive: boolean;
  /** Aborted on Ctrl-C: long commands stop and clean up. */
  readonly signal: AbortSignal;
  /** Sets the process exit status; `run-cli.ts` is the only place that exits. */
  setExitCode(code: number): void;
}

/** The flags of every command that reads a dataset (convert, inspect, preview). */
export interface InputFlags {
  readonly from?: string;
  readonly images?: string;
  readonly json?: boolean;
  readonly maxPixels?: number;
}

/** The reason a run stopped on SIGINT/SIGTERM. */
export class InterruptedError extends Error {
  constructor(signal: string) {
    super(`interrupted (${signal})`);
    this.name = "InterruptedError";
  }
}
