import { closeSync, openSync, readFileSync, readSync } from "node:fs";
import { opendir, stat } from "node:fs/promises";
import { isAbsolute, join, relative, resolve } from "node:path";
import type { FileSource, FolderEntry, PathKind } from "../files/file-source.ts";

/**
 * The Node file system as a {@link FileSource}. Reads are synchronous on purpose: a sample's
 * mask is decoded synchronously right after, and `fs/promises` costs four thread-pool round
 * trips per file (docs/performance.md).
 */
export const nodeFiles: FileSource = {
  kind: pathKind,
  async *list(dir) {
    // Streamed (opendir) rather than one readdir: a folder of a million masks would otherwise
    // be a million Dirent objects alive at once (~96 bytes each, measured).
    for await (const entry of await opendir(dir, { bufferSize: 1024 })) {
      if (!entry.isSymbolicLink()) {
        yield { name: entry.name, kind: entry.isDirectory() ? "folder" : entry.isFile() ? "file" : "other", linked: false } satisfies FolderEntry;
        continue;
      }
      const kind = await stat(join(dir, entry.name)).then(
        (info): FolderEntry["kind"] => (info.isDirectory() ? "folder" : info.isFile() ? "file" : "other"),
        () => "broken" as const,
      );
      yield { name: entry.name, kind, linked: true };
    }
  },
  async folderKey(dir) {
    try {
      const info = await stat(dir);
      return `${info.dev}:${info.ino}`;
    } catch {
      return undefined;
    }
  },
  async read(path, length) {
    return length === undefined ? readFileSync(path) : readHeadSync(path, length);
  },
  resolve: (path) => resolve(path),
  show: displayPath,
};

/** The first `length` bytes of file `path` (fewer when it is shorter), read synchronously. */
export function readHeadSync(path: string, length: number): Uint8Array {
  const fd = openSync(path, "r");
  try {
    const buffer = new Uint8Array(length);
    return buffer.subarray(0, readSync(fd, buffer, 0, length, 0));
  } finally {
    closeSync(fd);
  }
}

/** What is at `path`: a file, a folder or nothing. */
export async function pathKind(path: string): Promise<PathKind | undefined> {
  try {
    const info = await stat(path);
    return info.isDirectory() ? "folder" : info.isFile() ? "file" : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A path as messages show it: relative to the working folder when inside it. Only Windows paths
 * have their separators turned into `/`: on POSIX a backslash is part of a file name.
 */
export function displayPath(file: string): string {
  const rest = relative(process.cwd(), file);
  if (rest === "" || rest.startsWith("..") || isAbsolute(rest)) return file;
  return process.platform === "win32" ? rest.split("\\").join("/") : rest;
}
