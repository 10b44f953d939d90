// The fuzzer's property, shared by `npm run fuzz` (scripts/fuzz.mjs, over the built packages)
// and the CI test (apps/cli/test/fuzz.test.ts, where vitest resolves the same imports to the
// TypeScript sources): a mutant of a valid seed is read, every sample loaded and encoded by an
// exporter, and its output drained in memory. It either converts, or is refused with a
// MaskportError of a stable code. Anything else — a plain Error, TypeError, RangeError, a stack
// overflow, PLUGIN_FAILED, an unknown code, or a mutant slower than the limit — is a failure.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { contentsToBytes, isMaskportError, memorySpool, resolveOptions } from "@maskport/core";
import { maskImporter } from "@maskport/core/node";
import coco from "@maskport/exporter-coco";
import cvat from "@maskport/exporter-cvat";
import semantic from "@maskport/exporter-semantic";
import yolo from "@maskport/exporter-yolo";
import { mutate } from "./mutate.mjs";
import { randomFor } from "./random.mjs";
import { SEEDS } from "./seeds.mjs";

/**
 * @typedef {import("./seeds.mjs").Seed} Seed
 * @typedef {{ kind: "converted" } | { kind: "refused", code: string }} Success
 * @typedef {{ kind: "failure", stage: string, reason: string, error: string, stack?: string }} Failure
 * @typedef {(Success | Failure) & { ms: number }} Outcome
 */

/** Every target, in report order. */
export const TARGETS = Object.keys(SEEDS);

/** Every stable error code (the `ErrorCode` union of core's errors.ts), PLUGIN_FAILED left out. */
export const STABLE_CODES = readStableCodes();

/** @type {Map<string, any>} */
const plugins = new Map();
for (const plugin of [maskImporter, ...coco, ...cvat, ...semantic, ...yolo]) plugins.set(`${plugin.kind}:${plugin.name}`, plugin);

/**
 * The mutant `index` of `target` under `seed`: which seed file it starts from and its bytes.
 * @param {number} seed @param {string} target @param {number} index
 * @returns {{ seedIndex: number, bytes: Uint8Array }}
 */
export function mutantOf(seed, target, index) {
  const seeds = SEEDS[target];
  if (seeds === undefined) throw new Error(`unknown fuzz target ${target} (targets: ${TARGETS.join(", ")})`);
  const random = randomFor(seed, target, index);
  const seedIndex = random.int(seeds.length);
  const base = /** @type {Seed} */ (seeds[seedIndex]);
  const original = bytesOf(/** @type {string | Uint8Array} */ (base.files[base.file]));
  const others = seeds.filter((other) => other.kind === base.kind).map((other) => bytesOf(/** @type {string | Uint8Array} */ (other.files[other.file])));
  return { seedIndex, bytes: mutate(original, base.kind, random, others) };
}

/** The file a seed of `target` has mutated. @param {string} target @param {number} seedIndex */
export function seedFile(target, seedIndex) {
  const seed = SEEDS[target]?.[seedIndex];
  if (seed === undefined) throw new Error(`no seed ${seedIndex} of ${target}`);
  return seed.file;
}

/**
 * A folder per seed of `target` under `root`, every seed file written once; `run` then only
 * rewrites the mutated file.
 * @param {string} root @param {string} target
 */
export function prepareTarget(root, target) {
  const seeds = /** @type {readonly Seed[]} */ (SEEDS[target]);
  seeds.forEach((seed, i) => {
    for (const [path, contents] of Object.entries(seed.files)) writeFile(join(root, target, String(i), path), contents);
  });
}

/**
 * Runs one input through read → load → encode → write in memory, `bytes` in place of the seed's
 * mutated file (`undefined`: the seed itself), and classifies what happened.
 * @param {string} root folder given to {@link prepareTarget}
 * @param {string} target
 * @param {number} seedIndex
 * @param {Uint8Array | undefined} bytes
 * @param {{ slowMs?: number }} [options]
 * @returns {Promise<Outcome>}
 */
