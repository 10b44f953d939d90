import { convertTargets, describeDiagnostic, MaskportError, transformLabelmap, type Diagnostic, type ExportStep, type FidelitySummary, type Importer, type InstanceFidelity, type Labelmap, type PipelineStage, type SampleInfo, type TransformStep } from "@maskport/core";
import { fileSpools, type SpoolFolder } from "@maskport/core/node";
import { join } from "node:path";
import { readDataset } from "./read-dataset.ts";
import type { PluginSource } from "./load-plugin.ts";
import { checkOutputOutsideInput, stageOutput } from "./output-folder.ts";
import { createSampleEncoder } from "./encode-pool.ts";
import type { RunSample } from "./sample-stage.ts";
import { MAX_THUMBNAILS } from "./report-thumbnails.ts";
import { writeRunStats, type StageStats } from "./stage-stats.ts";
import { writeOutputFiles } from "./write-files.ts";

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
  /** The run has started: the sample count if known, and the labelmap exporters see. */
  onStart?(total: number | undefined, labelmap: Labelmap): void;
  onSample?(done: number): void;
  onDiagnostic?(diagnostic: Diagnostic): void;
  /** Each sample's info, per-target fidelity and thumbnail (`thumbnails`), in input order (the `--report` collects them). */
  onEncoded?(sample: SampleInfo, fidelity: readonly (readonly InstanceFidelity[])[], thumbnail: string | undefined): void;
  /** Draw a thumbnail of the first samples (`MAX_THUMBNAILS`) while they are encoded. */
  readonly thumbnails?: boolean;
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
  try {
    const dataset = await readDataset(plan.importer, plan.input, plan.importerOptions, plan.images, report);
    const labelmap = transformLabelmap(dataset.labelmap, plan.transforms);
    const stage: PipelineStage = { dataset, importer: plan.importer.name, transforms: plan.transforms, exports: plan.targets, labelmap };
    events.onStart?.(dataset.size, labelmap);
    // Per-sample records the writers keep for the end spill beside the staging folder (same
    // disk as the output, never a RAM-backed /tmp), and go with the run.
    const spools = fileSpools(`${staged.path}-spool`);
    const outcome = await pipeline(plan, stage, staged.path, report, events, spools).finally(() => spools.dispose());
    if (errors !== undefined)
      throw new MaskportError("STRICT_FAILED", `the conversion reported errors; first: ${describeDiagnostic(errors)}`, {
        hint: "Fix the input (see the diagnostics above); --out was left untouched.",
      });
    if (plan.strict && warnings > 0)
      throw new MaskportError("STRICT_FAILED", `--strict: ${warnings} warning${warnings === 1 ? "" : "s"}`, { hint: "Drop --strict to accept them; --out was left untouched." });
    await staged.commit();
    await writeRunStats({ samples: outcome.samples, workers: outcome.workers, workerSamples: outcome.workerSamples, wallSeconds: (performance.now() - started) / 1000, cpuStarted, stages: outcome.stages });
    return { samples: outcome.samples, targets: outcome.targets, warnings, notes, seconds: (performance.now() - started) / 1000 };
  } catch (error) {
    await staged.discard();
    throw error;
  }
}

// --- internal ---

async function pipeline(
  plan: ConversionPlan,
  stage: PipelineStage,
  root: string,
  report: (diagnostic: Diagnostic) => void,
  events: ConversionEvents,
  spools: SpoolFolder,
): Promise<{ samples: number; targets: TargetResult[]; workers: number; workerSamples: number; stages: StageStats }> {
  // No more threads than samples: each worker re-opens the dataset.
  const jobs = Math.max(1, Math.min(Math.floor(plan.jobs), stage.dataset.size ?? plan.jobs));
  const encoder = createSampleEncoder(plan, stage, jobs);
  const thumbnails = events.thumbnails === true;
  try {
    const outcome = await convertTargets({
      stage,
      encode: (ref, index) => encoder.encode(ref, thumbnails && index < MAX_THUMBNAILS),
      window: encoder.window,
      queueSize: jobs * 2 + 2,
      spool: () => spools.spool(),
      ...(plan.signal === undefined ? {} : { signal: plan.signal }),
      report,
      onSample: (encoded: RunSample, done) => {
        events.onEncoded?.(encoded.sample, encoded.fragments.map((fragment) => fragment.fidelity ?? []), encoded.thumbnail);
        events.onSample?.(done);
      },
      sink: (index, files) => writeOutputFiles(plan.targets[index]!.exporter.name, join(root, plan.targets[index]!.folder), files),
      // Rejects the samples in flight at once instead of finishing them.
      onFail: () => void encoder.close(),
    });
    const targets = plan.targets.map((target, index) => ({
      format: target.exporter.name,
      folder: target.folder === "" ? plan.out : join(plan.out, target.folder),
      ...outcome.written[index]!,
      ...outcome.fidelity[index]!,
    }));
    return { samples: outcome.samples, targets, workers: encoder.workers, workerSamples: encoder.workers > 0 ? outcome.samples : 0, stages: encoder.stats() };
  } finally {
    await encoder.close();
  }
}
