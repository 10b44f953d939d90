import { defaultFiles } from "#default-files";

/** What a path holds. */
export type PathKind = "file" | "folder";

/** One entry of a folder listing. */
export interface FolderEntry {
  readonly name: string;
  /** `broken`: a link that leads nowhere; `other`: a device, socket or pipe. Links are followed. */
  readonly kind: PathKind | "broken" | "other";
  /** Whether the entry is a symbolic link (only links can make a folder loop). */
  readonly linked: boolean;
}

/**
 * How importers (and the `nnunet` exporter) read their input: the Node file system in the CLI,
 * the files a user picked in the browser. Paths are `/`-separated strings the host gave out or
 * joined from them. Reads may be whole-file: one sample's files are small next to its pixels.
 */
export interface FileSource {
  /** What is at `path`: a file, a folder or nothing. */
  kind(path: string): Promise<PathKind | undefined>;
  /** The entries of folder `dir`, in no particular order (callers sort). */
  list(dir: string): AsyncIterable<FolderEntry>;
  /** What identifies folder `dir` whatever links lead there (device and inode), or undefined when it has gone. */
  folderKey(dir: string): Promise<string | undefined>;
  /** The bytes of file `path`, or its first `length` bytes. Rejects when there is no such file. */
  read(path: string, length?: number): Promise<Uint8Array>;
  /** `path` made absolute (a relative path is taken from the working folder, or from the picked files' top). */
  resolve(path: string): string;
  /** `path` as messages show it (relative to the working folder, or to the folder the user picked). */
  show(path: string): string;
}

/**
 * The source an importer reads through: `context.files`, else, in Node, the disk (`nodeFiles`).
 * @throws Error outside Node when the host passed none (a browser host must pass `files`)
 */
export function fileSourceOf(context: { readonly files?: FileSource | undefined } | undefined): FileSource {
  const files = context?.files ?? defaultFiles;
  if (files === undefined) throw new Error("no file source: a host outside Node must pass `files` in the context");
  return files;
}
