import { deserializeError, isMaskportError, serializeError, type SerializedError } from "@maskport/core";
import type { RunSample } from "./sample-stage.ts";
import type { StageStats } from "./stage-stats.ts";

/** How a worker thread finds one plugin again: module URL, export name, kind and name. Plain data. */
export interface PluginAddress {
  readonly url: string;
  /** `default`, a named export, or `<export>.<index>` for a plugin inside an exported array. */
  readonly exportName: string;
  readonly kind: "importer" | "transform" | "exporter";
  readonly name: string;
}

/** A plugin to load in a worker, with its resolved options. */
export interface PluginStep {
  readonly plugin: PluginAddress;
  readonly options: object;
}

/** What every encode worker re-opens the run from (the pool's `workerData`). */
export interface WorkerSetup {
  readonly input: string;
  readonly images?: string;
  readonly importer: PluginStep;
  readonly transforms: readonly PluginStep[];
  readonly targets: readonly PluginStep[];
  /** The main thread's pixel limit (`--max-pixels`), set after the process started. */
  readonly maxPixels: number;
}

/** One sample for a worker: its ref, and whether to draw its report thumbnail. */
export interface WorkerItem {
  readonly ref: unknown;
  readonly thumbnail: boolean;
}

/** What one pool task carries: a few samples, encoded in order. */
export interface WorkerTask {
  readonly items: readonly WorkerItem[];
}

/** A sample encoded, or the error that stopped its task (the items after it were not encoded). */
export type WorkerResult = { readonly ok: true; readonly encoded: RunSample } | { readonly ok: false; readonly error: WireError };

/** A worker's answer to a task: one result per item up to the first error, and its thread's stage counters when timed. */
export interface WorkerAnswer {
  readonly results: readonly WorkerResult[];
  readonly thread: number;
  readonly stats?: StageStats;
}

/** An error crossing threads: a MaskportError keeps its code, message, file…; anything else its message and stack. */
export type WireError = { readonly maskport: SerializedError } | { readonly message: string; readonly stack?: string };

/** Error → plain data. */
export function toWire(error: unknown): WireError {
  if (isMaskportError(error)) return { maskport: serializeError(error) };
  if (error instanceof Error) return { message: error.message, ...(error.stack === undefined ? {} : { stack: error.stack }) };
  return { message: String(error) };
}

/** Plain data → the error to throw in this thread. */
export function fromWire(wire: WireError): Error {
  if ("maskport" in wire) return deserializeError(wire.maskport);
  const error = new Error(wire.message);
  if (wire.stack !== undefined) error.stack = wire.stack;
  return error;
}
