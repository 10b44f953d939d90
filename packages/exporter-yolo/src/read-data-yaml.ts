/**
 * Reads an Ultralytics `data.yaml` and the image lists it points at, through a FileSource.
 */
import { fileSourceOf, folderOrFile, joinKeepingSlash, MaskportError, paths, readText, resolveFrom, type FileSource } from "@maskport/core";
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
  /** The yaml package's warnings (e.g. an ambiguous anchor), to report as diagnostics naming the file. */
  readonly warnings: readonly string[];
}

/**
 * The largest data.yaml read (1 MiB). Real ones are a few KB, ~20 KB with 1,000 names; the
 * yaml package is slow on some malformed input, and 1 MiB of valid names parses in ~1 s.
 */
export const MAX_DATA_YAML_BYTES = 1024 * 1024;
/** The deepest flow nesting (`[`, `{`) read; a data.yaml nests two or three levels. */
export const MAX_FLOW_DEPTH = 64;
/** The most classes `nc` may declare: label ids are 16-bit (an index mask holds 0..65535). */
export const MAX_CLASSES = 65_535;


/**
 * Parses and resolves a data.yaml.
 * Unlike Ultralytics, a relative `path` (e.g. CVAT's `path: .`) is taken relative to the
 * yaml's folder, not to the current directory, so reading never depends on where it runs.
 * Only `train` is required: Ultralytics needs `val` to train, but Datumaro and CVAT write a
 * task without subsets as `train:` alone (FORMATS.md §4.4), and reading needs no `val`.
 * @param files what to read through; absent: Node's disk
 * @param name how messages name a path (the importer's fileNamer); absent: as it is
 * @throws MaskportError `INVALID_INPUT` (malformed yaml, names, missing train) or `INPUT_NOT_FOUND` (a split's list or folder)
 */
export async function readDataYaml(file: string, files?: FileSource, name: (path: string) => string = (path) => path): Promise<DataYaml> {
  const source = files ?? (fileSourceOf(undefined));
  const fail = (message: string, code: FailCode = "INVALID_INPUT"): never => {
    throw new MaskportError(code, message, { file: name(file), plugin: "yolo" });
  };
  const text = await readText(source, file).catch((error: unknown) => {
    throw new MaskportError("INPUT_NOT_FOUND", `cannot read data.yaml: ${messageOf(error)}`, { file: name(file), plugin: "yolo", cause: error });
  });
  await yaml.load();
  const { data, warnings } = parseYaml(text, fail);
  if (typeof data !== "object" || data === null || Array.isArray(data)) return fail("data.yaml must be a mapping with train (and val, test) and names");
  const record = data as Record<string, unknown>;
  const names = readNames(record, fail);
  const base = paths.dirname(source.resolve(file));
  const path = record.path;
  const root = typeof path === "string" && path !== "" ? (path.startsWith("/") ? path : resolveFrom(base, path)) : base;
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
      images.push(...(await listImages(source, resolveFrom(root, entry), root, (target) => fail(`split path ${name(target)} does not exist`, "INPUT_NOT_FOUND"))));
    }
    splits.push({ split, images });
  }
  return { file, root, names, splits, warnings };
}

// --- internal ---

type FailCode = "INVALID_INPUT" | "INPUT_NOT_FOUND" | "TOO_MANY_LABELS";
type Fail = (message: string, code?: FailCode) => never;

/**
 * Parses the yaml with its size and flow nesting bounded first (the yaml package is quadratic
 * on deep or unclosed flow collections: 160,000 `[` take over 30 s) and its duplicate-key check
 * done here in linear time (its own is quadratic: 20,000 names take 2.4 s). Warnings are
 * returned, never printed by the yaml package as a Node.js process warning.
 */
