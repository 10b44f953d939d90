/**
 * Entry of an encode worker thread (see {@link WorkerPool}). It loads its own code at once,
 * then waits for its setup (the thread may start before the conversion is planned:
 * early-worker.ts). From the setup it imports the importer, transforms and exporters itself
 * by module URL + export name and re-opens the dataset once with `importer.read`; then it runs
 * load → transforms → every `encodeSample` for each ref it is sent, one at a time, and posts
 * the plain-data result back (large typed arrays moved).
 */
import { parentPort } from "node:worker_threads";
import { callPlugin, transformLabelmap, type Dataset, type Diagnostic, type Exporter, type Importer, type Plugin, type Transform } from "@maskport/core";
import { MAX_PIXELS_ENV } from "@maskport/core/node";
import { boundBufferGarbage, BUFFER_SLACK_MB } from "./buffer-garbage.ts";
import { boundOldGeneration, OLD_GENERATION_SLACK_MB } from "./main-heap.ts";
import { encodeOneSample, withLoadDiagnostics, type SampleStage } from "./sample-stage.ts";
import { threadStageStats } from "./stage-stats.ts";
import { toWire, transferables, type FromWorker, type PluginAddress, type ToWorker, type WorkerSetup } from "./worker-protocol.ts";

const port = parentPort;
if (port === null) throw new Error("encode-worker.ts runs only as a worker thread");
const post = (message: FromWorker, transfer: ArrayBuffer[] = []): void => port.postMessage(message, transfer);

/** Diagnostics the importer reports while the current sample loads (cleared per sample). */
let loading: Diagnostic[] | undefined;

let stage: SampleStage | undefined;
let setupError: unknown;
// Dead pixel Buffers are freed as they add up, not near V8's external-memory limit, and the old
// generation is collected once it has gathered a few MB of garbage (main-heap.ts).
const buffers = boundBufferGarbage(BUFFER_SLACK_MB);
const oldGeneration = boundOldGeneration(OLD_GENERATION_SLACK_MB);

// Samples run strictly one after another (after the setup, the first message): a worker has
// one core's worth of work, and the importer's diagnostics are attributed to the sample being loaded.
let chain: Promise<void> = Promise.resolve();
port.on("message", (message: ToWorker) => {
  if (message.type === "setup") chain = setUp(message.setup);
  else chain = chain.then(() => handle(message));
});

async function setUp(setup: WorkerSetup): Promise<void> {
  try {
    // This thread's environment is a copy taken when it started, maybe before --max-pixels was read.
    process.env[MAX_PIXELS_ENV] = String(setup.maxPixels);
    stage = await openStage(setup);
    post({ type: "ready" });
  } catch (error) {
    setupError = error;
    post({ type: "failed", error: toWire(error) });
  }
}

async function handle(message: Exclude<ToWorker, { type: "setup" }>): Promise<void> {
  if (message.type === "stats") return post({ type: "stats", stats: threadStageStats() });
  if (stage === undefined) return post({ type: "error", id: message.id, error: toWire(setupError) });
  loading = [];
  try {
    const encoded = await encodeOneSample(stage, message.ref);
    const result = withLoadDiagnostics(encoded, loading);
    post({ type: "done", id: message.id, result }, transferables(result.fragments));
  } catch (error) {
    post({ type: "error", id: message.id, error: toWire(error) });
  } finally {
    loading = undefined;
    buffers.check();
    oldGeneration.check();
  }
}

async function openStage(setup: WorkerSetup): Promise<SampleStage> {
  const importer = (await loadPlugin(setup.importer.plugin)) as Importer<any>;
  const transforms = await Promise.all(setup.transforms.map(async (step) => ({ transform: (await loadPlugin(step.plugin)) as Transform<any>, options: step.options })));
  const exports = await Promise.all(setup.targets.map(async (step) => ({ exporter: (await loadPlugin(step.plugin)) as Exporter<any, any>, options: step.options })));
  const dataset: Dataset = await callPlugin(importer.name, () =>
    importer.read(setup.input, setup.importer.options, {
      ...(setup.images === undefined ? {} : { images: setup.images }),
      // Refs come from the main thread's listing: the importer need not list again.
      purpose: "load",
      // Dataset-level diagnostics were already reported by the main thread's own read.
      report: (diagnostic) => void loading?.push({ ...diagnostic, plugin: importer.name }),
    }),
  );
  return { dataset, importer: importer.name, transforms, exports, labelmap: transformLabelmap(dataset.labelmap, transforms) };
}

/** Imports a plugin the way the main thread found it: the export, then the entry of that kind and name in an array. */
async function loadPlugin(address: PluginAddress): Promise<Plugin> {
  const namespace = (await import(address.url)) as Record<string, unknown>;
  const [name = "default", index] = address.exportName.split(".");
  let value: unknown = namespace[name];
  if (index !== undefined && Array.isArray(value)) value = value[Number(index)];
  const candidates: unknown[] = Array.isArray(value) ? value : [value];
  const plugin = candidates.find((item): item is Plugin => typeof item === "object" && item !== null && (item as Plugin).kind === address.kind && (item as Plugin).name === address.name);
  if (plugin === undefined) throw new Error(`${address.url} export ${address.exportName} has no ${address.kind} named ${address.name}`);
  return plugin;
}
