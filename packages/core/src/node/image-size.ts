import { closeSync, openSync, readFileSync, readSync } from "node:fs";

/**
 * Width and height (pixels) of a PNG, JPEG, GIF or BMP, read from its header only (PNG IHDR,
 * JPEG SOFn marker, GIF screen descriptor, BMP info header); undefined for other formats or
 * unreadable headers.
 */
export async function readImageSize(file: string): Promise<{ width: number; height: number } | undefined> {
  return readImageSizeSync(file);
}

/**
 * {@link readImageSize}, reading synchronously: a header is one small read, cheaper than the
 * thread-pool round trips of an asynchronous open, read and close (what per-sample loads use).
 */
export function readImageSizeSync(file: string): { width: number; height: number } | undefined {
  const fd = openSync(file, "r");
  try {
    const head = new Uint8Array(64 * 1024);
    const bytesRead = readSync(fd, head, 0, head.length, 0);
    const size = imageSizeOf(head.subarray(0, bytesRead));
    // A JPEG's metadata (EXIF, ICC profiles, thumbnails) can push its frame header past the
    // first 64 KiB; the header still precedes the pixel data, so reading on finds it.
    if (size === undefined && bytesRead === head.length && head[0] === 0xff && head[1] === 0xd8) return imageSizeOf(readFileSync(file));
    return size;
  } finally {
    closeSync(fd);
  }
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
