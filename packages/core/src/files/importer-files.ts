import type { FileSource } from "./file-source.ts";
import { join, normalize } from "./paths.ts";

/**
 * How an importer's messages name files: as the host's source shows them (a browser's picked
 * files, without the leading `/`), or, with no source given (the CLI, Node scripts, worker
 * threads), as the paths were given or joined, the way importers always named them.
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
 * What is at `path`, as `stat` told it: a folder, or else a file to read (a device or pipe,
 * which has no kind, is read as a file, as `readFile` read it).
 * @throws the read's error when there is nothing to read (ENOENT, EACCES, …)
 */
export async function folderOrFile(files: FileSource, path: string): Promise<"folder" | "file"> {
  const kind = await files.kind(path);
  if (kind !== undefined) return kind;
  await files.read(path, 0);
  return "file";
}

/** `join`, keeping a trailing `/` as Node's `path.join` does (`a` + `b/` → `a/b/`): a name ending in `/` finds no file. */
export function joinKeepingSlash(...parts: string[]): string {
  const joined = join(...parts);
  const last = parts.findLast((part) => part !== "");
  return last?.endsWith("/") === true && !joined.endsWith("/") ? `${joined}/` : joined;
}

/** A path made absolute from folder `base` (absolute), as Node's `path.resolve(base, path)` on POSIX. */
export function resolveFrom(base: string, path: string): string {
  return path.startsWith("/") ? normalize(path) : join(base, path);
}

/** Whether anything is at `path`, as Node's `existsSync`: a file or a folder. */
export async function pathExists(files: FileSource, path: string): Promise<boolean> {
  return (await files.kind(path)) !== undefined;
}
