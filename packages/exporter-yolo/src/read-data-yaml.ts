/**
 * Reads an Ultralytics `data.yaml` and the image lists it points at (node side).
 */
import { readdir, readFile, stat } from "node:fs/promises";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { MaskportError } from "@maskport/core";
import { IMAGE_EXTENSIONS, yaml } from "./yolo-format.ts";
import type { YoloSplit } from "./yolo-format.ts";

/** A data.yaml, resolved: class names and the absolute image paths of every split. */
export interface DataYaml {
  /** The yaml file itself. */
  readonly file: string;
  /** Dataset root: `path` when absolute, else `path` under the yaml's folder. */
  readonly root: string;
  /** Class names by 0-based class id. */
  readonly names: readonly string[];
  /** Absolute image paths per split, in list order, duplicates across splits kept. */
  readonly splits: readonly { readonly split: YoloSplit; readonly images: readonly string[] }[];
}


/**
 * Parses and resolves a data.yaml.
 * Unlike Ultralytics, a relative `path` (e.g. CVAT's `path: .`) is taken relative to the
 * yaml's folder, not to the current directory, so reading never depends on where it runs.
 * Only `train` is required: Ultralytics needs `val` to train, but Datumaro and CVAT write a
 * task without subsets as `train:` alone (FORMATS.md §4.4), and reading needs no `val`.
 * @throws MaskportError `INVALID_INPUT` (malformed yaml, names, missing train) or `INPUT_NOT_FOUND` (a split's list or folder)
 */
export async function readDataYaml(file: string): Promise<DataYaml> {
  const fail = (message: string, code: "INVALID_INPUT" | "INPUT_NOT_FOUND" = "INVALID_INPUT"): never => {
    throw new MaskportError(code, message, { file, plugin: "yolo" });
  };
  const text = await readFile(file, "utf8").catch((error: unknown) => {
    throw new MaskportError("INPUT_NOT_FOUND", `cannot read data.yaml: ${messageOf(error)}`, { file, plugin: "yolo", cause: error });
  });
  let data: unknown;
  try {
    data = yaml().parse(text);
  } catch (error) {
    throw new MaskportError("INVALID_INPUT", `not readable as YAML: ${messageOf(error)}`, { file, plugin: "yolo", cause: error });
  }
  if (typeof data !== "object" || data === null || Array.isArray(data)) return fail("data.yaml must be a mapping with train (and val, test) and names");
  const record = data as Record<string, unknown>;
  const names = readNames(record, fail);
  const base = dirname(resolve(file));
  const path = record.path;
  const root = typeof path === "string" && path !== "" ? (isAbsolute(path) ? path : resolve(base, path)) : base;
  const splits: { split: YoloSplit; images: string[] }[] = [];
  for (const split of ["train", "val", "test"] as const) {
    const value = record[split] ?? (split === "val" ? record.validation : undefined);
    if (value === undefined || value === null || value === "") {
      if (split === "train") fail('"train" is missing: a data.yaml names its images with train (and val, test)');
      continue;
    }
    const entries = Array.isArray(value) ? value : [value];
    const images: string[] = [];
    for (const entry of entries) {
      if (typeof entry !== "string") return fail(`"${split}" must be a path or a list of paths`);
      images.push(...(await listImages(resolve(root, entry), root, fail)));
    }
    splits.push({ split, images });
  }
  return { file, root, names, splits };
}

// --- internal ---

type Fail = (message: string, code?: "INVALID_INPUT" | "INPUT_NOT_FOUND") => never;

function readNames(record: Record<string, unknown>, fail: Fail): string[] {
  const { names, nc } = record;
  if (names === undefined || names === null) {
    if (typeof nc !== "number" || !Number.isInteger(nc) || nc < 0) return fail("needs names (or nc)");
    return Array.from({ length: nc }, (_, i) => `class_${i}`);
  }
  let list: string[];
  if (Array.isArray(names)) {
    list = names.map((name) => String(name));
  } else if (typeof names === "object") {
    // Ultralytics casts dict keys to int and requires exactly 0..n-1.
    const entries = Object.entries(names as Record<string, unknown>).map(([key, value]) => [Number(key), String(value)] as const);
    list = [];
    for (const [key, value] of entries) {
      if (!Number.isInteger(key) || key < 0 || key >= entries.length) fail(`names key ${String(key)} is not one of 0..${entries.length - 1}`);
      list[key] = value;
    }
  } else {
    return fail("names must be a list or a mapping of 0..n-1 to names");
  }
  if (nc !== undefined && nc !== list.length) fail(`nc is ${String(nc)} but names has ${list.length} entries`);
  return list;
}

async function listImages(target: string, root: string, fail: Fail): Promise<string[]> {
  const info = await stat(target).catch(() => undefined);
  if (info === undefined) return fail(`split path ${target} does not exist`, "INPUT_NOT_FOUND");
  if (info.isDirectory()) return (await walk(target)).sort();
  const folder = dirname(target);
  const lines = (await readFile(target, "utf8")).split(/\r\n|\r|\n/).map((line) => line.trim()).filter((line) => line !== "" && !line.startsWith("#"));
  return Promise.all(lines.map((line) => resolveListEntry(line, folder, root)));
}

/**
 * `./x` is relative to the list's folder (Ultralytics get_img_files); other relative lines
 * are taken relative to the dataset root, and CVAT's `data/` prefix is dropped when the
 * prefixed path does not exist.
 */
async function resolveListEntry(line: string, listFolder: string, root: string): Promise<string> {
  if (line.startsWith("./")) return join(listFolder, line.slice(2));
  if (isAbsolute(line)) return line;
  const direct = resolve(root, line);
  if (line.startsWith("data/") && !(await exists(direct))) return resolve(root, line.slice(5));
  return direct;
}

async function walk(folder: string): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(folder, { withFileTypes: true })) {
    const full = join(folder, entry.name);
    if (entry.isDirectory()) found.push(...(await walk(full)));
    else if (IMAGE_EXTENSIONS.has(extensionOf(entry.name))) found.push(full);
  }
  return found;
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot < 0 ? "" : name.slice(dot + 1).toLowerCase();
}

async function exists(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined)) !== undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
