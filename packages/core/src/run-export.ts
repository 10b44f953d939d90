import { isMaskportError, MaskportError } from "./errors.ts";
import type { Diagnostic, Exporter, FragmentBase, FragmentRecord, OutputFile, Spool, Transform } from "./plugin.ts";
import type { Dataset } from "./plugin.ts";
import type { Labelmap, Sample } from "./types.ts";
import { memorySpool } from "./spool.ts";

/** A transform with its resolved options. */
export interface TransformStep {
  readonly transform: Transform<any>;
  readonly options: object;
}

/** Settings of an in-process export run. */
export interface RunExportSettings {
  readonly transforms?: readonly TransformStep[];
  readonly signal?: AbortSignal;
  /** Receives every diagnostic, tagged with the plugin that reported it. */
  readonly onDiagnostic?: (diagnostic: Diagnostic) => void;
  /** Makes the spools `write` keeps per-sample records in (default {@link memorySpool}; `fileSpools` in `@maskport/core/node` spills to disk). */
  readonly spool?: () => Spool;
}

/**
 * Runs one exporter over a dataset in this thread: load → transforms → encodeSample → write.
 * This is the reference pipeline (tests, the conformance suite, library users); the CLI
 * runs the same stages with worker threads. `options` must already be resolved.
 */
export function runExport<Options extends object, Fragment extends FragmentBase>(
  dataset: Dataset,
  exporter: Exporter<Options, Fragment>,
  options: Readonly<Options>,
  settings: RunExportSettings = {},
): AsyncIterable<OutputFile> {
  const transforms = settings.transforms ?? [];
  const report = settings.onDiagnostic ?? (() => {});
  const labelmap = transformLabelmap(dataset.labelmap, transforms);
  const signal = settings.signal ?? new AbortController().signal;

  async function* fragments(): AsyncIterable<FragmentRecord<Fragment>> {
    for await (const ref of dataset.refs()) {
      signal.throwIfAborted();
      const loaded = await dataset.load(ref);
      const sample = applyTransforms(loaded, dataset.labelmap, transforms, report);
      const fragment = await callPlugin(exporter.name, () =>
        exporter.encodeSample(sample, options, {
          labelmap,
          report: (d) => report({ ...d, sampleId: sample.id, plugin: exporter.name }),
        }),
      );
      const { instances: _pixels, ...info } = sample;
      yield { sample: info, fragment };
    }
  }

  const files = exporter.write({ labelmap, subsets: dataset.subsets, fragments: fragments() }, options, {
    labelmap,
    signal,
    report: (d) => report({ ...d, plugin: exporter.name }),
    spool: settings.spool ?? memorySpool,
  });
  return wrapIterable(exporter.name, files);
}

/** Applies transforms in order to one sample, reporting their diagnostics. */
export function applyTransforms(
  sample: Sample,
  inputLabelmap: Labelmap,
  transforms: readonly TransformStep[],
  report: (diagnostic: Diagnostic) => void,
): Sample {
  let current = sample;
  let labelmap = inputLabelmap;
  for (const { transform, options } of transforms) {
    const before = labelmap;
    current = wrapSync(transform.name, () =>
      transform.apply(current, options, {
        labelmap: before,
        report: (d) => report({ ...d, sampleId: current.id, plugin: transform.name }),
      }),
    );
    labelmap = transform.labelmap ? transform.labelmap(labelmap, options) : labelmap;
  }
  return current;
}

/** The labelmap after a chain of transforms. */
export function transformLabelmap(labelmap: Labelmap, transforms: readonly TransformStep[]): Labelmap {
  return transforms.reduce((current, { transform, options }) => (transform.labelmap ? transform.labelmap(current, options) : current), labelmap);
}

/** Iterates a dataset's samples one at a time (refs + load). */
export async function* readSamples(dataset: Dataset): AsyncIterable<Sample> {
  for await (const ref of dataset.refs()) yield await dataset.load(ref);
}

/**
 * Wraps anything a plugin throws that is not already a MaskportError into `PLUGIN_FAILED`,
 * naming the plugin and keeping the original as `cause`.
 */
export async function callPlugin<T>(plugin: string, call: () => T | Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw wrapPluginError(plugin, error);
  }
}

/** The error {@link callPlugin} throws for a plugin failure. */
export function wrapPluginError(plugin: string, error: unknown): MaskportError {
  if (isMaskportError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new MaskportError("PLUGIN_FAILED", `plugin failed: ${message}`, {
    plugin,
    cause: error,
    hint: "This is a bug in the plugin; the original error is attached as cause.",
  });
}

/** Reads every file of an export into memory (tests and small outputs). */
export async function collectFiles(files: AsyncIterable<OutputFile>): Promise<Map<string, Uint8Array | { copyFrom: string }>> {
  const result = new Map<string, Uint8Array | { copyFrom: string }>();
  for await (const file of files) {
    if ("copyFrom" in file) {
      result.set(file.path, { copyFrom: file.copyFrom });
      continue;
    }
    result.set(file.path, await contentsToBytes(file.contents));
  }
  return result;
}

/** Concatenates an output file's contents into bytes. */
export async function contentsToBytes(contents: string | Uint8Array | AsyncIterable<string | Uint8Array>): Promise<Uint8Array> {
  const encoder = new TextEncoder();
  if (typeof contents === "string") return encoder.encode(contents);
  if (contents instanceof Uint8Array) return contents;
  const parts: Uint8Array[] = [];
  let length = 0;
  for await (const part of contents) {
    const bytes = typeof part === "string" ? encoder.encode(part) : part;
    parts.push(bytes);
    length += bytes.length;
  }
  const out = new Uint8Array(length);
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

// --- internal ---

function wrapSync<T>(plugin: string, call: () => T): T {
  try {
    return call();
  } catch (error) {
    throw wrapPluginError(plugin, error);
  }
}

async function* wrapIterable<T>(plugin: string, iterable: AsyncIterable<T>): AsyncIterable<T> {
  const iterator = iterable[Symbol.asyncIterator]();
  while (true) {
    let step: IteratorResult<T>;
    try {
      step = await iterator.next();
    } catch (error) {
      throw wrapPluginError(plugin, error);
    }
    if (step.done) return;
    yield step.value;
  }
}
