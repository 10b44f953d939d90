import { FidelityTotals, type FidelitySummary } from "./fidelity-totals.ts";
import { FragmentQueue } from "./fragment-queue.ts";
import type { Diagnostic, FragmentBase, FragmentRecord, OutputFile, Spool } from "./plugin.ts";
import { encodeSampleRef, runPipeline, sampleInfo, stampPluginError, type PipelineStage } from "./run-pipeline.ts";
import type { SampleInfo } from "./types.ts";

/** One sample as a conversion receives it: no pixels, one fragment per target. */
export interface ConvertedSample {
  readonly sample: SampleInfo;
  /** One fragment per target, in target order. */
  readonly fragments: readonly FragmentBase[];
  /** What the importer, transforms and exporters reported for it, in order. */
  readonly diagnostics: readonly Diagnostic[];
}

/** Settings of {@link convertTargets}. */
export interface ConvertTargetsOptions<Encoded extends ConvertedSample, Written> {
  /** The dataset, transforms and targets (`exports`). */
  readonly stage: PipelineStage;
  /** The per-sample stage (a worker pool's, say); default: load → transforms → encode here. */
  readonly encode?: (ref: unknown, index: number) => Promise<Encoded>;
  /** Samples encoded at once (default 1). */
  readonly window?: number;
  /** Fragments each target's queue holds before the producer waits (default 2). */
  readonly queueSize?: number;
  /** A store for what a target's `write` keeps for the end (`WriteContext.spool`). */
  spool(): Spool;
  readonly signal?: AbortSignal;
  /** Every diagnostic: importer and per-sample ones in input order, `write`'s as they come. */
  report(diagnostic: Diagnostic): void;
  /** Each sample once its fragments are queued, in input order; `done` counts them. */
  onSample?(encoded: Encoded, done: number): void;
  /** Consumes one target's files (onto a disk, into a zip) and resolves once all are written. */
  sink(target: number, files: AsyncIterable<OutputFile>): Promise<Written>;
  /** Hears of the first failure at once (a worker pool is closed then, not at the end). */
  onFail?(error: unknown): void;
}

/** What {@link convertTargets} did. */
export interface ConvertTargetsResult<Written> {
  readonly samples: number;
  /** Per target, in target order. */
  readonly fidelity: readonly FidelitySummary[];
  /** What each target's `sink` resolved to, in target order. */
  readonly written: readonly Written[];
}

/**
 * Reads the dataset once and feeds every target: each sample is encoded (`encode`) and its
 * fragments flow in input order through a bounded queue per target into that exporter's
 * `write`, whose files go to `sink`; all targets write concurrently. The first failure of the
 * producer, a `write` or a sink (or `signal`) stops everything, and is what this rejects with.
 */
export async function convertTargets<Encoded extends ConvertedSample = ConvertedSample, Written = void>(
  options: ConvertTargetsOptions<Encoded, Written>,
): Promise<ConvertTargetsResult<Written>> {
  const { stage } = options;
  const controller = new AbortController();
  const queues = stage.exports.map(() => new FragmentQueue<FragmentRecord<FragmentBase>>(options.queueSize ?? 2));
  const fidelity = stage.exports.map(() => new FidelityTotals());
  let firstError: { error: unknown } | undefined;
  const fail = (error: unknown): void => {
    if (firstError !== undefined) return;
    firstError = { error };
    controller.abort(error);
    for (const queue of queues) queue.fail(error);
    options.onFail?.(error);
  };
  if (options.signal !== undefined) {
    const outer = options.signal;
    if (outer.aborted) fail(outer.reason);
    else outer.addEventListener("abort", () => fail(outer.reason), { once: true, signal: controller.signal });
  }

  const writers = stage.exports.map(async ({ exporter, options: exporterOptions }, index) => {
    const queue = queues[index]!;
    try {
      const files = exporter.write({ labelmap: stage.labelmap, subsets: stage.dataset.subsets, fragments: queue }, exporterOptions, {
        labelmap: stage.labelmap,
        signal: controller.signal,
        report: (d) => options.report({ ...d, plugin: exporter.name }),
        spool: () => options.spool(),
      });
      return await options.sink(index, files);
    } catch (error) {
      const stamped = stampPluginError(error, { plugin: exporter.name, stage: "write" });
      fail(stamped);
      throw stamped;
    } finally {
      queue.abandon();
    }
  });

  let samples = 0;
  const encode = options.encode ?? (async (ref: unknown) => encodedHere(stage, ref) as Promise<Encoded>);
  const producer = (async () => {
    try {
      for await (const encoded of runPipeline({ dataset: stage.dataset, importer: stage.importer, encode, window: options.window ?? 1, signal: controller.signal })) {
        for (const diagnostic of encoded.diagnostics) options.report(diagnostic);
        for (let i = 0; i < queues.length; i++) {
          const fragment = encoded.fragments[i]!;
          for (const record of fragment.fidelity ?? []) fidelity[i]!.add(record);
          await queues[i]!.push({ sample: encoded.sample, fragment });
        }
        samples++;
        options.onSample?.(encoded, samples);
      }
      for (const queue of queues) queue.close();
    } catch (error) {
      fail(error);
      throw error;
    }
  })();

  const settled = await Promise.allSettled([producer, ...writers]);
  // The producer and every writer call fail() before they reject, so this is the first failure of any of them.
  if (firstError !== undefined) throw firstError.error;
  return {
    samples,
    fidelity: fidelity.map((totals) => totals.summary()),
    written: settled.slice(1).map((outcome) => (outcome as PromiseFulfilledResult<Written>).value),
  };
}

async function encodedHere(stage: PipelineStage, ref: unknown): Promise<ConvertedSample> {
  const encoded = await encodeSampleRef(stage, ref);
  return { sample: sampleInfo(encoded.sample), fragments: encoded.fragments, diagnostics: encoded.diagnostics };
}
