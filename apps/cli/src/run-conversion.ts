import { callPlugin, MaskportError, transformLabelmap, wrapPluginError, type Dataset, type Diagnostic, type FragmentBase, type FragmentRecord, type Importer, type InstanceFidelity, type SampleInfo, type TransformStep } from "@maskport/core";
import { fileSpools, type SpoolFolder } from "@maskport/core/node";
import { join } from "node:path";
import { FragmentQueue } from "./fragment-queue.ts";
import type { PluginSource } from "./load-plugin.ts";
import { checkOutputOutsideInput, stageOutput } from "./output-folder.ts";
import { encodeOneSample, type EncodedSample, type ExportStep, type SampleStage } from "./sample-stage.ts";
import { createEncodePool } from "./encode-pool.ts";
import { encodeInOrder } from "./in-order-dispatch.ts";
import { LocalEncoder, type ImporterDiagnostics } from "./local-encoder.ts";
import { addStageStats, stageTimingEnabled, threadStageStats, writeRunStats, type StageStats } from "./stage-stats.ts";
import { FidelityTotals, type FidelitySummary } from "./fidelity-summary.ts";
import { writeOutputFiles } from "./write-files.ts";
import { boundBufferGarbage, BUFFER_SLACK_MB } from "./buffer-garbage.ts";
import { boundMainHeap, OLD_GENERATION_SLACK_MB, type MainHeapBound } from "./main-heap.ts";
import { raiseTieringBudget } from "./v8-tiering.ts";

/** One output of a run. */
export interface ConversionTarget extends ExportStep {
  /** Sub-folder of `--out` (`""` for a single target, else the format name). */
  readonly folder: string;
}

/** A fully resolved conversion: plugins chosen, options resolved. */
export interface ConversionPlan {
  readonly input: string;
  readonly importer: Importer<any>;
  readonly importerOptions: object;
  readonly images?: string;
  readonly transforms: readonly TransformStep[];
  readonly targets: readonly ConversionTarget[];
  readonly out: string;
  readonly force: boolean;
  /** Samples processed concurrently (loads and encodes in flight). */
  readonly jobs: number;
  /** Fail the run when there is any warning. */
  readonly strict: boolean;
  /** Stops the run (Ctrl-C): it fails with the signal's reason and `--out` stays as it was. */
  readonly signal?: AbortSignal;
  /**
   * Where each plugin was loaded from (module URL + export name), in plan order, so a
   * worker-thread stage can re-import them by specifier instead of receiving objects.
   */
  readonly sources?: {
    readonly importer: PluginSource | undefined;
    readonly transforms: readonly PluginSource[];
    readonly targets: readonly PluginSource[];
  };
}

/** Callbacks for progress and diagnostics, as they happen. */
export interface ConversionEvents {
  onStart?(total: number | undefined): void;
  onSample?(done: number): void;
  onDiagnostic?(diagnostic: Diagnostic): void;
  /** Each sample's info and per-target fidelity, in input order (the `--report` collects them). */
  onEncoded?(sample: SampleInfo, fidelity: readonly (readonly InstanceFidelity[])[]): void;
}

/** What one target wrote. */
export interface TargetResult extends FidelitySummary {
  readonly format: string;
  /** Output folder of this target (as given: `--out` or `--out/<format>`). */
  readonly folder: string;
  readonly files: number;
  readonly bytes: number;
}

/** The outcome of a successful run. */
export interface ConversionResult {
  readonly samples: number;
  readonly targets: readonly TargetResult[];
  readonly warnings: number;
  /** `info` diagnostics: changes the user asked for (transforms dropping instances…). */
  readonly notes: number;
  readonly seconds: number;
}

/**
 * Reads the input once and feeds every target: per sample load → transforms → each
 * exporter's `encodeSample`; each target's fragments flow in input order through a bounded
 * queue into its `write`, all writes running concurrently and streaming to a staging folder
 * that replaces `--out` only on success.
 * @throws MaskportError on bad input, a plugin failure, error diagnostics, or warnings under `strict`
 */
