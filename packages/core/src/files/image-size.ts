import { checkPixelLimit } from "../png/pixel-limit.ts";
import type { FileSource } from "./file-source.ts";

/** Image formats recognised by their first bytes. */
export type ImageFormat = "PNG" | "JPEG" | "GIF" | "BMP" | "TIFF" | "WebP";

/**
 * The format of an image file by its first bytes (undefined: not an image this reader knows,
 * whatever its extension), and its width and height from its header (PNG IHDR, JPEG SOFn
 * marker, GIF screen descriptor, BMP info header; undefined for other formats or unreadable
 * headers). Reads the first 64 KiB, and a JPEG whole only when its frame header lies further.
 * @throws MaskportError IMAGE_TOO_LARGE when the header declares more pixels than the limit (pixel-limit.ts)
 */
export async function readImageInfo(files: FileSource, file: string): Promise<ImageInfo> {
  const head = await files.read(file, HEAD_BYTES);
  return imageInfo(head, needsWholeJpeg(head) ? await files.read(file) : undefined, files.show(file));
}

/** An image's format and declared size. */
export interface ImageInfo {
  readonly format: ImageFormat | undefined;
  readonly size: { width: number; height: number } | undefined;
}

/** How much of an image {@link readImageInfo} reads first. */
export const HEAD_BYTES = 64 * 1024;

/**
 * Whether a file's first {@link HEAD_BYTES} are a JPEG whose frame header lies further: its
 * metadata (EXIF, ICC profiles, thumbnails) can push it there, still before the pixel data.
 */
export function needsWholeJpeg(head: Uint8Array): boolean {
  return head.length === HEAD_BYTES && head[0] === 0xff && head[1] === 0xd8 && imageSizeOf(head) === undefined;
}

/**
 * {@link readImageInfo} on bytes in memory: `head` (the first bytes), `whole` (the whole file,
 * when {@link needsWholeJpeg} says so).
 * @param shown the file as messages show it
 */
export function imageInfo(head: Uint8Array, whole: Uint8Array | undefined, shown: string): ImageInfo {
  const size = imageSizeOf(whole ?? head);
  if (size !== undefined) checkPixelLimit(size.width, size.height, shown);
  return { format: imageFormatOf(head), size };
}

/** The image format `bytes` (a file's first bytes) start with, or undefined. */
export function imageFormatOf(bytes: Uint8Array): ImageFormat | undefined {
  const starts = (...magic: number[]): boolean => magic.every((byte, i) => bytes[i] === byte);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "PNG";
  if (starts(0xff, 0xd8, 0xff)) return "JPEG";
  if (starts(0x47, 0x49, 0x46, 0x38)) return "GIF";
  if (starts(0x42, 0x4d)) return "BMP";
  if (starts(0x49, 0x49, 0x2a, 0x00) || starts(0x4d, 0x4d, 0x00, 0x2a)) return "TIFF";
  if (starts(0x52, 0x49, 0x46, 0x46) && bytes[8] === 0x57 && bytes[9] === 0x45 && bytes[10] === 0x42 && bytes[11] === 0x50) return "WebP";
  return undefined;
}

/** An image's width and height from its header, on bytes already in memory (the first few KB suffice, except for JPEGs with big metadata). */
export function imageSizeOf(bytes: Uint8Array): { width: number; height: number } | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length >= 24 && view.getUint32(0) === 0x89504e47 && view.getUint32(12) === 0x49484452) {
    return { width: view.getUint32(16), height: view.getUint32(20) };
  }
  if (bytes.length >= 10 && bytes[0] === 0x47 && bytes[1] === 0x49 && bytes[2] === 0x46) {
    return { width: view.getUint16(6, true), height: view.getUint16(8, true) };
  }
  if (bytes.length >= 26 && bytes[0] === 0x42 && bytes[1] === 0x4d) {
    return { width: Math.abs(view.getInt32(18, true)), height: Math.abs(view.getInt32(22, true)) };
  }
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) return jpegSize(bytes, view);
  return undefined;
}

// --- internal ---

function jpegSize(bytes: Uint8Array, view: DataView): { width: number; height: number } | undefined {
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return undefined;
    const marker = bytes[at + 1] ?? 0;
    if (marker === 0xff) {
      at++; // fill byte
      continue;
    }
    // SOF0..SOF15 carry the frame size, except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      return { height: view.getUint16(at + 5), width: view.getUint16(at + 7) };
    }
    at += 2 + view.getUint16(at + 2);
  }
  return undefined;
}