export function parseYaml(text: string, fail: Fail): { data: unknown; warnings: string[] } {
  if (text.length > MAX_DATA_YAML_BYTES) fail(`data.yaml is ${text.length} characters; more than ${MAX_DATA_YAML_BYTES} is not a data.yaml`);
  checkFlowNesting(text, fail);
  let doc: ReturnType<ReturnType<typeof yaml.get>["parseDocument"]>;
  let data: unknown;
  try {
    doc = yaml.get().parseDocument(text, { logLevel: "error", uniqueKeys: false });
    const first = doc.errors[0];
    if (first !== undefined) throw first;
    checkUniqueKeys(doc, fail);
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    if (error instanceof MaskportError) throw error;
    return fail(`not readable as YAML: ${messageOf(error)}`);
  }
  return { data, warnings: doc.warnings.map((warning) => firstLine(warning.message)) };
}

/** Refuses a mapping that repeats a key (as the yaml package's own `uniqueKeys` does), in linear time. */
function checkUniqueKeys(doc: ReturnType<ReturnType<typeof yaml.get>["parseDocument"]>, fail: Fail): void {
  const { isMap, isScalar, visit } = yaml.get();
  visit(doc, {
    Map(_, map) {
      if (!isMap(map)) return;
      const seen = new Set<string>();
      for (const pair of map.items) {
        const key = isScalar(pair.key) ? `${typeof pair.key.value}:${String(pair.key.value)}` : pair.key === null ? "null" : undefined;
        if (key === undefined) continue;
        if (seen.has(key)) fail(`Map keys must be unique: ${isScalar(pair.key) ? String(pair.key.value).slice(0, 80) : "null"} is repeated`);
        seen.add(key);
      }
    },
  });
}

/**
 * A linear scan of flow collections (`[`, `{` starting a value, then every bracket outside
 * quotes and comments until they close): nesting deeper than MAX_FLOW_DEPTH, or a collection
 * still open at the end, is refused before the yaml package sees it.
 */
