import { opendir, readdir, stat } from "node:fs/promises";
import { join } from "node:path";

/**
 * Every file under `root` whose name passes `accept`, as `/`-separated paths relative to
 * `root`, sorted (so dataset order does not depend on the file system). Hidden entries
 * (`.name`) are skipped. Symbolic links are followed, to files and to folders; a link back to
 * a folder it is inside (a loop) is not, nor a broken link: `skipped` hears of those (broken
 * links only when their name passes `accept`).
 */
export async function listFiles(root: string, accept: (name: string) => boolean, skipped?: (path: string, reason: string) => void): Promise<string[]> {
  const found: string[] = [];
  // Device and inode by folder path, looked up only when a link leads to a folder: only links make loops.
  const keys = new Map<string, Promise<string | undefined>>();
  const keyOf = (dir: string): Promise<string | undefined> => {
    let key = keys.get(dir);
    if (key === undefined) keys.set(dir, (key = folderKey(dir)));
    return key;
  };
  // `ancestors`: the folders on the way down, `dir` last.
  const walk = async (dir: string, prefix: string, ancestors: readonly string[]): Promise<void> => {
    // Streamed (opendir) rather than one readdir: a folder of a million masks would otherwise
    // be a million Dirent objects alive at once (~96 bytes each, measured), before any is dropped.
    const folders: { name: string; linked: boolean }[] = [];
    for await (const entry of await opendir(dir, { bufferSize: 1024 })) {
      if (entry.name.startsWith(".")) continue;
      const path = prefix === "" ? entry.name : `${prefix}/${entry.name}`;
      let kind = entry.isDirectory() ? "folder" : entry.isFile() ? "file" : undefined;
      if (entry.isSymbolicLink()) {
        kind = await stat(join(dir, entry.name)).then(
          (info) => (info.isDirectory() ? "folder" : info.isFile() ? "file" : undefined),
          () => "broken",
        );
        if (kind === "broken" && accept(entry.name)) skipped?.(path, "a broken symbolic link");
      }
      if (kind === "folder") folders.push({ name: entry.name, linked: entry.isSymbolicLink() });
      else if (kind === "file" && accept(entry.name)) found.push(path);
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
export async function listFolders(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    const folders: string[] = [];
    for (const entry of entries) {
      if (entry.name.startsWith(".")) continue;
      if (entry.isDirectory() || (entry.isSymbolicLink() && (await pathKind(join(dir, entry.name))) === "folder")) folders.push(entry.name);
    }
    return folders.sort();
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

/** Device and inode of a folder (what identifies it whatever links lead there), or undefined when it has gone. */
async function folderKey(dir: string): Promise<string | undefined> {
  try {
    const info = await stat(dir);
    return `${info.dev}:${info.ino}`;
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
