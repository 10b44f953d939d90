import { isMaskportError } from "../errors.ts";
import { memoryDataset } from "../memory-dataset.ts";
import type { Exporter, FragmentRecord, FragmentBase } from "../plugin.ts";
import { resolveOptions } from "../resolve-options.ts";
import type { Labelmap, Sample } from "../types.ts";
import { ConformanceError, encodeDataset, exportToMemory, firstDifference, writeToMemory, type WrittenFile } from "./_run.ts";
import { degenerateLabelmap, degenerateSamples } from "./degenerate-samples.ts";

/** What the exporter checks run on. */
export interface ExporterCheckSettings {
  /** Samples of the plugin author's own, run beside the built-in degenerate ones. */
  readonly samples?: readonly Sample[];
  /** Labelmap of `samples`. Default: {@link degenerateLabelmap} (`background`, `tumor`, `edema`). */
  readonly labelmap?: Labelmap;
  /** Options to run with, as the CLI would pass them (strings are parsed). Default: all defaults. */
  readonly options?: Readonly<Record<string, unknown>>;
}

/**
 * Checks that an empty dataset (no samples) still gives valid output: no throw, every path
 * valid. No file at all is valid: a one-file-per-image format has nothing to write. (A format
 * with a dataset-level file, COCO's JSON or YOLO's data.yaml, should still write it; its own
 * tests say so.)
 * @throws ConformanceError
 */
export async function checkEmptyDataset<O extends object, F extends FragmentBase>(exporter: Exporter<O, F>, settings: ExporterCheckSettings = {}): Promise<void> {
  const { files } = await attempt("an empty dataset", () => exportToMemory(exporter, memoryDataset(settings.labelmap ?? degenerateLabelmap, []), options(exporter, settings)));
  checkPaths(files, "an empty dataset");
}

/**
 * Checks every output path: relative, `/`-separated, no empty, `.` or `..` segment, no
 * drive letter or backslash, and no path written twice; a copied file's source is absolute.
 * @throws ConformanceError naming the path
 */
export async function checkOutputPaths<O extends object, F extends FragmentBase>(exporter: Exporter<O, F>, settings: ExporterCheckSettings = {}): Promise<void> {
  for (const [what, dataset] of datasets(settings)) {
    const { files } = await attempt(what, () => exportToMemory(exporter, dataset, options(exporter, settings)));
    checkPaths(files, what);
  }
}

/**
 * Checks that output is byte-deterministic: two runs over the same samples give the same
 * files in the same order with the same bytes.
 * @throws ConformanceError naming the first difference
 */
export async function checkDeterministic<O extends object, F extends FragmentBase>(exporter: Exporter<O, F>, settings: ExporterCheckSettings = {}): Promise<void> {
  for (const [what, dataset] of datasets(settings)) {
    const first = await attempt(what, () => exportToMemory(exporter, dataset, options(exporter, settings)));
    const second = await attempt(what, () => exportToMemory(exporter, dataset, options(exporter, settings)));
    const difference = firstDifference(first.files, second.files);
    if (difference !== undefined) throw new ConformanceError(`output is not deterministic on ${what}: ${difference}`);
  }
}

/**
 * Checks the encodeSample/write split: fragments survive `structuredClone` (so encodeSample
 * can run in a worker thread), and `write` over the clones gives the same bytes as the
 * in-process pipeline. Also checks that encodeSample leaves its sample untouched.
 * @throws ConformanceError
 */
export async function checkFragmentsCloneable<O extends object, F extends FragmentBase>(exporter: Exporter<O, F>, settings: ExporterCheckSettings = {}): Promise<void> {
  const resolved = options(exporter, settings);
  for (const [what, dataset, pristine] of datasets(settings)) {
    const reference = await attempt(what, () => exportToMemory(exporter, dataset, resolved));
    const encoded = await attempt(what, () => encodeDataset(exporter, dataset, resolved));
    const records: FragmentRecord<F>[] = [];
    for (const [index, { sample, fragment }] of encoded.entries()) {
      let clone: F;
      try {
        clone = structuredClone(fragment);
      } catch (error) {
        throw new ConformanceError(`the fragment of sample ${sample.id} (${what}) is not structured-cloneable: ${String(error)}`, { cause: error });
      }
      if (!sameSample(sample, pristine[index])) throw new ConformanceError(`encodeSample modified its input sample ${sample.id} (${what})`);
      const { instances: _pixels, ...info } = sample;
      records.push({ sample: structuredClone(info), fragment: clone });
    }
    const written = await attempt(what, () => writeToMemory(exporter, dataset, records, resolved));
    const difference = firstDifference(reference.files, written);
    if (difference !== undefined) throw new ConformanceError(`write over structured clones of the fragments differs from the in-process run on ${what}: ${difference}`);
  }
}

