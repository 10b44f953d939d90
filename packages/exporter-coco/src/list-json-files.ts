import { opendir } from "node:fs/promises";
import { join } from "node:path";
import { listFiles } from "@maskport/core/node";
import { isJsonFileName } from "./sa1b-format.ts";

/**
 * Every `.json` file under `root`, recursively, as `/`-separated paths relative to `root`,
 * sorted (so sample order does not depend on the file system). Hidden entries are skipped.
 */
export async function listJsonFiles(root: string): Promise<string[]> {
  return listFiles(root, isJsonFileName);
}

/**
 * The first `.json` file met under `root` (files of a folder before its sub-folders), looking
 * at no more than `budget` entries, so that asking a large folder of another format stays
 * quick; undefined when none was met.
 */
export async function findJsonFile(root: string, budget = 2000): Promise<string | undefined> {
  let first: string | undefined;
  let seen = 0;
  await walk(
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

/** Walks folders depth-first (streamed: no folder is held whole); stops when `onJson` or `onEntry` says false. */
async function walk(dir: string, prefix: string, onJson: (path: string) => boolean, onEntry: () => boolean = () => true): Promise<boolean> {
  const folders: string[] = [];
  for await (const entry of await opendir(dir, { bufferSize: 256 })) {
    if (!onEntry()) return false;
    if (entry.name.startsWith(".")) continue;
    const path = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) folders.push(entry.name);
    else if (entry.isFile() && isJsonFileName(entry.name) && !onJson(path)) return false;
  }
  for (const name of folders.sort()) {
    if (!(await walk(join(dir, name), prefix === "" ? name : `${prefix}/${name}`, onJson, onEntry))) return false;
  }
  return true;
}
