import { fileSourceOf, paths, type FileSource } from "@maskport/core";

/**
 * The source an importer reads through: the host's `files`, else core's fallback (Node's disk
 * once `@maskport/core/node` is loaded). In Node, when nothing has loaded it yet (a script or
 * test that imports only this package), it is loaded here on first use: these modules never
 * import it statically, so a browser bundle holds no `node:` module. Browser hosts pass `files`.
 * @throws Error when there is no source and this is not Node
 */
export async function inputFiles(context?: { readonly files?: FileSource | undefined }): Promise<FileSource> {
  if (context?.files !== undefined) return context.files;
  try {
    return fileSourceOf(undefined);
  } catch (error) {
    if (typeof process === "undefined" || process.versions?.node === undefined) throw error;
    // A specifier bundlers leave alone: the browser never takes this path.
    await import(/* webpackIgnore: true */ /* @vite-ignore */ NODE_ENTRY);
    return fileSourceOf(undefined);
  }
}

/**
 * How a read's messages name files: as the host's source shows them (a browser's picked files,
 * without the leading `/`), or, with no source given (the CLI, Node scripts, worker threads), as
 * the paths were given or joined, the way the importers always named them.
 */
export function fileNamer(context: { readonly files?: FileSource | undefined }): (path: string) => string {
  const files = context.files;
  return files === undefined ? (path) => path : (path) => files.show(path);
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

// --- internal ---

const NODE_ENTRY = "@maskport/core/node";