/**
 * Checks that each degenerate mask (see {@link degenerateSamples}) gives output or
 * diagnostics, never a throw. Each case runs alone so a failure names it.
 * @throws ConformanceError naming the case
 */
export async function checkDegenerateMasks<O extends object, F extends FragmentBase>(exporter: Exporter<O, F>, settings: ExporterCheckSettings = {}): Promise<void> {
  for (const { name, sample } of degenerateSamples()) {
    const { files } = await attempt(`the degenerate case "${name}"`, () => exportToMemory(exporter, memoryDataset(degenerateLabelmap, [sample]), options(exporter, settings)));
    checkPaths(files, `the degenerate case "${name}"`);
  }
}

/**
 * Checks every fragment's `fidelity`: one entry per written instance (an instance without
 * one must have been reported), ids unique and from the sample, label and area copied from
 * the instance, `lost`/`added` non-negative integers, 0 ≤ iou ≤ 1 and iou consistent with
 * lost/added (iou = (area − lost) / (area + added)). Diagnostics must carry a code and message.
 * @throws ConformanceError naming the sample and instance
 */
export async function checkFidelity<O extends object, F extends FragmentBase>(exporter: Exporter<O, F>, settings: ExporterCheckSettings = {}): Promise<void> {
  for (const [what, dataset] of datasets(settings)) {
    const encoded = await attempt(what, () => encodeDataset(exporter, dataset, options(exporter, settings)));
    for (const { sample, fragment, diagnostics } of encoded) {
      const where = `sample ${sample.id} (${what})`;
      for (const d of diagnostics) {
        if (typeof d.code !== "string" || typeof d.message !== "string" || d.message === "" || (d.severity !== "info" && d.severity !== "warning" && d.severity !== "error"))
          throw new ConformanceError(`${where}: a diagnostic lacks a severity, code or message: ${JSON.stringify(d)}`);
      }
      if (typeof fragment !== "object" || fragment === null || !Array.isArray(fragment.fidelity))
        throw new ConformanceError(`${where}: the fragment has no fidelity array`);
      const byId = new Map(sample.instances.map((instance) => [instance.instanceId, instance]));
      const seen = new Set<number>();
      for (const entry of fragment.fidelity) {
        const instance = byId.get(entry.instanceId);
        const at = `${where}, instance ${entry.instanceId}`;
        if (instance === undefined) throw new ConformanceError(`${at}: fidelity names an instance the sample does not have`);
        if (seen.has(entry.instanceId)) throw new ConformanceError(`${at}: two fidelity entries`);
        seen.add(entry.instanceId);
        if (entry.label !== instance.label) throw new ConformanceError(`${at}: fidelity label ${entry.label}, instance label ${instance.label}`);
        if (entry.area !== instance.area) throw new ConformanceError(`${at}: fidelity area ${entry.area}, instance area ${instance.area}`);
        if (typeof entry.encoding !== "string" || entry.encoding === "") throw new ConformanceError(`${at}: fidelity has no encoding name`);
        if (!isCount(entry.lost) || !isCount(entry.added) || entry.lost > instance.area)
          throw new ConformanceError(`${at}: lost ${entry.lost} / added ${entry.added} must be integers, 0 ≤ lost ≤ area ${instance.area}, added ≥ 0`);
        if (!(entry.iou >= 0 && entry.iou <= 1)) throw new ConformanceError(`${at}: iou ${entry.iou} is outside 0..1`);
        const union = instance.area + entry.added;
        if (union > 0 && Math.abs(entry.iou - (instance.area - entry.lost) / union) > 1e-9)
          throw new ConformanceError(`${at}: iou ${entry.iou} disagrees with lost ${entry.lost} and added ${entry.added} (expected ${(instance.area - entry.lost) / union})`);
      }
      for (const instance of sample.instances) {
        if (seen.has(instance.instanceId)) continue;
        const reported = diagnostics.some((d) => d.instanceId === undefined || d.instanceId === instance.instanceId);
        if (!reported) throw new ConformanceError(`${where}, instance ${instance.instanceId}: neither written (no fidelity entry) nor reported (no diagnostic): a silent drop`);
      }
    }
  }
}

