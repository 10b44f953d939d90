import { isMaskportError, MaskportError, type PluginStage } from "./errors.ts";
import type { Dataset, Diagnostic, Exporter, FragmentBase, Transform } from "./plugin.ts";
import type { Labelmap, Sample, SampleInfo } from "./types.ts";
import type { FileSource } from "./files/file-source.ts";

/** A transform with its resolved options. */
export interface TransformStep {
  readonly transform: Transform<any>;
  readonly options: object;
}

/** One output format of a run: the exporter and its resolved options. */
export interface ExportStep {
  readonly exporter: Exporter<any, any>;
  readonly options: object;
}

/** Everything the per-sample stage needs; a worker thread rebuilds it from plain data. */
export interface PipelineStage {
  readonly dataset: Dataset;
  /** Name of the importer that made `dataset`, for stamping its errors. */
  readonly importer: string;
  readonly transforms: readonly TransformStep[];
  readonly exports: readonly ExportStep[];
  /** The labelmap after the transforms: what exporters see. */
  readonly labelmap: Labelmap;
  /** Where the dataset's files are (`EncodeContext.files`); absent: the Node file system. */
  readonly files?: FileSource;
}

/** One sample after load → transforms → every `encodeSample`, fragments in `exports` order. */
export interface EncodedSample {
  /** The transformed sample, pixels included (dropped before it crosses threads). */
  readonly sample: Sample;
  readonly fragments: readonly FragmentBase[];
  /** What the transforms and exporters reported, returned so runs report them in input order. */
  readonly diagnostics: readonly Diagnostic[];
}

/** Where a plugin call happens: the plugin, the contract call it is in, and the sample. */
export interface PluginCallSite {
  readonly plugin: string;
  readonly stage: PluginStage;
  readonly sampleId?: string | undefined;
}

/** How {@link runPipeline} gets its samples and who encodes them. */
export interface PipelineOptions<T> {
  readonly dataset: Dataset;
  /** Name of the importer, for stamping errors of `refs()`. */
  readonly importer: string;
  /** Encodes one ref, in this thread ({@link encodeSampleRef}) or in a worker that calls it. */
  readonly encode: (ref: unknown, index: number) => Promise<T>;
  /** Samples taken but not yet delivered at most (≥ 1): bounds memory whatever `encode` does. */
  readonly window: number;
  readonly signal?: AbortSignal | undefined;
}

/**
 * The one data flow of every run: refs → `encode` (load → transforms → `encodeSample`) for up
 * to `window` samples at once → results yielded in input order, for the caller's ordered write.
 */
export async function* runPipeline<T>(options: PipelineOptions<T>): AsyncGenerator<T> {
  const site: PluginCallSite = { plugin: options.importer, stage: "read" };
  const refs = options.dataset.refs()[Symbol.asyncIterator]();
  const pending: Promise<T>[] = [];
  let index = 0;
  let listed = false;
  try {
    for (;;) {
      while (!listed && pending.length < Math.max(1, options.window)) {
        options.signal?.throwIfAborted();
        const step = await callPlugin(site, () => refs.next());
        if (step.done === true) listed = true;
        else {
          const result = options.encode(step.value, index++);
          // Awaited in order below; a later failure must not count as unhandled meanwhile.
          result.catch(() => {});
          pending.push(result);
        }
      }
      const next = pending.shift();
      if (next === undefined) return;
      yield await next;
    }
  } finally {
    if (!listed) await refs.return?.();
  }
}

/**
 * load → transforms → every exporter's `encodeSample`, for one ref. Errors are stamped with
 * the plugin, the stage and the sample id.
 * @param timing receives the milliseconds of transforms + encodes, when given
 */
export async function encodeSampleRef(stage: PipelineStage, ref: unknown, timing?: { encodeMs: number }): Promise<EncodedSample> {
  const diagnostics: Diagnostic[] = [];
  const report = (diagnostic: Diagnostic): void => void diagnostics.push(diagnostic);
  const loaded = await callPlugin({ plugin: stage.importer, stage: "load", sampleId: sampleIdOf(ref) }, () => stage.dataset.load(ref));
  const started = timing === undefined ? 0 : performance.now();
  const sample = applyTransforms(loaded, stage.dataset.labelmap, stage.transforms, report);
  const fragments: FragmentBase[] = [];
  for (const { exporter, options } of stage.exports) {
    const fragment = await callPlugin({ plugin: exporter.name, stage: "encodeSample", sampleId: sample.id }, () =>
      exporter.encodeSample(sample, options, {
        labelmap: stage.labelmap,
        ...(stage.files === undefined ? {} : { files: stage.files }),
        report: (diagnostic) => report({ ...diagnostic, sampleId: sample.id, plugin: exporter.name }),
      }),
    );
    fragments.push(fragment as FragmentBase);
  }
  if (timing !== undefined) timing.encodeMs += performance.now() - started;
  return { sample, fragments, diagnostics };
}

/** The sample without its pixels: what `write` and reports get. */
export function sampleInfo(sample: Sample): SampleInfo {
  const { instances: _pixels, ...info } = sample;
  return info;
}

/** Applies transforms in order to one sample, reporting their diagnostics. */
export function applyTransforms(sample: Sample, inputLabelmap: Labelmap, transforms: readonly TransformStep[], report: (diagnostic: Diagnostic) => void): Sample {
  let current = sample;
  let labelmap = inputLabelmap;
  for (const { transform, options } of transforms) {
    const before = labelmap;
    try {
      current = transform.apply(current, options, {
        labelmap: before,
        report: (d) => report({ ...d, sampleId: current.id, plugin: transform.name }),
      });
    } catch (error) {
      throw stampPluginError(error, { plugin: transform.name, stage: "apply", sampleId: current.id });
    }
    labelmap = transform.labelmap ? transform.labelmap(labelmap, options) : labelmap;
  }
  return current;
}

/** The labelmap after a chain of transforms. */
export function transformLabelmap(labelmap: Labelmap, transforms: readonly TransformStep[]): Labelmap {
  return transforms.reduce((current, { transform, options }) => (transform.labelmap ? transform.labelmap(current, options) : current), labelmap);
}

/** Runs one plugin call, stamping what it throws with {@link stampPluginError}. */
export async function callPlugin<T>(site: PluginCallSite, call: () => T | Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw stampPluginError(error, site);
  }
}

/**
 * The error a plugin call throws, with where it happened. A MaskportError keeps its code and
 * message and gains the plugin, stage and sample it lacks (the first stamp wins, as the
 * innermost call knows most); anything else is `PLUGIN_FAILED` with the original as `cause`.
 */
export function stampPluginError(error: unknown, site: PluginCallSite): MaskportError {
  if (isMaskportError(error)) {
    Object.assign(error, { plugin: error.plugin ?? site.plugin, stage: error.stage ?? site.stage, sampleId: error.sampleId ?? site.sampleId });
    return error;
  }
  const message = error instanceof Error ? error.message : String(error);
  return new MaskportError("PLUGIN_FAILED", `plugin failed: ${message}`, {
    plugin: site.plugin,
    stage: site.stage,
    ...(site.sampleId === undefined ? {} : { sampleId: site.sampleId }),
    cause: error,
    hint: "This is a bug in the plugin; the original error is attached as cause.",
  });
}

// --- internal ---

/** A ref's `id` when it has one (refs are the importer's plain data): the sample a load error is about. */
function sampleIdOf(ref: unknown): string | undefined {
  const id = typeof ref === "object" && ref !== null ? (ref as { id?: unknown }).id : undefined;
  return typeof id === "string" ? id : undefined;
}
