import { opendir, readdir, stat } from "node:fs/promises";
import { join } from "node:path";

/**
 * Every file under `root` whose name passes `accept`, as `/`-separated paths relative to
 * `root`, sorted (so dataset order does not depend on the file system). Hidden entries
 * (`.name`) are skipped.
 */
export async function listFiles(root: string, accept: (name: string) => boolean): Promise<string[]> {
  const found: string[] = [];
  const walk = async (dir: string, prefix: string): Promise<void> => {
    // Streamed (opendir) rather than one readdir: a folder of a million masks would otherwise
    // be a million Dirent objects alive at once (~96 bytes each, measured), before any is dropped.
    const folders: string[] = [];
    for await (const entry of await opendir(dir, { bufferSize: 1024 })) {
      if (entry.name.startsWith(".")) continue;
      if (entry.isDirectory()) folders.push(entry.name);
      else if (entry.isFile() && accept(entry.name)) found.push(prefix === "" ? entry.name : `${prefix}/${entry.name}`);
    }
    for (const name of folders) await walk(join(dir, name), prefix === "" ? name : `${prefix}/${name}`);
  };
  await walk(root, "");
  return found.sort();
}

/** Immediate sub-folder names of `dir`, sorted; empty when `dir` is not a folder. */
export async function listFolders(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.filter((entry) => entry.isDirectory() && !entry.name.startsWith(".")).map((entry) => entry.name).sort();
  } catch {
    return [];
  }
}

/** What is at `path`: a file, a folder or nothing. */
export async function pathKind(path: string): Promise<"file" | "folder" | undefined> {
  try {
    const info = await stat(path);
    return info.isDirectory() ? "folder" : info.isFile() ? "file" : undefined;
  } catch {
    return undefined;
  }
}

/** Extensions of files that may be masks: PNGs, plus JPEGs so they are refused with a reason. */
export const MASK_EXTENSION = /\.(png|jpe?g)$/i;

/** Extensions of raw images matched to samples by stem. */
export const IMAGE_EXTENSION = /\.(png|jpe?g|bmp|gif|tiff?|webp)$/i;

/** `a/b/c.png` → `a/b/c`. */
export function stripExtension(path: string): string {
  const dot = path.lastIndexOf(".");
  return dot > path.lastIndexOf("/") ? path.slice(0, dot) : path;
}
