import { listFiles, paths, type FileSource } from "@maskport/core";
import { isJsonFileName } from "./sa1b-format.ts";

/**
 * Every `.json` file under `root`, recursively, as `/`-separated paths relative to `root`,
 * sorted (so sample order does not depend on the file system). Hidden entries are skipped.
 */
export async function listJsonFiles(files: FileSource, root: string): Promise<string[]> {
  return listFiles(files, root, isJsonFileName);
}

/**
 * The first `.json` file met under `root` (files of a folder before its sub-folders), looking
 * at no more than `budget` entries, so that asking a large folder of another format stays
 * quick; undefined when none was met.
 */
export async function findJsonFile(files: FileSource, root: string, budget = 2000): Promise<string | undefined> {
  let first: string | undefined;
  let seen = 0;
  await walk(
    files,
    root,
    "",
    (path) => {
      first = path;
      return false;
    },
    () => ++seen <= budget,
  );
  return first;
}

// --- internal ---

/**
 * Walks folders depth-first (streamed: no folder is held whole); stops when `onJson` or
 * `onEntry` says false. Symbolic links are not followed (a quick look, not the listing).
 */
async function walk(files: FileSource, dir: string, prefix: string, onJson: (path: string) => boolean, onEntry: () => boolean = () => true): Promise<boolean> {
  const folders: string[] = [];
  for await (const entry of files.list(dir)) {
    if (!onEntry()) return false;
    if (entry.name.startsWith(".") || entry.linked) continue;
    const path = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
    if (entry.kind === "folder") folders.push(entry.name);
    else if (entry.kind === "file" && isJsonFileName(entry.name) && !onJson(path)) return false;
  }
  for (const name of folders.sort()) {
    if (!(await walk(files, paths.join(dir, name), prefix === "" ? name : `${prefix}/${name}`, onJson, onEntry))) return false;
  }
  return true;
}
