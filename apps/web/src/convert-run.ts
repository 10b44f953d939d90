import { makeZip } from "client-zip";
import {
  blobFileSource,
  callPlugin,
  convertTargets,
  describeDiagnostic,
  FragmentQueue,
  MaskportError,
  paths,
  resolveOptions,
  transformLabelmap,
  type ConvertTargetsResult,
  type Dataset,
  type Diagnostic,
  type ExportStep,
  type FileSource,
  type Importer,
  type PipelineStage,
} from "@maskport/core";
import { blobSpool } from "./blob-spool.ts";
import { exporterOf, IMPORTERS } from "./exporters.ts";
import type { FormatSummary } from "./summary-lines.ts";
import type { PickedFile } from "./worker-protocol.ts";
import { targetFolders } from "./zip-entries.ts";
import { zipTarget, type TargetFiles, type ZipEntry } from "./zip-target.ts";

/** What to convert: the picked folders and the formats. */
export interface ConvertInput {
  readonly folder: readonly PickedFile[];
  readonly images?: readonly PickedFile[] | undefined;
  readonly formats: readonly string[];
}

/** Progress and diagnostics, as they happen. */
export interface ConvertEvents {
  onStart?(total: number | undefined): void;
  onSample?(done: number): void;
  onDiagnostic?(diagnostic: Diagnostic): void;
}

/** A finished run: its numbers, what the zip went to, and what a preview needs. */
export interface Converted<T> {
  readonly samples: number;
  readonly summary: readonly FormatSummary[];
  readonly warnings: number;
  readonly notes: number;
  readonly written: T;
  readonly stage: PipelineStage;
  readonly files: FileSource;
}

/** Finished files waiting for the zip at most (small ones as bytes, large ones as Blobs the browser may keep off the JS heap). */
const ZIP_QUEUE = 16;
/** Samples in flight at most: reads of the picked files (async, through the browser) overlap decoding. */
const WINDOW = 8;

/**
 * `maskport convert <folder> [--images <imgs>] --to f1 --to f2 …` in the browser: reads the picked
 * files with the first importer that recognises them (in the CLI's order), runs every exporter through core's `convertTargets`, and
 * streams the files into one zip that `write` consumes (a Blob, or a file on disk). The zip only
 * completes when the run succeeded: on any error (error diagnostics included, as in the CLI) its
 * stream fails, so no partial zip is ever offered.
 * @throws MaskportError the same named errors as the CLI
 */
export async function convertToZip<T>(input: ConvertInput, events: ConvertEvents, write: (zip: ReadableStream<Uint8Array>) => Promise<T>, signal?: AbortSignal): Promise<Converted<T>> {
  const { files, mounted, root, images } = mountPicked(input.folder, input.images);
  let warnings = 0;
  let notes = 0;
  let errors: Diagnostic | undefined;
  const report = (diagnostic: Diagnostic): void => {
    if (diagnostic.severity === "error") errors ??= diagnostic;
    else if (diagnostic.severity === "warning") warnings++;
    else notes++;
    events.onDiagnostic?.(diagnostic);
  };
  const targets = input.formats.map((format): ExportStep => {
    const exporter = exporterOf(format);
    if (exporter === undefined) throw new MaskportError("PLUGIN_NOT_FOUND", `no exporter named ${format} in this page`);
    return { exporter, options: resolveOptions(exporter.name, exporter.options, {}) };
  });
  if (targets.length === 0) throw new MaskportError("INVALID_OPTION", "no format chosen", { hint: "Tick at least one format." });

  const { importer, dataset } = await readPicked(files, root, images, report);
  const stage: PipelineStage = { dataset, importer: importer.name, transforms: [], exports: targets, labelmap: transformLabelmap(dataset.labelmap, []), files };
  events.onStart?.(dataset.size);

  const controller = new AbortController();
  if (signal !== undefined) signal.addEventListener("abort", () => controller.abort(signal.reason), { once: true });
  const queue = new FragmentQueue<ZipEntry>(ZIP_QUEUE);
  // The zip is read while the formats are written; if writing it fails (disk full…), the run stops.
  const writing = write(makeZip(queue)).catch((error: unknown) => {
    controller.abort(error);
    throw error;
  });
  writing.catch(() => {}); // awaited below; meanwhile not an unhandled rejection
  const folders = targetFolders(input.formats);
  const names = new Set<string>();
  // Copied raw images go into the zip as the picked Blobs, not read into the worker.
  const blobs = new Map(mounted.map((file) => [files.resolve(file.path), file.blob]));
  const open = async (path: string): Promise<Blob> => blobs.get(files.resolve(path)) ?? new Blob([(await files.read(path)) as Uint8Array<ArrayBuffer>]);
  let outcome: ConvertTargetsResult<TargetFiles>;
  try {
    outcome = await convertTargets({
      stage,
      window: WINDOW,
      spool: () => blobSpool(),
      signal: controller.signal,
      report,
      onSample: (_sample, done) => events.onSample?.(done),
      sink: (index, output) => zipTarget(output, { plugin: targets[index]!.exporter.name, folder: folders[index]!, queue, names, open }),
    });
    if (errors !== undefined)
      throw new MaskportError("STRICT_FAILED", `the conversion reported errors; first: ${describeDiagnostic(errors)}`, { hint: "Fix the input (see the diagnostics above); no zip was made." });
    queue.close();
  } catch (error) {
    queue.fail(error);
    await writing.catch(() => {});
    throw error;
  }
  const written = await writing;
  const summary = targets.map((target, index): FormatSummary => {
    const fidelity = outcome.fidelity[index]!;
    const sizes = outcome.written[index]!;
    return { format: target.exporter.name, instances: fidelity.instances, exact: fidelity.exact, lossy: fidelity.lossy, worstIou: fidelity.worstIou, files: sizes.files, bytes: sizes.bytes };
  });
  return { samples: outcome.samples, summary, warnings, notes, written, stage, files };
}