export async function runConversion(plan: ConversionPlan, events: ConversionEvents = {}): Promise<ConversionResult> {
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  let warnings = 0;
  let notes = 0;
  let errors: Diagnostic | undefined;
  const report = (diagnostic: Diagnostic): void => {
    // `info` records a change the user asked for (a transform's drop): shown, never failing.
    if (diagnostic.severity === "error") errors ??= diagnostic;
    else if (diagnostic.severity === "warning") warnings++;
    else notes++;
    events.onDiagnostic?.(diagnostic);
  };
  await checkOutputOutsideInput(plan.out, plan.input);
  const staged = await stageOutput(plan.out, plan.force);
  // The main thread's memory should not depend on the dataset's length (main-heap.ts).
  const heap = boundMainHeap(OLD_GENERATION_SLACK_MB);
  const importerDiagnostics: ImporterDiagnostics = { capture: undefined };
  try {
    const dataset: Dataset = await callPlugin(plan.importer.name, () =>
      plan.importer.read(plan.input, plan.importerOptions, {
        ...(plan.images === undefined ? {} : { images: plan.images }),
        report: (d) => {
          const diagnostic = { ...d, plugin: plan.importer.name };
          if (importerDiagnostics.capture !== undefined) importerDiagnostics.capture.push(diagnostic);
          else report(diagnostic);
        },
      }),
    );
    const labelmap = transformLabelmap(dataset.labelmap, plan.transforms);
    const stage: SampleStage = { dataset, importer: plan.importer.name, transforms: plan.transforms, exports: plan.targets, labelmap };
    events.onStart?.(dataset.size);
    // Per-sample records the writers keep for the end spill beside the staging folder (same
    // disk as the output, never a RAM-backed /tmp), and go with the run.
    const spools = fileSpools(`${staged.path}-spool`);
    const outcome = await pipeline(plan, stage, staged.path, report, events, spools, heap, importerDiagnostics).finally(() => spools.dispose());
    if (errors !== undefined)
      throw new MaskportError("STRICT_FAILED", `the conversion reported errors; first: ${describeDiagnostic(errors)}`, {
        hint: "Fix the input (see the diagnostics above); --out was left untouched.",
      });
    if (plan.strict && warnings > 0)
      throw new MaskportError("STRICT_FAILED", `--strict: ${warnings} warning${warnings === 1 ? "" : "s"}`, { hint: "Drop --strict to accept them; --out was left untouched." });
    await staged.commit();
    await writeRunStats({ samples: outcome.samples, workers: outcome.workers, workerSamples: outcome.workerSamples, earlyWorkers: outcome.earlyWorkers, wallSeconds: (performance.now() - started) / 1000, cpuStarted, stages: outcome.stages });
    return { samples: outcome.samples, targets: outcome.targets, warnings, notes, seconds: (performance.now() - started) / 1000 };
  } catch (error) {
    await staged.discard();
    throw error;
  } finally {
    heap.release();
  }
}

// --- internal ---

