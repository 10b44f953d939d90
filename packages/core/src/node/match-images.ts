import { join } from "node:path";
import type { ImageRef } from "../types.ts";
import { IMAGE_EXTENSION, listFiles, stripExtension } from "./list-files.ts";

/** Raw images by relative path without extension, and by bare stem when that is unique. */
export interface ImageIndex {
  readonly root: string;
  readonly byPath: ReadonlyMap<string, string>;
  readonly byStem: ReadonlyMap<string, string | null>;
}

/** Lists the raw images under `root` once (png, jpg, bmp, gif, tiff, webp). */
export async function indexImages(root: string): Promise<ImageIndex> {
  const byPath = new Map<string, string>();
  const byStem = new Map<string, string | null>();
  for (const file of await listFiles(root, (name) => IMAGE_EXTENSION.test(name))) {
    const key = stripExtension(file);
    if (!byPath.has(key)) byPath.set(key, file);
    const stem = key.slice(key.lastIndexOf("/") + 1);
    // null marks a stem found in several sub-folders: ambiguous, so only full paths match it.
    byStem.set(stem, byStem.has(stem) && byStem.get(stem) !== file ? null : file);
  }
  return { root, byPath, byStem };
}

/** The image of sample `id`: same relative path, else the same unique stem; undefined when none. */
export function matchImage(index: ImageIndex, id: string): ImageRef | undefined {
  const fileName = index.byPath.get(id) ?? index.byStem.get(id.slice(id.lastIndexOf("/") + 1)) ?? undefined;
  return fileName === undefined ? undefined : { path: join(index.root, fileName), fileName };
}