/** The first `limit` refs of a dataset, in input order (listed again: refs are cheap, but a million of them are not kept). */
export async function sampleRefs(dataset: Dataset, limit: number): Promise<unknown[]> {
  const refs: unknown[] = [];
  if (limit <= 0) return refs;
  for await (const ref of dataset.refs()) {
    refs.push(ref);
    if (refs.length >= limit) break;
  }
  return refs;
}

// --- internal ---

/**
 * The picked folders as one FileSource: the dataset folder at `/<its name>`, the images folder at
 * `/<its name>` too (messages then name files as the user picked them); should both folders have
 * the same name, the images go under `/<name> (images)`.
 */
function mountPicked(folder: readonly PickedFile[], images: readonly PickedFile[] | undefined): { files: FileSource; mounted: readonly PickedFile[]; root: string; images: string | undefined } {
  const root = topFolder(folder);
  if (root === undefined) throw new MaskportError("INPUT_NOT_FOUND", "the picked folder is empty", { hint: "Pick the folder that holds labelmap.txt and the mask folders." });
  let imagesRoot = images === undefined ? undefined : topFolder(images);
  let imageFiles = images ?? [];
  if (imagesRoot !== undefined && imagesRoot === root) {
    const moved = `${root} (images)`;
    imageFiles = imageFiles.map((file) => ({ path: moved + absolute(file.path).slice(root.length), blob: file.blob }));
    imagesRoot = moved;
  }
  const mounted = [...folder, ...imageFiles];
  return { files: blobFileSource(mounted), mounted, root, images: imagesRoot };
}

/** `/name` of the top folder of picked files (all share it), or undefined when there are none. */
function topFolder(files: readonly PickedFile[]): string | undefined {
  const first = files[0];
  if (first === undefined) return undefined;
  const path = absolute(first.path);
  const end = path.indexOf("/", 1);
  return end === -1 ? path : path.slice(0, end);
}

/** The picked dataset, read by the first importer whose `detect` says yes, in the CLI's order. */
async function readPicked(files: FileSource, root: string, images: string | undefined, report: (diagnostic: Diagnostic) => void): Promise<{ importer: Importer<any>; dataset: Dataset }> {
  for (const importer of IMPORTERS) {
    let detected = false;
    try {
      detected = await importer.detect(root, files);
    } catch (error) {
      report({ severity: "warning", code: "PLUGIN_FAILED", plugin: importer.name, message: `detect() threw (${error instanceof Error ? error.message : String(error)}); treated as "not this format"` });
    }
    if (!detected) continue;
    const options = resolveOptions(importer.name, importer.options, {});
    const dataset = await callPlugin({ plugin: importer.name, stage: "read" }, () =>
      importer.read(root, options, { files, ...(images === undefined ? {} : { images }), report: (diagnostic) => report({ ...diagnostic, plugin: importer.name }) }),
    );
    return { importer, dataset };
  }
  throw new MaskportError("UNKNOWN_INPUT_FORMAT", "is not in any format an installed importer reads", {
    file: files.show(root),
    hint: `Importers tried: ${IMPORTERS.map((importer) => importer.name).join(", ")}. This page reads every maskport format but NIfTI volumes: mask folders (CVAT Segmentation mask 1.1, CLASS/OBJECT PNG folders with labelmap.txt), COCO, SA-1B, CVAT XML, YOLO, index masks, nnU-Net and MONAI datasets.`,
  });
}

/** A picked path absolute and normalised, as the file source keys it (`a//b/./c` → `/a/b/c`). */
function absolute(path: string): string {
  return paths.normalize(`/${path}`);
}
