/**
 * Finds the raw image of a CVAT frame: beside annotations.xml (`images/<name>`,
 * `images/<subset>/<name>`), else in the `--images` folder (core's `matchImage`: relative
 * path without extension, else a stem found only once there).
 */
import { matchImage, pathExists, paths, type FileSource, type ImageIndex, type ImageRef } from "@maskport/core";
import { IMAGES_DIR } from "./cvat-format.ts";

/** The raw image of frame `name` (a path with extension) in `files`, or undefined. */
export async function findRawImage(files: FileSource, name: string, subset: string, xmlFolder: string, index: ImageIndex | undefined): Promise<ImageRef | undefined> {
  for (const path of [paths.join(xmlFolder, IMAGES_DIR, name), paths.join(xmlFolder, IMAGES_DIR, subset, name)]) {
    if (await pathExists(files, path)) return { path, fileName: name };
  }
  if (index === undefined) return undefined;
  const slash = name.lastIndexOf("/");
  const dot = name.lastIndexOf(".");
  return matchImage(index, dot > slash + 1 ? name.slice(0, dot) : name);
}