async function pipeline(
  plan: ConversionPlan,
  stage: SampleStage,
  root: string,
  report: (diagnostic: Diagnostic) => void,
  events: ConversionEvents,
  spools: SpoolFolder,
  heap: MainHeapBound,
  importerDiagnostics: ImporterDiagnostics,
): Promise<{ samples: number; targets: TargetResult[]; workers: number; workerSamples: number; earlyWorkers: number; stages: StageStats }> {
  const controller = new AbortController();
  const jobs = Math.max(1, Math.floor(plan.jobs));
  // --jobs N > 1: N − 1 worker threads (each re-opens the dataset) and this thread encode
  // samples (local-encoder.ts says why). A worker gets a sample while it is ready and has fewer
  // than PER_WORKER, so it never idles while results are merged; this thread takes the rest, up
  // to LOCAL_QUEUE at a time, including every sample while the workers start. The next sample
  // is taken whenever one of them has room (in-order-dispatch.ts). (No more threads than
  // samples: each worker re-opens the dataset and warms up on its own.)
  const workers = Math.min(jobs, stage.dataset.size ?? jobs) - 1;
  // Optimise later when another thread's compiles would take CPU from encoding (v8-tiering.ts).
  const restoreTiering = workers > 0 ? raiseTieringBudget() : undefined;
  const pool = createEncodePool(plan, workers);
  // Each new worker isolate undoes the main heap's young-generation hold: set it again as soon
  // as they are up, before the first sample comes back (main-heap.ts).
  void pool?.online.then(() => heap.check());
  const local = pool === undefined ? undefined : new LocalEncoder(stage, importerDiagnostics);
  const buffers = boundBufferGarbage(BUFFER_SLACK_MB);
  const depth = pool === undefined ? jobs : PER_WORKER * pool.size + LOCAL_QUEUE + REORDER;
  // Whether the workers get samples at all, decided once the first one is ready: not when this
  // thread would finish the rest sooner than a cold worker could help (measured on 20 masks of
  // 512²: 0.72–0.87 s with the worker's samples waited for, 0.56–0.71 s without, 0.51–0.60 s
  // with --jobs 1). Its first samples run unoptimised and the output waits for them in order.
  // The estimate waits for a few samples here, as the first ones are slow too; a long run
  // needs none.
  let workersWanted: boolean | undefined = stage.dataset.size === undefined ? true : undefined;
  let dispatched = 0;
  const useWorkers = (): boolean => {
    if (workersWanted === undefined && pool?.anyReady === true) {
      const left = (stage.dataset.size ?? 0) - dispatched;
      const msPerSample = local?.msPerSample;
      if (left >= WORKERS_WORTH_SAMPLES) workersWanted = true;
      else if (msPerSample !== undefined) workersWanted = msPerSample * left >= WORKERS_WORTH_MS;
    }
    return workersWanted === true;
  };
  const workerHasRoom = (): boolean => pool !== undefined && useWorkers() && pool.hasRoom(PER_WORKER);
  const encode = (ref: unknown): Promise<EncodedSample> => {
    if (pool === undefined || local === undefined) return encodeOneSample(stage, ref);
    dispatched++;
    return workerHasRoom() ? pool.encode(ref) : local.encode(ref);
  };
  // With workers, a sample is taken as soon as a ready worker or this thread has room for it.
  const hasRoom = (): boolean => local === undefined || workerHasRoom() || local.pending < LOCAL_QUEUE;
  const queues = plan.targets.map(() => new FragmentQueue<FragmentRecord<FragmentBase>>(jobs * 2 + 2));
  const fidelity = plan.targets.map(() => new FidelityTotals());
  let firstError: { error: unknown } | undefined;
  const fail = (error: unknown): void => {
    firstError ??= { error };
    controller.abort(error);
    for (const queue of queues) queue.fail(error);
    void pool?.close(); // rejects the samples in flight at once instead of finishing them
  };
  if (plan.signal !== undefined) {
    const outer = plan.signal;
    if (outer.aborted) fail(outer.reason);
    else outer.addEventListener("abort", () => fail(outer.reason), { once: true, signal: controller.signal });
  }

  const writers = plan.targets.map(async (target, index) => {
    const queue = queues[index]!;
    try {
      const files = target.exporter.write({ labelmap: stage.labelmap, subsets: stage.dataset.subsets, fragments: queue }, target.options, {
        labelmap: stage.labelmap,
        signal: controller.signal,
        report: (d) => report({ ...d, plugin: target.exporter.name }),
        spool: () => spools.spool(),
      });
      return await writeOutputFiles(target.exporter.name, join(root, target.folder), files);
    } catch (error) {
      const wrapped = wrapPluginError(target.exporter.name, error);
      fail(wrapped);
      throw wrapped;
    } finally {
      queue.abandon();
    }
  });

  let samples = 0;
  const producer = (async () => {
    try {
      const refs = stage.dataset.refs()[Symbol.asyncIterator]();
      await encodeInOrder({
        next: () => callPlugin(stage.importer, () => refs.next()),
        encode,
        hasRoom,
        depth,
        signal: controller.signal,
        deliver: async (encoded) => {
          for (const diagnostic of encoded.diagnostics) report(diagnostic);
          for (let i = 0; i < queues.length; i++) {
            const fragment = encoded.fragments[i]!;
            for (const record of fragment.fidelity ?? []) fidelity[i]!.add(record);
            await queues[i]!.push({ sample: encoded.sample, fragment });
          }
          events.onEncoded?.(encoded.sample, encoded.fragments.map((fragment) => fragment.fidelity ?? []));
          samples++;
          heap.check();
          buffers.check();
          events.onSample?.(samples);
        },
      });
      for (const queue of queues) queue.close();
    } catch (error) {
      fail(error);
      throw error;
    }
  })();

  const settled = await Promise.allSettled([producer, ...writers]);
  restoreTiering?.();
  let stages = threadStageStats();
  if (pool !== undefined) {
    if (firstError === undefined && stageTimingEnabled) stages = addStageStats(stages, await pool.stats());
    await pool.close();
  }
  if (firstError !== undefined) throw firstError.error;
  const rejected = settled.find((result) => result.status === "rejected");
  if (rejected !== undefined) throw (rejected as PromiseRejectedResult).reason;
  const targets = plan.targets.map((target, index) => {
    const written = (settled[index + 1] as PromiseFulfilledResult<{ files: number; bytes: number }>).value;
    return {
      format: target.exporter.name,
      folder: target.folder === "" ? plan.out : join(plan.out, target.folder),
      ...written,
      ...fidelity[index]!.summary(),
    };
  });
  return { samples, targets, workers: pool?.size ?? 0, workerSamples: pool?.encoded ?? 0, earlyWorkers: pool?.early ?? 0, stages };
}