// --- internal ---

function options<O extends object, F extends FragmentBase>(exporter: Exporter<O, F>, settings: ExporterCheckSettings): O {
  return resolveOptions<O>(exporter.name, exporter.options, settings.options ?? {});
}

/** The datasets a check runs on, with a second, untouched copy of their samples. */
function datasets(settings: ExporterCheckSettings): [string, ReturnType<typeof memoryDataset>, readonly Sample[]][] {
  const degenerate = (): Sample[] => degenerateSamples().map((c) => c.sample);
  const result: [string, ReturnType<typeof memoryDataset>, readonly Sample[]][] = [["the degenerate samples", memoryDataset(degenerateLabelmap, degenerate()), degenerate()]];
  if (settings.samples !== undefined && settings.samples.length > 0) {
    result.push(["the given samples", memoryDataset(settings.labelmap ?? degenerateLabelmap, settings.samples), settings.samples.map(copySample)]);
  }
  return result;
}

async function attempt<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    const detail = isMaskportError(error) ? `${error.code}: ${error.message}` : String(error);
    throw new ConformanceError(`throws on ${what} instead of reporting diagnostics: ${detail}`, { cause: error });
  }
}

/** Why `path` is not a safe relative output path, or undefined when it is. */
function pathProblem(path: string): string | undefined {
  if (path === "") return "is empty";
  if (path.includes("\\")) return "uses a backslash (paths use /)";
  if (path.startsWith("/") || /^[A-Za-z]:/.test(path)) return "is absolute";
  const segments = path.split("/");
  if (segments.includes("..")) return "has a .. segment";
  if (segments.includes(".")) return "has a . segment";
  if (segments.includes("")) return "has an empty segment (// or a trailing /)";
  return undefined;
}

function checkPaths(files: readonly WrittenFile[], what: string): void {
  const seen = new Set<string>();
  for (const { path, copyFrom } of files) {
    const problem = typeof path === "string" ? pathProblem(path) : "is not a string";
    if (problem !== undefined) throw new ConformanceError(`output path ${JSON.stringify(path)} (${what}) ${problem}`);
    if (seen.has(path)) throw new ConformanceError(`output path ${JSON.stringify(path)} (${what}) is written twice`);
    if (copyFrom !== undefined && !/^(\/|[A-Za-z]:[\\/])/.test(copyFrom))
      throw new ConformanceError(`output ${JSON.stringify(path)} (${what}) copies ${JSON.stringify(copyFrom)}, which is not an absolute path`);
    seen.add(path);
  }
}

function isCount(value: number): boolean {
  return Number.isInteger(value) && value >= 0;
}

function copySample(sample: Sample): Sample {
  return structuredClone(sample);
}

function sameSample(a: Sample, b: Sample | undefined): boolean {
  if (b === undefined || a.id !== b.id || a.width !== b.width || a.height !== b.height || a.instances.length !== b.instances.length) return false;
  return a.instances.every((instance, i) => {
    const other = b.instances[i];
    if (other === undefined) return false;
    const { bbox, bitmap } = instance;
    return (
      instance.label === other.label &&
      instance.instanceId === other.instanceId &&
      instance.area === other.area &&
      bbox.x === other.bbox.x && bbox.y === other.bbox.y && bbox.width === other.bbox.width && bbox.height === other.bbox.height &&
      bitmap.width === other.bitmap.width &&
      bitmap.height === other.bitmap.height &&
      bitmap.data.length === other.bitmap.data.length &&
      bitmap.data.every((value, j) => value === other.bitmap.data[j])
    );
  });
}
