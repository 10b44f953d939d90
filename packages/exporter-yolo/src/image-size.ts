/**
 * Image width and height from the file header only (PNG IHDR, JPEG SOF), so sizing
 * thousands of images never decodes a pixel.
 */
import { open } from "node:fs/promises";

/** Width and height in pixels. */
export interface ImageSize {
  readonly width: number;
  readonly height: number;
}

/**
 * Reads an image's size from its header, or undefined when the file is neither PNG nor
 * JPEG or its header is cut short. EXIF orientation is not applied (a JPEG rotated by EXIF
 * reports its stored size, whereas Ultralytics swaps width and height for orientations 6/8).
 * @throws the file system error when the file cannot be opened
 */
export async function readImageSize(path: string): Promise<ImageSize | undefined> {
  const handle = await open(path, "r");
  try {
    const head = new Uint8Array(HEAD_BYTES);
    const { bytesRead } = await handle.read(head, 0, HEAD_BYTES, 0);
    const first = head.subarray(0, bytesRead);
    if (isPng(first)) return pngSize(first);
    if (first[0] !== 0xff || first[1] !== 0xd8) return undefined;
    const inHead = jpegSize(first);
    if (inHead !== "more") return inHead;
    // A large EXIF/ICC block pushed the frame header further: read the whole file once.
    const { size } = await handle.stat();
    const all = new Uint8Array(size);
    await handle.read(all, 0, size, 0);
    const found = jpegSize(all);
    return found === "more" ? undefined : found;
  } finally {
    await handle.close();
  }
}

/** The size in a PNG's IHDR chunk, or undefined when `bytes` is not a PNG. */
export function pngSize(bytes: Uint8Array): ImageSize | undefined {
  if (!isPng(bytes) || bytes.length < 24) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

/**
 * The size in a JPEG's first start-of-frame marker; `"more"` when `bytes` ends before it,
 * undefined when the data is not a well-formed JPEG marker sequence.
 */
export function jpegSize(bytes: Uint8Array): ImageSize | undefined | "more" {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined;
  let offset = 2;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) return undefined;
    const marker = bytes[offset + 1] as number;
    if (marker === 0xff) {
      offset++; // fill byte
      continue;
    }
    // Standalone markers carry no length.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd8)) {
      offset += 2;
      continue;
    }
    const length = ((bytes[offset + 2] as number) << 8) | (bytes[offset + 3] as number);
    if (isStartOfFrame(marker)) {
      if (offset + 9 > bytes.length) return "more";
      const height = ((bytes[offset + 5] as number) << 8) | (bytes[offset + 6] as number);
      const width = ((bytes[offset + 7] as number) << 8) | (bytes[offset + 8] as number);
      return { width, height };
    }
    if (marker === 0xd9 || marker === 0xda) return undefined; // end of image / scan before any frame header
    offset += 2 + length;
  }
  return "more";
}

// --- internal ---

const HEAD_BYTES = 65_536;
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function isPng(bytes: Uint8Array): boolean {
  return PNG_SIGNATURE.every((value, i) => bytes[i] === value);
}

/** SOF0..SOF15 except DHT (C4), JPG (C8) and DAC (CC), which share the range. */
function isStartOfFrame(marker: number): boolean {
  return marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
}