export function checkFlowNesting(text: string, fail: Fail): void {
  let depth = 0;
  let valueStart = true; // block context: at the start of a node (line start, after "- ", ": ", "? ")
  let line = 1;
  let openedAt = 0;
  let blockScalarIndent = -1; // inside a | or > block scalar: lines indented deeper than this
  let lineIndent = 0;
  let i = 0;
  let lineStart = true; // at the start of a line not yet looked at
  let afterFlow = false; // a flow collection has just closed (only blanks since)
  const n = text.length;
  const skipQuoted = (quote: string): void => {
    for (i++; i < n; i++) {
      const c = text[i];
      if (c === "\n") line++;
      else if (quote === '"' && c === "\\") i++;
      else if (c === quote) {
        if (quote === "'" && text[i + 1] === "'") i++;
        else return;
      }
    }
  };
  while (i < n) {
    // line start (block context): indentation, block scalar bodies
    if (depth === 0 && lineStart) {
      lineStart = false;
      let j = i;
      while (j < n && text[j] === " ") j++;
      const blank = j >= n || text[j] === "\n" || text[j] === "\r" || text[j] === "#";
      if (blockScalarIndent >= 0 && (blank || j - i > blockScalarIndent)) {
        while (i < n && text[i] !== "\n") i++;
        if (i < n) {
          line++;
          i++;
          lineStart = true;
        }
        continue;
      }
      blockScalarIndent = -1;
      lineIndent = j - i;
      valueStart = true;
      i = j;
      continue;
    }
    const c = text[i] as string;
    const prev = i > 0 ? text[i - 1] : "\n";
    if (c === "\n") {
      line++;
      i++;
      lineStart = true;
      afterFlow = false;
      continue;
    }
    if (c === "#" && (prev === " " || prev === "\t" || prev === "\n" || prev === "\r")) {
      while (i < n && text[i] !== "\n") i++;
      continue;
    }
    if (depth === 0) {
      if (c === " " || c === "\t" || c === "\r") {
        i++;
        continue;
      }
      const wasAfterFlow = afterFlow;
      afterFlow = false;
      if ((valueStart || wasAfterFlow) && (c === "[" || c === "{")) {
        // After a closed collection a bracket is no plain scalar: the yaml package reads it as
        // another (erroneous) flow collection, in quadratic time when they nest.
        depth = 1;
        openedAt = line;
      } else if (valueStart && (c === '"' || c === "'")) {
        skipQuoted(c);
        valueStart = false;
      } else if (valueStart && (c === "|" || c === ">") && /^[|>][-+0-9]*[ \t]*(#.*)?\r?$/.test(text.slice(i, text.indexOf("\n", i) < 0 ? n : text.indexOf("\n", i)))) {
        blockScalarIndent = lineIndent;
        while (i < n && text[i] !== "\n") i++;
        continue;
      } else if ((c === "-" || c === ":" || c === "?") && /[ \t\r\n]/.test(text[i + 1] ?? "\n") && (c === ":" || valueStart)) {
        valueStart = true;
      } else if (c === "&" || c === "!") {
        // an anchor or tag before the value: skip its name, still at the value's start
        while (i + 1 < n && !/[ \t\r\n]/.test(text[i + 1] as string)) i++;
      } else {
        valueStart = false;
      }
      i++;
      continue;
    }
    // flow context
    if (c === "[" || c === "{") {
      depth++;
      if (depth > MAX_FLOW_DEPTH) fail(`flow collections ([ or {) nested deeper than ${MAX_FLOW_DEPTH} levels at line ${line}`);
    } else if (c === "]" || c === "}") {
      depth--;
      valueStart = false;
      afterFlow = depth === 0;
    } else if ((c === '"' || c === "'") && /[[{,:\s]/.test(prev as string)) {
      skipQuoted(c);
    }
    i++;
  }
  if (depth > 0) fail(`a flow collection ([ or {) opened at line ${openedAt} is never closed`);
}

function readNames(record: Record<string, unknown>, fail: Fail): string[] {
  const { names, nc } = record;
  if (names === undefined || names === null) {
    if (nc === undefined || nc === null) return fail("needs names (or nc)");
    if (typeof nc !== "number" || !Number.isInteger(nc) || nc < 1) return fail(`nc must be a whole number of classes (1 or more), not ${String(nc).slice(0, 40)}`);
    if (nc > MAX_CLASSES) return fail(`nc is ${nc}: more than ${MAX_CLASSES} classes, more than a 16-bit index mask holds`, "TOO_MANY_LABELS");
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

async function listImages(files: FileSource, target: string, root: string, missing: (target: string) => never): Promise<string[]> {
  const kind = await folderOrFile(files, target).catch(() => missing(target));
  if (kind === "folder") return (await walk(files, target)).sort();
  const folder = paths.dirname(target);
  const lines = (await readText(files, target)).split(/\r\n|\r|\n/).map((line) => line.trim()).filter((line) => line !== "" && !line.startsWith("#"));
  return Promise.all(lines.map((line) => resolveListEntry(files, line, folder, root)));
}

/**
 * `./x` is relative to the list's folder (Ultralytics get_img_files); other relative lines
 * are taken relative to the dataset root, and CVAT's `data/` prefix is dropped when the
 * prefixed path does not exist.
 */
async function resolveListEntry(files: FileSource, line: string, listFolder: string, root: string): Promise<string> {
  if (line.startsWith("./")) return joinKeepingSlash(listFolder, line.slice(2));
  if (line.startsWith("/")) return line;
  const direct = resolveFrom(root, line);
  if (line.startsWith("data/") && (await files.kind(direct)) === undefined) return resolveFrom(root, line.slice(5));
  return direct;
}

/** Every entry under `folder` with an image extension, hidden ones too; links are not followed into (as `readdir`'s entry types). */
async function walk(files: FileSource, folder: string): Promise<string[]> {
  const found: string[] = [];
  for await (const entry of files.list(folder)) {
    const full = paths.join(folder, entry.name);
    if (entry.kind === "folder" && !entry.linked) found.push(...(await walk(files, full)));
    else if (IMAGE_EXTENSIONS.has(extensionOf(entry.name))) found.push(full);
  }
  return found;
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot < 0 ? "" : name.slice(dot + 1).toLowerCase();
}

function messageOf(error: unknown): string {
  return firstLine(error instanceof Error ? error.message : String(error));
}

/** The yaml package appends a code excerpt on later lines; a diagnostic is one line. */
function firstLine(message: string): string {
  return message.split("\n", 1)[0]?.trimEnd() ?? "";
}
