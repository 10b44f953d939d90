import { isMaskportError } from "../errors.ts";
import type { Diagnostic, Transform } from "../plugin.ts";
import { resolveOptions } from "../resolve-options.ts";
import type { Labelmap, Sample } from "../types.ts";
import { ConformanceError } from "./_run.ts";
import { checkLabelmapInvariants, checkSampleInvariants } from "./check-sample.ts";
import { degenerateLabelmap, degenerateSamples } from "./degenerate-samples.ts";

/** What the transform checks run on. */
export interface TransformCheckSettings {
  /** Samples of the plugin author's own, run beside the built-in degenerate ones. */
  readonly samples?: readonly Sample[];
  /**
   * Labelmap of `samples`, also used for the degenerate samples (relabelled onto its labels)
   * and for `labelmap()`. Default: {@link degenerateLabelmap} (`background`, `tumor`, `edema`).
   */
  readonly labelmap?: Labelmap;
  /** Options to run with, as the CLI would pass them (strings are parsed). Default: all defaults. */
  readonly options?: Readonly<Record<string, unknown>>;
}

/**
 * Checks `labelmap` (when the transform has one): the result is a valid labelmap, the same
 * on a second call, and the input labelmap is left untouched.
 * @throws ConformanceError
 */
export function checkTransformLabelmap<O extends object>(transform: Transform<O>, settings: TransformCheckSettings = {}): void {
  for (const labelmap of labelmaps(settings)) {
    // Fresh copies per call, so a transform that edits its input cannot hide it by undoing it on the next call.
    const input = structuredClone(labelmap);
    const before = fingerprint(input);
    const first = attempt("labelmap()", () => outputLabelmap(transform, input, settings));
    if (fingerprint(input) !== before) throw new ConformanceError("labelmap() modified its input labelmap");
    const second = attempt("labelmap()", () => outputLabelmap(transform, structuredClone(labelmap), settings));
    checkLabelmapInvariants(first);
    if (fingerprint(first) !== fingerprint(second)) throw new ConformanceError("labelmap() gives different results on two calls");
  }
}

/**
 * Checks `apply` on the degenerate and given samples: it does not throw, keeps the
 * sample's id, subset, size and image, returns a sample meeting the sample invariants with
 * labels from the transformed labelmap, and reports every instance it removes.
 * @throws ConformanceError naming the sample
 */
export function checkTransformApply<O extends object>(transform: Transform<O>, settings: TransformCheckSettings = {}): void {
  for (const { name, sample, labelmap } of cases(settings)) {
    const { output, diagnostics } = attempt(`"${name}"`, () => run(transform, sample, labelmap, settings));
    const where = `"${name}" (sample ${sample.id})`;
    if (output.id !== sample.id || output.subset !== sample.subset || output.width !== sample.width || output.height !== sample.height || output.image !== sample.image)
      throw new ConformanceError(`${where}: apply changed the sample's id, subset, size or image`);
    checkSampleInvariants(output, outputLabelmap(transform, labelmap, settings), `after ${transform.name}`);
    for (const d of diagnostics) {
      if (typeof d.code !== "string" || typeof d.message !== "string" || d.message === "" || (d.severity !== "info" && d.severity !== "warning" && d.severity !== "error"))
        throw new ConformanceError(`${where}: a diagnostic lacks a severity, code or message: ${JSON.stringify(d)}`);
    }
    const kept = new Set(output.instances.map((instance) => instance.instanceId));
    for (const instance of sample.instances) {
      if (kept.has(instance.instanceId)) continue;
      if (!diagnostics.some((d) => d.instanceId === undefined || d.instanceId === instance.instanceId))
        throw new ConformanceError(`${where}: instance ${instance.instanceId} was removed without a diagnostic`);
    }
  }
}

/**
 * Checks that `apply` is pure: it leaves its input sample untouched, gives the same
 * sample and diagnostics twice, and its output is structured-cloneable (samples cross
 * worker threads).
 * @throws ConformanceError naming the sample
 */
