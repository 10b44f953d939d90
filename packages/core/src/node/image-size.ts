import { closeSync, openSync, readFileSync, readSync } from "node:fs";
import { checkPixelLimit } from "./pixel-limit.ts";

/** Image formats recognised by their first bytes. */
export type ImageFormat = "PNG" | "JPEG" | "GIF" | "BMP" | "TIFF" | "WebP";

/**
 * Width and height (pixels) of a PNG, JPEG, GIF or BMP, read from its header only (PNG IHDR,
 * JPEG SOFn marker, GIF screen descriptor, BMP info header); undefined for other formats or
 * unreadable headers.
 * @throws MaskportError IMAGE_TOO_LARGE when the header declares more pixels than the limit (pixel-limit.ts)
 */
export async function readImageSize(file: string): Promise<{ width: number; height: number } | undefined> {
  return readImageSizeSync(file);
}

/**
 * {@link readImageSize}, reading synchronously: a header is one small read, cheaper than the
 * thread-pool round trips of an asynchronous open, read and close (what per-sample loads use).
 * @throws MaskportError IMAGE_TOO_LARGE as {@link readImageSize}
 */
export function readImageSizeSync(file: string): { width: number; height: number } | undefined {
  return readImageInfoSync(file).size;
}

/**
 * The format of an image file by its first bytes (undefined: not an image this reader knows,
 * whatever its extension), and its size as {@link readImageSizeSync} gives it; one read.
 * @throws MaskportError IMAGE_TOO_LARGE as {@link readImageSize}
 */
export function readImageInfoSync(file: string): { format: ImageFormat | undefined; size: { width: number; height: number } | undefined } {
  const fd = openSync(file, "r");
  let head: Uint8Array;
  let size: { width: number; height: number } | undefined;
  try {
    const buffer = new Uint8Array(64 * 1024);
    const bytesRead = readSync(fd, buffer, 0, buffer.length, 0);
    head = buffer.subarray(0, bytesRead);
    size = imageSizeOf(head);
    // A JPEG's metadata (EXIF, ICC profiles, thumbnails) can push its frame header past the
    // first 64 KiB; the header still precedes the pixel data, so reading on finds it.
    if (size === undefined && bytesRead === buffer.length && buffer[0] === 0xff && buffer[1] === 0xd8) size = imageSizeOf(readFileSync(file));
  } finally {
    closeSync(fd);
  }
  if (size !== undefined) checkPixelLimit(size.width, size.height, file);
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

/** {@link readImageSize} on bytes already in memory (the first few KB suffice, except for JPEGs with big metadata). */
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
