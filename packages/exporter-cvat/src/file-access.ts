/**
 * How the importer reaches files: through a {@link FileSource}, so it runs in browsers too.
 * This file is copied from exporter-semantic: keep the two alike (core has no such helper yet).
 */
import { fileSourceOf, type FileSource } from "@maskport/core";

/**
 * The source to read through: the host's `files`, else the Node file system. `@maskport/core/node`
 * registers the latter when loaded (the CLI and its workers load it); a Node script or test that
 * imports this package alone has it loaded here on first need. A browser host passes `files`.
 * @throws Error when there is neither (a browser host that passed no `files`)
 */
export async function sourceOf(files: FileSource | undefined): Promise<FileSource> {
  if (files !== undefined) return files;
  try {
    return fileSourceOf(undefined);
  } catch (error) {
    try {
      // Not a literal, on purpose: browser bundlers must not follow it (it reads the disk with node:fs).
      await import(/* @vite-ignore */ /* webpackIgnore: true */ NODE_ENTRY);
    } catch {
      throw error;
    }
    return fileSourceOf(undefined);
  }
}

/**
 * How messages name a file of the source: as the host's `files` show it (a browser: as the user
 * picked it, without the leading `/`), or the path itself when the host passed none: the Node
 * file system, where these plugins always named files by the paths they joined (the CLI's output).
 */
export function namer(files: FileSource | undefined): (path: string) => string {
  return files === undefined ? (path) => path : (path) => files.show(path);
}

/** Whether anything is at `path`, as Node's `existsSync`: a file or a folder. */
export async function exists(files: FileSource, path: string): Promise<boolean> {
  return (await files.kind(path)) !== undefined;
}


/** `files` naming its files with `name` in messages (core's readers name files with `show`). */
export function showingAs(files: FileSource, name: (path: string) => string): FileSource {
  return {
    kind: (path) => files.kind(path),
    list: (dir) => files.list(dir),
    folderKey: (dir) => files.folderKey(dir),
    read: (path, length) => files.read(path, length),
    resolve: (path) => files.resolve(path),
    show: name,
  };
}

// --- internal ---

const NODE_ENTRY = "@maskport/core/node";