export async function runInput(root, target, seedIndex, bytes, options = {}) {
  const seed = /** @type {Seed} */ (SEEDS[target]?.[seedIndex]);
  const folder = join(root, target, String(seedIndex));
  writeFile(join(folder, seed.file), bytes ?? /** @type {string | Uint8Array} */ (seed.files[seed.file]));
  const started = performance.now();
  /** @type {Success | Failure} */
  let outcome;
  let stage = "detect";
  try {
    const importer = plugins.get(`importer:${seed.importer}`);
    const exporter = plugins.get(`exporter:${seed.to}`);
    const input = seed.input === undefined ? folder : join(folder, seed.input);
    await importer.detect(input);
    stage = "read";
    const report = () => {};
    const dataset = await importer.read(input, resolveOptions(importer.name, importer.options, {}), { report });
    const exportOptions = resolveOptions(exporter.name, exporter.options, {});
    const labelmap = dataset.labelmap;
    /** @type {{ sample: object, fragment: unknown }[]} */
    const records = [];
    for await (const ref of dataset.refs()) {
      stage = "load";
      const sample = await dataset.load(ref);
      stage = "encode";
      const fragment = await exporter.encodeSample(sample, exportOptions, { labelmap, report });
      const { instances: _pixels, ...info } = sample;
      records.push({ sample: info, fragment });
    }
    stage = "write";
    const files = exporter.write({ labelmap, subsets: dataset.subsets, fragments: iterate(records) }, exportOptions, { labelmap, signal: new AbortController().signal, report, spool: memorySpool });
    for await (const file of files) if (!("copyFrom" in file)) await contentsToBytes(file.contents);
    outcome = { kind: "converted" };
  } catch (error) {
    outcome = classify(stage, error);
  }
  const ms = performance.now() - started;
  if (outcome.kind !== "failure" && options.slowMs !== undefined && ms > options.slowMs) {
    return { kind: "failure", stage: "time", reason: "slow", error: `took ${Math.round(ms)} ms (limit ${options.slowMs} ms); outcome ${outcome.kind === "refused" ? outcome.code : "converted"}`, ms };
  }
  return { ...outcome, ms };
}

/**
 * A short, stable description of a failure, for grouping mutants that fail the same way.
 * @param {Failure} failure
 */
export function signatureOf(failure) {
  return `${failure.stage}: ${failure.error.split("\n")[0]?.replace(/\d+/g, "N").slice(0, 160)}`;
}

// --- internal ---

/** @param {string} stage @param {unknown} error @returns {Success | Failure} */
function classify(stage, error) {
  if (isMaskportError(error)) {
    const code = /** @type {{ code: string }} */ (error).code;
    if (STABLE_CODES.has(code)) return { kind: "refused", code };
    const cause = /** @type {{ cause?: unknown }} */ (error).cause;
    return { kind: "failure", stage, reason: code === "PLUGIN_FAILED" ? "PLUGIN_FAILED" : "unknown code", error: `${code}: ${error.message}${cause instanceof Error ? ` (cause: ${cause.name}: ${cause.message})` : ""}`, ...(cause instanceof Error && cause.stack !== undefined ? { stack: cause.stack } : {}) };
  }
  if (error instanceof Error) {
    const overflow = error instanceof RangeError && /call stack/.test(error.message);
    return { kind: "failure", stage, reason: overflow ? "stack overflow" : error.name, error: `${error.name}: ${error.message}`, ...(error.stack === undefined ? {} : { stack: error.stack }) };
  }
  return { kind: "failure", stage, reason: "non-error thrown", error: String(error) };
}

/** @param {string | Uint8Array} contents */
function bytesOf(contents) {
  return typeof contents === "string" ? new TextEncoder().encode(contents) : contents;
}

/** @param {string} file @param {string | Uint8Array} contents */
function writeFile(file, contents) {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, contents);
}

/** @template T @param {readonly T[]} items */
async function* iterate(items) {
  yield* items;
}

function readStableCodes() {
  const text = readFileSync(new URL("../../packages/core/src/errors.ts", import.meta.url), "utf8");
  const union = /export type ErrorCode =([^;]+);/.exec(text)?.[1] ?? "";
  const codes = new Set([...union.matchAll(/"([A-Z_]+)"/g)].map((match) => /** @type {string} */ (match[1])));
  codes.delete("PLUGIN_FAILED");
  if (codes.size < 10) throw new Error("cannot read the ErrorCode union from packages/core/src/errors.ts");
  return codes;
}
