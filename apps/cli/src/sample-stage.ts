import { applyTransforms, callPlugin, type Dataset, type Diagnostic, type Exporter, type FragmentBase, type Labelmap, type SampleInfo, type TransformStep } from "@maskport/core";
import { encodeTime, stageTimingEnabled } from "./stage-stats.ts";

/** One output format of a run: the exporter and its resolved options. */
export interface ExportStep {
  readonly exporter: Exporter<any, any>;
  readonly options: object;
}

/**
 * Everything the per-sample stage needs. It holds only what a worker thread could rebuild
 * from plain data (the importer's input, plugin specifiers and resolved options), so the
 * stage can move into workers without changing its shape.
 */
export interface SampleStage {
  readonly dataset: Dataset;
  /** Name of the importer that made `dataset`, for wrapping its errors. */
  readonly importer: string;
  readonly transforms: readonly TransformStep[];
  readonly exports: readonly ExportStep[];
  /** The labelmap after the transforms: what exporters see. */
  readonly labelmap: Labelmap;
}

/** One sample, encoded for every target, in target order. Plain data. */
export interface EncodedSample {
  readonly sample: SampleInfo;
  readonly fragments: readonly FragmentBase[];
  /**
   * What the transforms and exporters reported for this sample. Returned rather than
   * emitted so the runner reports them in input order whatever the concurrency.
   */
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * `encoded` with what the importer reported while loading it put first (in the order they were
 * reported): a sample encoded off the run's main path reports them with the sample.
 */
export function withLoadDiagnostics(encoded: EncodedSample, loading: readonly Diagnostic[]): EncodedSample {
  return loading.length === 0 ? encoded : { ...encoded, diagnostics: [...loading, ...encoded.diagnostics] };
}

/** load → transforms → `encodeSample` of every target, for one ref. Plugin errors are wrapped with the plugin name. */
export async function encodeOneSample(stage: SampleStage, ref: unknown): Promise<EncodedSample> {
  const diagnostics: Diagnostic[] = [];
  const report = (diagnostic: Diagnostic): void => void diagnostics.push(diagnostic);
  const loaded = await callPlugin(stage.importer, () => stage.dataset.load(ref));
  const encodeStart = stageTimingEnabled ? performance.now() : 0;
  const sample = applyTransforms(loaded, stage.dataset.labelmap, stage.transforms, report);
  const fragments: FragmentBase[] = [];
  for (const { exporter, options } of stage.exports) {
    const fragment = await callPlugin(exporter.name, () =>
      exporter.encodeSample(sample, options, {
        labelmap: stage.labelmap,
        report: (diagnostic) => report({ ...diagnostic, sampleId: sample.id, plugin: exporter.name }),
      }),
    );
    fragments.push(fragment as FragmentBase);
  }
  if (stageTimingEnabled) encodeTime.ms += performance.now() - encodeStart;
  const { instances: _pixels, ...info } = sample;
  return { sample: info, fragments, diagnostics };
}
