/** Test helper: materialise an exporter's output files in a folder (copies included). */
import { copyFile, mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";

/** Writes `files` (from collectFiles) under `folder`. */
export async function writeExport(folder: string, files: ReadonlyMap<string, Uint8Array | { copyFrom: string }>): Promise<void> {
  for (const [path, contents] of files) {
    const target = join(folder, path);
    await mkdir(dirname(target), { recursive: true });
    if (contents instanceof Uint8Array) await writeFile(target, contents);
    else await copyFile(contents.copyFrom, target);
  }
}

/** Writes text files given as { relative path: contents }. */
export async function writeTree(folder: string, tree: Readonly<Record<string, string | Uint8Array>>): Promise<void> {
  for (const [path, contents] of Object.entries(tree)) {
    const target = join(folder, path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, contents);
  }
}
