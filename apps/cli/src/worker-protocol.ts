import { deserializeError, isMaskportError, serializeError, type SerializedError } from "@maskport/core";
import type { EncodedSample } from "./sample-stage.ts";
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

/** What every encode worker is set up with (its first message): enough to re-open the dataset. */
export interface WorkerSetup {
  readonly input: string;
  readonly images?: string;
  readonly importer: PluginStep;
  readonly transforms: readonly PluginStep[];
  readonly targets: readonly PluginStep[];
  /** The main thread's pixel limit (`--max-pixels`): a worker may have started before it was set. */
  readonly maxPixels: number;
}

/** Main thread → worker. */
export type ToWorker =
  | { readonly type: "setup"; readonly setup: WorkerSetup }
  | { readonly type: "encode"; readonly id: number; readonly ref: unknown }
  | { readonly type: "stats" };

/** Worker → main thread. */
export type FromWorker =
  | { readonly type: "ready" }
  | { readonly type: "failed"; readonly error: WireError }
  | { readonly type: "done"; readonly id: number; readonly result: EncodedSample }
  | { readonly type: "error"; readonly id: number; readonly error: WireError }
  | { readonly type: "stats"; readonly stats: StageStats };

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

/**
 * The ArrayBuffers of large typed arrays inside `value` (fragments hold PNG bytes, for
 * example) that can be moved instead of copied: only views spanning their whole buffer, so
 * nothing else the sender still uses lives in it. Plain objects and arrays are walked.
 */
export function transferables(value: unknown, found: ArrayBuffer[] = [], depth = 0): ArrayBuffer[] {
  if (typeof value !== "object" || value === null || depth > 8) return found;
  if (ArrayBuffer.isView(value)) {
    const buffer = value.buffer;
    // Small buffers are not worth it; Node's pooled small Buffers never span their pool.
    if (buffer instanceof ArrayBuffer && value.byteOffset === 0 && value.byteLength === buffer.byteLength && buffer.byteLength >= 4096 && !found.includes(buffer)) found.push(buffer);
    return found;
  }
  if (Array.isArray(value)) {
    // Arrays of strings/numbers (YOLO lines, polygon points) hold nothing to move.
    if (value.length > 0 && typeof value[0] !== "object") return found;
    for (const item of value) transferables(item, found, depth + 1);
    return found;
  }
  for (const key in value) transferables((value as Record<string, unknown>)[key], found, depth + 1);
  return found;
}