export function checkTransformPure<O extends object>(transform: Transform<O>, settings: TransformCheckSettings = {}): void {
  for (const { name, sample, labelmap } of cases(settings)) {
    const where = `"${name}" (sample ${sample.id})`;
    const before = fingerprint(sample);
    const first = attempt(`"${name}"`, () => run(transform, sample, labelmap, settings));
    const second = attempt(`"${name}"`, () => run(transform, sample, labelmap, settings));
    if (fingerprint(sample) !== before) throw new ConformanceError(`${where}: apply modified its input sample`);
    if (fingerprint(first) !== fingerprint(second)) throw new ConformanceError(`${where}: two applications give different samples or diagnostics`);
    try {
      structuredClone(first.output);
    } catch (error) {
      throw new ConformanceError(`${where}: the output sample is not structured-cloneable: ${String(error)}`, { cause: error });
    }
  }
}

/** What {@link runTransform} gives back. */
export interface TransformRun {
  readonly sample: Sample;
  readonly labelmap: Labelmap;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Runs one transform on one sample the way the pipeline does (options resolved from
 * CLI-style values, the input labelmap in the context) and returns the new sample, the
 * transformed labelmap and the diagnostics. For plugin authors' own tests.
 */
export function runTransform<O extends object>(
  transform: Transform<O>,
  sample: Sample,
  settings: { readonly labelmap?: Labelmap; readonly options?: Readonly<Record<string, unknown>> } = {},
): TransformRun {
  const labelmap = settings.labelmap ?? degenerateLabelmap;
  const { output, diagnostics } = run(transform, sample, labelmap, settings);
  return { sample: output, labelmap: outputLabelmap(transform, labelmap, settings), diagnostics };
}

// --- internal ---

interface Case {
  readonly name: string;
  readonly sample: Sample;
  readonly labelmap: Labelmap;
}

/**
 * The degenerate samples plus the given ones. With a given labelmap, the degenerate
 * samples are relabelled onto its non-background labels (1 → the first, 2 → the second),
 * so options naming the caller's labels apply to them too.
 */
function cases(settings: TransformCheckSettings): Case[] {
  const labelmap = settings.labelmap ?? degenerateLabelmap;
  const objects = labelmap.labels.filter((label) => label.id !== labelmap.backgroundId).map((label) => label.id);
  const relabel = (sample: Sample): Sample =>
    settings.labelmap === undefined || objects.length === 0
      ? sample
      : { ...sample, instances: sample.instances.map((instance) => ({ ...instance, label: objects[(instance.label - 1) % objects.length] as number })) };
  const result: Case[] = degenerateSamples().map(({ name, sample }) => ({
    name,
    sample: relabel(sample),
    labelmap: settings.labelmap === undefined || objects.length === 0 ? degenerateLabelmap : labelmap,
  }));
  for (const sample of settings.samples ?? []) result.push({ name: `given sample ${sample.id}`, sample, labelmap });
  return result;
}

function labelmaps(settings: TransformCheckSettings): Labelmap[] {
  return [settings.labelmap ?? degenerateLabelmap];
}

function options<O extends object>(transform: Transform<O>, settings: TransformCheckSettings): O {
  return resolveOptions<O>(transform.name, transform.options, settings.options ?? {});
}

function outputLabelmap<O extends object>(transform: Transform<O>, labelmap: Labelmap, settings: TransformCheckSettings): Labelmap {
  return transform.labelmap === undefined ? labelmap : transform.labelmap(labelmap, options(transform, settings));
}

function run<O extends object>(transform: Transform<O>, sample: Sample, labelmap: Labelmap, settings: TransformCheckSettings): { output: Sample; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const output = transform.apply(sample, options(transform, settings), { labelmap, report: (d) => diagnostics.push(d) });
  return { output, diagnostics };
}

function attempt<T>(what: string, call: () => T): T {
  try {
    return call();
  } catch (error) {
    const detail = isMaskportError(error) ? `${error.code}: ${error.message}` : String(error);
    throw new ConformanceError(`throws on ${what}: ${detail}`, { cause: error });
  }
}

function fingerprint(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => (item instanceof Uint8Array ? Array.from(item).join("") : item));
}
