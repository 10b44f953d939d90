import { join } from "./paths.ts";
import type { FileSource } from "./file-source.ts";

/**
 * Every file under `root` whose name passes `accept`, as `/`-separated paths relative to
 * `root`, sorted (so dataset order does not depend on the file system). Hidden entries
 * (`.name`) are skipped. Symbolic links are followed, to files and to folders; a link back to
 * a folder it is inside (a loop) is not, nor a broken link: `skipped` hears of those (broken
 * links only when their name passes `accept`).
 */
export async function listFiles(files: FileSource, root: string, accept: (name: string) => boolean, skipped?: (path: string, reason: string) => void): Promise<string[]> {
  const found: string[] = [];
  // Folder identities, looked up only when a link leads to a folder: only links make loops.
  const keys = new Map<string, Promise<string | undefined>>();
  const keyOf = (dir: string): Promise<string | undefined> => {
    let key = keys.get(dir);
    if (key === undefined) keys.set(dir, (key = files.folderKey(dir)));
    return key;
  };
  // `ancestors`: the folders on the way down, `dir` last.
  const walk = async (dir: string, prefix: string, ancestors: readonly string[]): Promise<void> => {
    const folders: { name: string; linked: boolean }[] = [];
    for await (const entry of files.list(dir)) {
      if (entry.name.startsWith(".")) continue;
      const path = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
      if (entry.kind === "broken" && accept(entry.name)) skipped?.(path, "a broken symbolic link");
      if (entry.kind === "folder") folders.push({ name: entry.name, linked: entry.linked });
      else if (entry.kind === "file" && accept(entry.name)) found.push(path);
    }
    for (const { name, linked } of folders) {
      const path = prefix === "" ? name : `${prefix}/${name}`;
      const folder = join(dir, name);
      if (linked) {
        const key = await keyOf(folder);
        if (key === undefined) continue;
        if ((await Promise.all(ancestors.map(keyOf))).includes(key)) {
          skipped?.(path, "a symbolic link to a folder it is inside (a loop)");
          continue;
        }
      }
      await walk(folder, path, [...ancestors, folder]);
    }
  };
  await walk(root, "", [root]);
  return found.sort();
}

/** Immediate sub-folder names of `dir` (links to folders too), sorted; empty when `dir` is not a folder. */
export async function listFolders(files: FileSource, dir: string): Promise<string[]> {
  try {
    const folders: string[] = [];
    for await (const entry of files.list(dir)) {
      if (!entry.name.startsWith(".") && entry.kind === "folder") folders.push(entry.name);
    }
    return folders.sort();
  } catch {
    return [];
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
