import { join } from "../files/paths.ts";
import type { FileSource } from "../files/file-source.ts";
import type { Diagnostic } from "../plugin.ts";
import type { ImageRef } from "../types.ts";
import { readImageInfo } from "../files/image-size.ts";
import { IMAGE_EXTENSION, listFiles, stripExtension } from "../files/list-files.ts";

/** Raw images by relative path without extension, and by bare stem when that is unique. */
export interface ImageIndex {
  readonly root: string;
  readonly byPath: ReadonlyMap<string, string>;
  readonly byStem: ReadonlyMap<string, string | null>;
}

/**
 * Lists the raw images under `root` once (png, jpg, bmp, gif, tiff, webp), by extension:
 * whether a file really is an image is sniffed when its sample loads ({@link checkMatchedImage}).
 * @param skipped hears of broken links and link loops (see `listFiles`)
 */
export async function indexImages(files: FileSource, root: string, skipped?: (path: string, reason: string) => void): Promise<ImageIndex> {
  const byPath = new Map<string, string>();
  const byStem = new Map<string, string | null>();
  for (const file of await listFiles(files, root, (name) => IMAGE_EXTENSION.test(name), skipped)) {
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

/**
 * A sample's matched raw image, kept only if it really is an image: its first bytes are a PNG,
 * JPEG, GIF, BMP, TIFF or WebP header (matching went by extension). One that is not — an HTML
 * page saved as `.jpg` — is dropped with a warning naming it, so no exporter copies it as the
 * sample's image. Reads the header once; also gives the size it declares.
 * @throws MaskportError IMAGE_TOO_LARGE when the header declares more pixels than the limit
 */
export async function checkMatchedImage(
  files: FileSource,
  image: ImageRef,
  sampleId: string,
  report: (diagnostic: Omit<Diagnostic, "plugin">) => void,
): Promise<{ image: ImageRef | undefined; size: { width: number; height: number } | undefined }> {
  const info = await readImageInfo(files, image.path);
  const shown = files.show(image.path);
  if (info.format !== undefined) return { image, size: info.size };
  report({
    severity: "warning",
    code: "IMAGE_UNREADABLE",
    sampleId,
    file: shown,
    message: `${shown} is not an image (no PNG, JPEG, GIF, BMP, TIFF or WebP header): not attached to the sample, so not copied`,
  });
  return { image: undefined, size: undefined };
}

