import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isMaskportError } from "../errors.ts";
import type { Dataset, Diagnostic, Importer } from "../plugin.ts";
import { resolveOptions } from "../resolve-options.ts";
import type { Sample } from "../types.ts";
import { ConformanceError } from "./_run.ts";
import { checkLabelmapInvariants, checkSampleInvariants } from "./check-sample.ts";

/** What the importer checks run on. */
export interface ImporterCheckSettings {
  /** Path of a valid input of this format, made by the caller (a fixture or a temp folder). */
  readonly input: string;
  /** Paths of inputs this importer must refuse with a MaskportError or an error diagnostic. */
  readonly invalidInputs?: readonly string[];
  /** Options to read with, as the CLI would pass them. Default: all defaults. */
  readonly options?: Readonly<Record<string, unknown>>;
}

/**
 * Checks `detect`: true on the valid input, false (not a throw) on an unrelated folder
 * holding one text file, and false on a path that does not exist.
 * @throws ConformanceError
 */
export async function checkImporterDetect<O extends object>(importer: Importer<O>, settings: ImporterCheckSettings): Promise<void> {
  if ((await attemptDetect(importer, settings.input)) !== true) throw new ConformanceError(`detect(${settings.input}) is not true on the valid input`);
  const unrelated = await mkdtemp(join(tmpdir(), "maskport-unrelated-"));
  try {
    await writeFile(join(unrelated, "notes.txt"), "not a dataset\n");
    if ((await attemptDetect(importer, unrelated)) !== false) throw new ConformanceError("detect is not false on an unrelated folder holding only notes.txt");
    if ((await attemptDetect(importer, join(unrelated, "missing"))) !== false) throw new ConformanceError("detect is not false on a path that does not exist");
  } finally {
    await rm(unrelated, { recursive: true, force: true });
  }
}

/**
 * Checks `read` and the dataset it returns: a valid labelmap (unique ids and names),
 * subsets, structured-cloneable refs that load the same sample after cloning, unique
 * (subset, id) pairs, `size` equal to the ref count when given, and every sample meeting
 * {@link checkSampleInvariants} with no empty instances.
 * @throws ConformanceError
 */
export async function checkImporterRead<O extends object>(importer: Importer<O>, settings: ImporterCheckSettings): Promise<void> {
  const diagnostics: Diagnostic[] = [];
  let dataset: Dataset;
  try {
    dataset = await importer.read(settings.input, resolveOptions<O>(importer.name, importer.options, settings.options ?? {}), {
      report: (d) => diagnostics.push(d),
    });
  } catch (error) {
    throw new ConformanceError(`read(${settings.input}) throws on the valid input: ${describeError(error)}`, { cause: error });
  }
  checkLabelmapInvariants(dataset.labelmap);
  if (!Array.isArray(dataset.subsets) || dataset.subsets.length === 0 || !dataset.subsets.every((s) => typeof s === "string" && s !== ""))
    throw new ConformanceError(`subsets must be a non-empty array of names, not ${JSON.stringify(dataset.subsets)}`);
  const seen = new Set<string>();
  let count = 0;
  for await (const ref of dataset.refs()) {
    count++;
    let clone: unknown;
    try {
      clone = structuredClone(ref);
    } catch (error) {
      throw new ConformanceError(`ref ${count} is not structured-cloneable: ${String(error)}`, { cause: error });
    }
    const sample = await attemptLoad(dataset, ref, count);
    const again = await attemptLoad(dataset, clone, count);
    if (fingerprint(sample) !== fingerprint(again)) throw new ConformanceError(`sample ${sample.id}: loading a structured clone of its ref gives a different sample`);
    checkSampleInvariants(sample, dataset.labelmap, "loaded by the importer");
    if (!dataset.subsets.includes(sample.subset)) throw new ConformanceError(`sample ${sample.id}: subset ${sample.subset} is not in dataset.subsets`);
    const empty = sample.instances.find((instance) => instance.area === 0);
    if (empty !== undefined) throw new ConformanceError(`sample ${sample.id}: instance ${empty.instanceId} is empty (area 0); importers report such instances instead`);
    const key = `${sample.subset}\u0000${sample.id}`;
    if (seen.has(key)) throw new ConformanceError(`sample id ${sample.id} appears twice in subset ${sample.subset}`);
    seen.add(key);
  }
  if (count === 0) throw new ConformanceError("the valid input gives no samples; give the suite an input with at least one");
  if (dataset.size !== undefined && dataset.size !== count) throw new ConformanceError(`dataset.size is ${dataset.size}, but refs() yields ${count}`);
}

/**
 * Checks that an invalid input is refused: `read`, or `load` of one of its refs, throws a
 * MaskportError with a specific code (not PLUGIN_FAILED) and a message, or the importer
 * reports an error diagnostic.
 * @throws ConformanceError
 */
export async function checkImporterRejects<O extends object>(importer: Importer<O>, input: string, settings: Omit<ImporterCheckSettings, "input"> = {}): Promise<void> {
  const errors: Diagnostic[] = [];
  try {
    const dataset = await importer.read(input, resolveOptions<O>(importer.name, importer.options, settings.options ?? {}), {
      report: (d) => {
        if (d.severity === "error") errors.push(d);
      },
    });
    for await (const ref of dataset.refs()) await dataset.load(ref);
  } catch (error) {
    if (!isMaskportError(error)) throw new ConformanceError(`invalid input ${input}: throws a plain error instead of a MaskportError: ${String(error)}`, { cause: error });
    if (error.code === "PLUGIN_FAILED") throw new ConformanceError(`invalid input ${input}: refused only as PLUGIN_FAILED; use a specific code`, { cause: error });
    if (error.message.trim() === "") throw new ConformanceError(`invalid input ${input}: the ${error.code} error has no message`);
    return;
  }
  if (errors.length === 0) throw new ConformanceError(`invalid input ${input} is accepted without an error`);
}

// --- internal ---

async function attemptDetect<O extends object>(importer: Importer<O>, input: string): Promise<unknown> {
  try {
    return await importer.detect(input);
  } catch (error) {
    throw new ConformanceError(`detect(${input}) throws instead of answering: ${describeError(error)}`, { cause: error });
  }
}

async function attemptLoad(dataset: Dataset, ref: unknown, index: number): Promise<Sample> {
  try {
    return await dataset.load(ref);
  } catch (error) {
    throw new ConformanceError(`load of ref ${index} throws on the valid input: ${describeError(error)}`, { cause: error });
  }
}

/** A string that is equal for two samples exactly when their data are equal. */
function fingerprint(sample: Sample): string {
  return JSON.stringify(sample, (_key, value: unknown) => (value instanceof Uint8Array ? Array.from(value).join("") : value));
}

function describeError(error: unknown): string {
  return isMaskportError(error) ? `${error.code}: ${error.message}` : String(error);
}
