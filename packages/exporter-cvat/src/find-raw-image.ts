/**
 * Finds the raw image of a CVAT frame: beside annotations.xml (`images/<name>`,
 * `images/<subset>/<name>`), else in the `--images` folder by relative path without
 * extension, else by a stem found only once there.
 */
import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join, relative, sep } from "node:path";
import type { ImageRef } from "@maskport/core";
import { IMAGES_DIR } from "./cvat-format.ts";

/** Raw images of a folder by relative path without extension, and by unique bare stem. */
export interface RawImageIndex {
  readonly root: string;
  readonly byPath: ReadonlyMap<string, string>;
  /** `null` marks a stem present in several sub-folders: ambiguous. */
  readonly byStem: ReadonlyMap<string, string | null>;
}

/** Lists the images under `root` once. */
export async function indexRawImages(root: string): Promise<RawImageIndex> {
  const byPath = new Map<string, string>();
  const byStem = new Map<string, string | null>();
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  const files = entries
    .filter((entry) => entry.isFile() && IMAGE_EXTENSION.test(entry.name))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split(sep).join("/"))
    .sort();
  for (const file of files) {
    const key = stripExtension(file);
    if (!byPath.has(key)) byPath.set(key, file);
    const stem = key.slice(key.lastIndexOf("/") + 1);
    byStem.set(stem, byStem.has(stem) ? null : file);
  }
  return { root, byPath, byStem };
}

/** The raw image of frame `name` (a path with extension), or undefined. */
export function findRawImage(name: string, subset: string, xmlFolder: string, index: RawImageIndex | undefined): ImageRef | undefined {
  for (const path of [join(xmlFolder, IMAGES_DIR, name), join(xmlFolder, IMAGES_DIR, subset, name)]) {
    if (existsSync(path)) return { path, fileName: name };
  }
  if (index === undefined) return undefined;
  const id = stripExtension(name);
  const fileName = index.byPath.get(id) ?? index.byStem.get(id.slice(id.lastIndexOf("/") + 1)) ?? undefined;
  return fileName === undefined ? undefined : { path: join(index.root, fileName), fileName };
}

// --- internal ---

const IMAGE_EXTENSION = /\.(png|jpe?g|bmp|gif|tiff?|webp)$/i;

function stripExtension(path: string): string {
  const slash = path.lastIndexOf("/");
  const dot = path.lastIndexOf(".");
  return dot > slash + 1 ? path.slice(0, dot) : path;
}
