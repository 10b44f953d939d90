import { availableParallelism } from "node:os";
import { Tinypool } from "tinypool";
import type { PipelineStage } from "@maskport/core";
import { maxPixels } from "@maskport/core/node";
import type { PluginSource } from "./load-plugin.ts";
import type { ConversionPlan } from "./run-conversion.ts";
import { encodeForRun, type RunSample } from "./sample-stage.ts";
import { addStageStats, threadStageStats, type StageStats } from "./stage-stats.ts";
import { fromWire, type PluginAddress, type WorkerResult, type WorkerSetup, type WorkerTask } from "./worker-protocol.ts";

/** Where the per-sample stage of a run happens: this thread, or a pool of worker threads. */
export interface SampleEncoder {
  encode(ref: unknown, thumbnail: boolean): Promise<RunSample>;
  /** Worker threads (0: this thread encodes). */
  readonly workers: number;
  /** Samples taken but not yet delivered at most: a few per thread. */
  readonly window: number;
  /** Stage counters of every thread that encoded (this one when in-process). */
  stats(): StageStats;
  /** Stops the workers; samples in flight reject. */
  close(): Promise<void>;
}

/** `--jobs` when not given: one thread per core, at most 8. */
export function defaultJobs(): number {
  return Math.min(8, availableParallelism());
}

/**
 * `jobs` worker threads (tinypool) for `jobs` > 1, else this thread; this thread too when
 * running from TypeScript sources (tests) or when a plugin's module is unknown (a worker could
 * not import it), with up to `jobs` samples in flight.
 */
export function createSampleEncoder(plan: ConversionPlan, stage: PipelineStage, jobs: number): SampleEncoder {
  const setup = jobs > 1 && import.meta.url.endsWith(".js") ? workerSetup(plan) : undefined;
  if (setup === undefined)
    return { encode: (ref, thumbnail) => encodeForRun(stage, ref, thumbnail), workers: 0, window: jobs, stats: threadStageStats, close: async () => {} };
  const pool = new Tinypool({
    filename: new URL("./encode-worker.js", import.meta.url).href,
    minThreads: jobs,
    maxThreads: jobs,
    workerData: setup,
    // Per-sample garbage is small objects (pixels live outside the heap): a small young generation keeps RSS down.
    resourceLimits: { maxYoungGenerationSizeMb: 4 },
  });
  const threads = new Map<number, StageStats>();
  return {
    workers: jobs,
    // One sample running and one waiting per thread, so no thread idles while results are merged.
    window: 2 * jobs,
    async encode(ref, thumbnail) {
      const result = (await pool.run({ ref, thumbnail } satisfies WorkerTask)) as WorkerResult;
      if (!result.ok) throw fromWire(result.error);
      if (result.stats !== undefined) threads.set(result.thread, result.stats);
      return result.encoded;
    },
    stats: () => [...threads.values()].reduce(addStageStats, { decode: 0, instances: 0, encode: 0 }),
    close: () => pool.destroy(),
  };
}

/** The plain data a worker re-opens the plan's stage from, if every plugin has a source. */
export function workerSetup(plan: ConversionPlan): WorkerSetup | undefined {
  const sources = plan.sources;
  if (sources === undefined || sources.importer === undefined) return undefined;
  if (sources.transforms.length !== plan.transforms.length || sources.targets.length !== plan.targets.length) return undefined;
  const address = (source: PluginSource, kind: PluginAddress["kind"], name: string): PluginAddress => ({ url: source.url, exportName: source.exportName, kind, name });
  return {
    input: plan.input,
    ...(plan.images === undefined ? {} : { images: plan.images }),
    importer: { plugin: address(sources.importer, "importer", plan.importer.name), options: plan.importerOptions },
    transforms: plan.transforms.map((step, i) => ({ plugin: address(sources.transforms[i]!, "transform", step.transform.name), options: step.options })),
    targets: plan.targets.map((target, i) => ({ plugin: address(sources.targets[i]!, "exporter", target.exporter.name), options: target.options })),
    maxPixels: maxPixels(),
  };
}
