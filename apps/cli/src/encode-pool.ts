import { availableParallelism } from "node:os";
import { Tinypool } from "tinypool";
import type { PipelineStage } from "@maskport/core";
import { maxPixels } from "@maskport/core/node";
import type { PluginSource } from "./load-plugin.ts";
import type { ConversionPlan } from "./run-conversion.ts";
import { encodeForRun, type RunSample } from "./sample-stage.ts";
import { addStageStats, threadStageStats, type StageStats } from "./stage-stats.ts";
import { fromWire, type PluginAddress, type WorkerAnswer, type WorkerItem, type WorkerResult, type WorkerSetup, type WorkerTask } from "./worker-protocol.ts";

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
  let open: Batch | undefined;
  let inFlight = 0;
  let checking = false;
  const dispatch = (batch: Batch): void => {
    open = undefined;
    inFlight++;
    (pool.run({ items: batch.items } satisfies WorkerTask) as Promise<WorkerAnswer>).then(
      (answer) => {
        inFlight--;
        if (answer.stats !== undefined) threads.set(answer.thread, answer.stats);
        batch.waiters.forEach((waiter, i) => {
          // Items after a failed one were not encoded: they share its error (the run stops at it).
          const result = (answer.results[i] ?? answer.results.at(-1)) as WorkerResult;
          if (result.ok) waiter.resolve(result.encoded);
          else waiter.reject(fromWire(result.error));
        });
        check();
      },
      (error: unknown) => {
        inFlight--;
        for (const waiter of batch.waiters) waiter.reject(error);
      },
    );
  };
  // A batch not yet full goes when a thread would otherwise have no task, checked after the
  // pipeline had its turn to fill it (and the pipeline never waits for a batch not sent: it
  // only waits for its oldest sample, and all older batches have answered by then).
  const check = (): void => {
    if (checking) return;
    checking = true;
    setImmediate(() => {
      checking = false;
      if (open !== undefined && inFlight < jobs) dispatch(open);
    });
  };
  return {
    workers: jobs,
    // Two tasks per thread, one running and one waiting, so no thread idles while results are merged.
    window: 2 * jobs * BATCH,
    encode(ref, thumbnail) {
      const batch = (open ??= { items: [], waiters: [] });
      const result = new Promise<RunSample>((resolve, reject) => batch.waiters.push({ resolve, reject }));
      batch.items.push({ ref, thumbnail });
      if (batch.items.length === BATCH) dispatch(batch);
      else check();
      return result;
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

// --- internal ---

/** Samples per pool task: tinypool's fixed cost of a task (a message each way, a memory reading) is that of decoding a mask or two. */
const BATCH = 4;

/** Samples gathered for one pool task, with the promises they answer. */
interface Batch {
  readonly items: WorkerItem[];
  readonly waiters: { resolve: (sample: RunSample) => void; reject: (error: unknown) => void }[];
}
