/**
 * The task function of the encode pool's threads (encode-pool.ts). Each thread imports the
 * importer, transforms and exporters itself by module URL + export name and re-opens the
 * dataset once; then per task it runs load → transforms → every `encodeSample` for each of the
 * task's samples and returns the plain-data results.
 */
import { Tinypool } from "tinypool";
import { threadId } from "node:worker_threads";
import { transformLabelmap, type Diagnostic, type Exporter, type Importer, type PipelineStage, type Plugin, type Transform } from "@maskport/core";
import { MAX_PIXELS_ENV, stageTimes } from "@maskport/core/node";
import { readDataset } from "./read-dataset.ts";
import { encodeForRun } from "./sample-stage.ts";
import { threadStageStats } from "./stage-stats.ts";
import { toWire, type PluginAddress, type WorkerAnswer, type WorkerResult, type WorkerSetup, type WorkerTask } from "./worker-protocol.ts";

/** Diagnostics the importer reports while the current sample loads (one sample at a time per thread). */
let loading: Diagnostic[] = [];
let opened: Promise<PipelineStage> | undefined;

/** Encodes a task's samples for every target, in order, up to the first error; errors come back as data so a MaskportError keeps its fields. */
export default async function encode(task: WorkerTask): Promise<WorkerAnswer> {
  const results: WorkerResult[] = [];
  try {
    opened ??= openStage(Tinypool.workerData as WorkerSetup);
    const stage = await opened;
    for (const item of task.items) {
      // What the importer reported before (opening the dataset: the main thread reported that) is not this sample's.
      loading = [];
      const encoded = await encodeForRun(stage, item.ref, item.thumbnail);
      results.push({ ok: true, encoded: loading.length === 0 ? encoded : { ...encoded, diagnostics: [...loading, ...encoded.diagnostics] } });
    }
  } catch (error) {
    results.push({ ok: false, error: toWire(error) });
  }
  return { results, thread: threadId, ...(stageTimes.enabled ? { stats: threadStageStats() } : {}) };
}

// --- internal ---

async function openStage(setup: WorkerSetup): Promise<PipelineStage> {
  process.env[MAX_PIXELS_ENV] = String(setup.maxPixels);
  const importer = (await loadPlugin(setup.importer.plugin)) as Importer<any>;
  const transforms = await Promise.all(setup.transforms.map(async (step) => ({ transform: (await loadPlugin(step.plugin)) as Transform<any>, options: step.options })));
  const exports = await Promise.all(setup.targets.map(async (step) => ({ exporter: (await loadPlugin(step.plugin)) as Exporter<any, any>, options: step.options })));
  // Refs come from the main thread's listing ("load"): the importer need not list again.
  // Dataset-level diagnostics were already reported by the main thread's own read.
  const dataset = await readDataset(importer, setup.input, setup.importer.options, setup.images, (diagnostic) => void loading.push(diagnostic), "load");
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
