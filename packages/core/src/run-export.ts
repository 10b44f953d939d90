import type { Dataset, Diagnostic, Exporter, FragmentBase, FragmentRecord, OutputFile, Spool } from "./plugin.ts";
import { encodeSampleRef, runPipeline, sampleInfo, stampPluginError, transformLabelmap, type PipelineStage, type TransformStep } from "./run-pipeline.ts";
import type { Sample } from "./types.ts";
import { memorySpool } from "./spool.ts";

/** Settings of an in-process export run. */
export interface RunExportSettings {
  readonly transforms?: readonly TransformStep[];
  readonly signal?: AbortSignal;
  /** Receives every diagnostic, tagged with the plugin that reported it. */
  readonly onDiagnostic?: (diagnostic: Diagnostic) => void;
  /** Makes the spools `write` keeps per-sample records in (default {@link memorySpool}; `fileSpools` in `@maskport/core/node` spills to disk). */
  readonly spool?: () => Spool;
  /** Name of the importer that made the dataset, for stamping its errors (default "importer"). */
  readonly importer?: string;
}

/**
 * Runs one exporter over a dataset in this thread: load → transforms → encodeSample → write.
 * The CLI runs the same pipeline (`runPipeline`), with worker threads for `--jobs`.
 * `options` must already be resolved.
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

  const stage: PipelineStage = { dataset, importer: settings.importer ?? "importer", transforms, exports: [{ exporter, options }], labelmap };

  async function* fragments(): AsyncIterable<FragmentRecord<Fragment>> {
    for await (const encoded of runPipeline({ dataset, importer: stage.importer, window: 1, signal, encode: (ref) => encodeSampleRef(stage, ref) })) {
      for (const diagnostic of encoded.diagnostics) report(diagnostic);
      yield { sample: sampleInfo(encoded.sample), fragment: encoded.fragments[0] as Fragment };
    }
  }

  const files = exporter.write({ labelmap, subsets: dataset.subsets, fragments: fragments() }, options, {
    labelmap,
    signal,
    report: (d) => report({ ...d, plugin: exporter.name }),
    spool: settings.spool ?? memorySpool,
  });
  return stampWriteErrors(exporter.name, files);
}

/** Iterates a dataset's samples one at a time (refs + load). */
export async function* readSamples(dataset: Dataset): AsyncIterable<Sample> {
  for await (const ref of dataset.refs()) yield await dataset.load(ref);
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

/**
 * `iterable` (an exporter's files, or a file's chunks) with what it throws stamped as `plugin`'s
 * `write` error ({@link stampPluginError}); a throw in the consumer's loop is left as it is.
 */
export async function* stampWriteErrors<T>(plugin: string, iterable: AsyncIterable<T>): AsyncIterable<T> {
  const iterator = iterable[Symbol.asyncIterator]();
  while (true) {
    let step: IteratorResult<T>;
    try {
      step = await iterator.next();
    } catch (error) {
      throw stampPluginError(error, { plugin, stage: "write" });
    }
    if (step.done) return;
    yield step.value;
  }
}
