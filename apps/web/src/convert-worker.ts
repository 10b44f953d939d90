// The page's Web Worker: converts, zips and draws previews off the main thread.
import { resolveOptions, type Diagnostic } from "@maskport/core";
import { convertToZip, sampleRefs, type Converted } from "./convert-run.ts";
import { collectFile } from "./collect-file.ts";
import { errorData } from "./error-data.ts";
import { exporterOf } from "./exporters.ts";
import { renderPreview } from "./render-preview.ts";
import type { DiagnosticData, WorkerEvent, WorkerRequest, ZipDestination } from "./worker-protocol.ts";

/** The worker's global scope, as far as this file uses it (the DOM lib types `self` as a Window). */
const scope = self as unknown as {
  postMessage(message: WorkerEvent, transfer?: Transferable[]): void;
  addEventListener(type: "message", listener: (event: MessageEvent<WorkerRequest>) => void): void;
};

/** Progress messages at most this often (ms): a million samples must not flood the page. */
const PROGRESS_EVERY = 50;

/** Samples offered for previews at most (the first ones, in input order). */
const PREVIEW_SAMPLES = 1000;

/** The last successful run, for previews. */
let last: { converted: Converted<unknown>; refs: unknown[] } | undefined;

scope.addEventListener("message", (event) => {
  const request = event.data;
  if (request.type === "convert") void convert(request);
  else void preview(request.sample, request.format);
});

async function convert(request: Extract<WorkerRequest, { type: "convert" }>): Promise<void> {
  const started = performance.now();
  last = undefined;
  let total: number | undefined;
  let shown = 0;
  try {
    const converted = await convertToZip(
      { folder: request.folder, images: request.images, formats: request.formats },
      {
        onStart: (size) => {
          total = size;
          scope.postMessage({ type: "start", total });
        },
        onSample: (done) => {
          const now = performance.now();
          if (now - shown < PROGRESS_EVERY && done !== total) return;
          shown = now;
          scope.postMessage({ type: "progress", done, total });
        },
        onDiagnostic: (diagnostic) => scope.postMessage({ type: "diagnostic", diagnostic: diagnosticData(diagnostic) }),
      },
      (zip) => writeZip(zip, request.destination),
    );
    const refs = await sampleRefs(converted.stage.dataset, PREVIEW_SAMPLES);
    last = { converted, refs };
    scope.postMessage({ type: "progress", done: converted.samples, total: total ?? converted.samples });
    scope.postMessage({
      type: "done",
      samples: converted.samples,
      summary: converted.summary,
      ...(converted.written instanceof Blob ? { zip: converted.written } : {}),
      sampleIds: refs.map((ref, index) => idOf(ref) ?? `#${index + 1}`),
      warnings: converted.warnings,
      notes: converted.notes,
      seconds: (performance.now() - started) / 1000,
    });
  } catch (error) {
    scope.postMessage({ type: "error", error: errorData(error) });
  }
}

/** The zip stream into a Blob, or through the File System Access API into the picked file (discarded on failure). */
async function writeZip(zip: ReadableStream<Uint8Array>, destination: ZipDestination): Promise<Blob | undefined> {
  if (destination.kind === "blob") {
    // Folded into a Blob every few MB as it comes (collectFile): the browser keeps the zip, not
    // this worker's heap (`new Response(zip).blob()` held all of it here until the end).
    const collected = await collectFile(chunksOf(zip));
    return collected instanceof Blob ? collected : new Blob([collected]);
  }
  const writable = await destination.handle.createWritable();
  // pipeTo aborts the writable when the zip fails: the file keeps its old (empty) contents.
  await zip.pipeTo(writable);
  return undefined;
}

async function preview(index: number, format: string | undefined): Promise<void> {
  try {
    if (last === undefined) throw new Error("convert first: previews draw the samples of the last run");
    const ref = last.refs[index];
    if (ref === undefined) throw new Error(`no sample #${index + 1}`);
    const exporter = format === undefined ? undefined : exporterOf(format);
    const step = exporter === undefined ? undefined : { exporter, options: resolveOptions(exporter.name, exporter.options, {}) };
    const drawn = await renderPreview(last.converted.stage, last.converted.files, ref, step);
    scope.postMessage({ type: "preview", ...drawn }, [drawn.pixels.buffer]);
  } catch (error) {
    scope.postMessage({ type: "preview-error", error: errorData(error) });
  }
}

function diagnosticData(diagnostic: Diagnostic): DiagnosticData {
  return {
    severity: diagnostic.severity,
    code: diagnostic.code,
    message: diagnostic.message,
    ...(diagnostic.file === undefined ? {} : { file: diagnostic.file }),
    ...(diagnostic.sampleId === undefined ? {} : { sampleId: diagnostic.sampleId }),
    ...(diagnostic.plugin === undefined ? {} : { plugin: diagnostic.plugin }),
  };
}

/** A ref's sample id, when it carries one (refs are the importer's plain data). */
function idOf(ref: unknown): string | undefined {
  const id = typeof ref === "object" && ref !== null ? (ref as { id?: unknown }).id : undefined;
  return typeof id === "string" ? id : undefined;
}

/** A stream's chunks (not every browser iterates a ReadableStream itself). */
async function* chunksOf(stream: ReadableStream<Uint8Array>): AsyncIterable<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    reader.releaseLock();
  }
}
