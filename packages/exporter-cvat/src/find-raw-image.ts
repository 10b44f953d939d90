/**
 * Finds the raw image of a CVAT frame: beside annotations.xml (`images/<name>`,
 * `images/<subset>/<name>`), else in the `--images` folder (core's `matchImage`: relative
 * path without extension, else a stem found only once there).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { ImageRef } from "@maskport/core";
import { matchImage, type ImageIndex } from "@maskport/core/node";
import { IMAGES_DIR } from "./cvat-format.ts";

/** The raw image of frame `name` (a path with extension), or undefined. */
export function findRawImage(name: string, subset: string, xmlFolder: string, index: ImageIndex | undefined): ImageRef | undefined {
  for (const path of [join(xmlFolder, IMAGES_DIR, name), join(xmlFolder, IMAGES_DIR, subset, name)]) {
    if (existsSync(path)) return { path, fileName: name };
  }
  if (index === undefined) return undefined;
  const slash = name.lastIndexOf("/");
  const dot = name.lastIndexOf(".");
  return matchImage(index, dot > slash + 1 ? name.slice(0, dot) : name);
}
