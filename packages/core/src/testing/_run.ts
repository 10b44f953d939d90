import type { Diagnostic, Exporter, FragmentBase, FragmentRecord, OutputFile } from "../plugin.ts";
import type { Dataset } from "../plugin.ts";
import { contentsToBytes, runExport } from "../run-export.ts";
import { callPlugin } from "../run-pipeline.ts";
import type { Sample } from "../types.ts";
import { memorySpool } from "../spool.ts";

/** A check failed: the plugin does not meet the contract. The message says how. */
export class ConformanceError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "ConformanceError";
  }
}

/** One output file as bytes (or the file it copies), in the order the exporter yielded it. */
export interface WrittenFile {
  readonly path: string;
  readonly bytes?: Uint8Array;
  readonly copyFrom?: string;
}

/** An exporter's files and diagnostics for one dataset. */
export interface ExportResult {
  readonly files: readonly WrittenFile[];
  readonly diagnostics: readonly Diagnostic[];
}

/** Runs the reference pipeline and reads every file; paths stay in yield order, duplicates kept. */
export async function exportToMemory<O extends object, F extends FragmentBase>(exporter: Exporter<O, F>, dataset: Dataset, options: O): Promise<ExportResult> {
  const diagnostics: Diagnostic[] = [];
  const files = await readFiles(runExport(dataset, exporter, options, { onDiagnostic: (d) => diagnostics.push(d) }));
  return { files, diagnostics };
}

/** The per-sample stage alone: every sample with its fragment and the diagnostics it raised. */
export interface EncodedSample<F extends FragmentBase = FragmentBase> {
  readonly sample: Sample;
  readonly fragment: F;
  readonly diagnostics: readonly Diagnostic[];
}

/** Runs `encodeSample` on every sample of `dataset`, in order, as the CLI's workers would. */
export async function encodeDataset<O extends object, F extends FragmentBase>(exporter: Exporter<O, F>, dataset: Dataset, options: O): Promise<EncodedSample<F>[]> {
  const result: EncodedSample<F>[] = [];
  for await (const ref of dataset.refs()) {
    const sample = await dataset.load(ref);
    const diagnostics: Diagnostic[] = [];
    const fragment = (await callPlugin({ plugin: exporter.name, stage: "encodeSample", sampleId: sample.id }, () =>
      exporter.encodeSample(sample, options, {
        labelmap: dataset.labelmap,
        report: (d) => diagnostics.push({ ...d, sampleId: sample.id, plugin: exporter.name }),
      }),
    ));
    result.push({ sample, fragment, diagnostics });
  }
  return result;
}

/** Runs `write` alone over already-encoded fragments. */
export async function writeToMemory<O extends object, F extends FragmentBase>(
  exporter: Exporter<O, F>,
  dataset: Dataset,
  records: readonly FragmentRecord<F>[],
  options: O,
): Promise<WrittenFile[]> {
  async function* fragments(): AsyncIterable<FragmentRecord<F>> {
    yield* records;
  }
  const files = exporter.write({ labelmap: dataset.labelmap, subsets: dataset.subsets, fragments: fragments() }, options, {
    labelmap: dataset.labelmap,
    signal: new AbortController().signal,
    report: () => {},
    spool: memorySpool,
  });
  return readFiles(files);
}

/** Describes the first difference between two exports, or undefined when they are byte-identical. */
export function firstDifference(a: readonly WrittenFile[], b: readonly WrittenFile[]): string | undefined {
  const pathsA = a.map((f) => f.path).join(", ");
  const pathsB = b.map((f) => f.path).join(", ");
  if (pathsA !== pathsB) return `the files differ: [${pathsA}] vs [${pathsB}]`;
  for (let i = 0; i < a.length; i++) {
    const left = a[i] as WrittenFile;
    const right = b[i] as WrittenFile;
    if (left.copyFrom !== right.copyFrom) return `${left.path} copies ${left.copyFrom ?? "nothing"} vs ${right.copyFrom ?? "nothing"}`;
    const bytesA = left.bytes ?? new Uint8Array(0);
    const bytesB = right.bytes ?? new Uint8Array(0);
    const length = Math.min(bytesA.length, bytesB.length);
    let at = 0;
    while (at < length && bytesA[at] === bytesB[at]) at++;
    if (at < length || bytesA.length !== bytesB.length) {
      return `${left.path} differs at byte ${at} (${bytesA.length} vs ${bytesB.length} bytes): ${JSON.stringify(excerpt(bytesA, at))} vs ${JSON.stringify(excerpt(bytesB, at))}`;
    }
  }
  return undefined;
}

// --- internal ---

async function readFiles(files: AsyncIterable<OutputFile>): Promise<WrittenFile[]> {
  const result: WrittenFile[] = [];
  for await (const file of files) {
    if ("copyFrom" in file) result.push({ path: file.path, copyFrom: file.copyFrom });
    else result.push({ path: file.path, bytes: await contentsToBytes(file.contents) });
  }
  return result;
}

function excerpt(bytes: Uint8Array, at: number): string {
  return new TextDecoder().decode(bytes.subarray(Math.max(0, at - 20), at + 20));
}