/**
 * Work left for this thread (its fastest of its latest samples × samples not yet handed out)
 * below which the workers, once up, get no samples: less than a cold worker would save. With
 * the worker started early (early-worker.ts) it is often ready after this thread's first
 * samples, which run unoptimised: on 20 masks of 512² their mean (of the first one, or of the
 * first four) made the estimate too high and the worker got 4–7 samples, 0.52–0.87 s against
 * 0.47–0.67 s at --jobs 1 (eight runs each); the fastest of four gave it none, 0.58–0.76 s
 * against 0.59–0.73 s (four runs each).
 */
const WORKERS_WORTH_MS = 500;
/**
 * Samples not yet handed out from which the workers get samples without waiting for that
 * estimate: at the ~5 ms a sample of even small masks takes, more than WORKERS_WORTH_MS.
 */
const WORKERS_WORTH_SAMPLES = 100;
/**
 * Samples queued per worker thread: one running and two ready, because this thread sends the
 * next only between two of its own samples (~7 ms each). Measured in the worker on 2,000
 * masks, --jobs 2: waits over 5 ms for its next sample added up to 0.65–0.70 s with two,
 * 0.18–0.22 s with three, 0.13–0.15 s with four.
 */
const PER_WORKER = 3;
/** Samples queued or running on this thread: one running, one ready to start. */
const LOCAL_QUEUE = 2;
/**
 * Finished samples that may wait for an earlier one to be delivered: enough for this thread to
 * keep encoding while a worker's first, still unoptimised samples take 30–200 ms each (a warm
 * one ~10 ms). Each is a few KB of results.
 */
const REORDER = 24;

function describeDiagnostic(diagnostic: Diagnostic): string {
  const where = [diagnostic.plugin === undefined ? "" : `[${diagnostic.plugin}]`, diagnostic.sampleId ?? ""].filter((part) => part !== "").join(" ");
  return `${where === "" ? "" : `${where}: `}${diagnostic.message} (${diagnostic.code})`;
}
