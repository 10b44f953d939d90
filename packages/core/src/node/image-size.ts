import { readFileSync } from "node:fs";
import { HEAD_BYTES, imageInfo, needsWholeJpeg, type ImageInfo } from "../files/image-size.ts";
import { readHeadSync } from "./node-files.ts";

export { imageFormatOf, imageSizeOf, type ImageFormat } from "../files/image-size.ts";

/**
 * Width and height (pixels) of a PNG, JPEG, GIF or BMP, read from its header only; undefined
 * for other formats or unreadable headers.
 * @throws MaskportError IMAGE_TOO_LARGE when the header declares more pixels than the limit (pixel-limit.ts)
 */
export async function readImageSize(file: string): Promise<{ width: number; height: number } | undefined> {
  return readImageSizeSync(file);
}

/**
 * {@link readImageSize}, reading synchronously: a header is one small read, cheaper than the
 * thread-pool round trips of an asynchronous open, read and close.
 * @throws MaskportError IMAGE_TOO_LARGE as {@link readImageSize}
 */
export function readImageSizeSync(file: string): { width: number; height: number } | undefined {
  return readImageInfoSync(file).size;
}

/**
 * The format of an image file by its first bytes (undefined: not an image this reader knows),
 * and its size as {@link readImageSizeSync} gives it.
 * @throws MaskportError IMAGE_TOO_LARGE as {@link readImageSize}
 */
export function readImageInfoSync(file: string): ImageInfo {
  const head = readHeadSync(file, HEAD_BYTES);
  return imageInfo(head, needsWholeJpeg(head) ? readFileSync(file) : undefined, file);
}
