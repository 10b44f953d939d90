import { fileSourceOf, paths, type FileSource } from "@maskport/core";

/**
 * The source the importer reads through: the host's `files`, else core's fallback (Node's disk
 * once `@maskport/core/node` is loaded). In Node, when nothing has loaded it yet (a script or
 * test that imports only this package), it is loaded here on first use: these modules never
 * import it statically, so a browser bundle holds no `node:` module. Browser hosts pass `files`.
 * (The same helper as exporter-coco's input-files.ts: a candidate for core.)
 * @throws Error when there is no source and this is not Node
 */
export async function inputFiles(context?: { readonly files?: FileSource | undefined }): Promise<FileSource> {
  if (context?.files !== undefined) return context.files;
  try {
    return fileSourceOf(undefined);
  } catch (error) {
    if (!isNode()) throw error;
    await nodeEntry(); // registers Node's disk as the fallback
    return fileSourceOf(undefined);
  }
}

/**
 * How a read's messages name files: as the host's source shows them (a browser's picked files,
 * without the leading `/`), or, with no source given (the CLI, Node scripts, worker threads), as
 * the paths were given or joined, the way the importer always named them.
 */
export function fileNamer(context: { readonly files?: FileSource | undefined }): (path: string) => string {
  const files = context.files;
  return files === undefined ? (path) => path : (path) => files.show(path);
}

/** `files` with messages naming paths by `name` (for core helpers that name files with `show`). */
export function namedSource(files: FileSource, name: (path: string) => string): FileSource {
  return {
    kind: (path) => files.kind(path),
    list: (dir) => files.list(dir),
    folderKey: (dir) => files.folderKey(dir),
    read: (path, length) => files.read(path, length),
    resolve: (path) => files.resolve(path),
    show: name,
  };
}

/**
 * What is at `path`, as `stat` told it before sources existed: a folder, or else a file to read.
 * A device or pipe (no kind) is read as a file, as `readFile` read it.
 * @throws the read's error when there is nothing to read (ENOENT, EACCES, …)
 */
export async function folderOrFile(files: FileSource, path: string): Promise<"folder" | "file"> {
  const kind = await files.kind(path);
  if (kind !== undefined) return kind;
  await files.read(path, 0);
  return "file";
}

/**
 * `paths.join`, keeping a trailing `/` as Node's `path.join` does (`a` + `b/` → `a/b/`), so
 * that a name ending in `/` still finds no file on disk, as before.
 */
export function nodeJoin(...parts: string[]): string {
  const joined = paths.join(...parts);
  const last = parts.findLast((part) => part !== "");
  return last?.endsWith("/") === true && !joined.endsWith("/") ? `${joined}/` : joined;
}

/** A path made absolute from folder `base` (absolute), as Node's `path.resolve(base, path)` on POSIX. */
export function resolveFrom(base: string, path: string): string {
  return path.startsWith("/") ? paths.normalize(path) : paths.join(base, path);
}

/**
 * `@maskport/core/node`, loaded on first use in Node only.
 * @throws Error outside Node
 */
export function nodeEntry(): Promise<NodeEntry> {
  if (!isNode()) return Promise.reject(new Error(`${NODE_ENTRY} is for Node only: this needs what it exports in @maskport/core's root entry`));
  // A specifier bundlers leave alone: browsers never take this path.
  return (nodeModule ??= import(/* webpackIgnore: true */ /* @vite-ignore */ NODE_ENTRY) as Promise<NodeEntry>);
}

// --- internal ---

type NodeEntry = typeof import("@maskport/core/node");

const NODE_ENTRY = "@maskport/core/node";
let nodeModule: Promise<NodeEntry> | undefined;

function isNode(): boolean {
  return typeof process !== "undefined" && process.versions?.node !== undefined;
}
