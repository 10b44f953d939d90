/**
 * Raw images (the pictures masks were drawn on) decoded to pixels, for formats that store them
 * losslessly (nnU-Net takes PNG, not JPEG): JPEG and PNG, turned upright as CVAT shows them.
 * JPEGs are decoded in decode-jpeg.ts (jpeg-js, with libjpeg-turbo's upsampling and colour);
 * PNGs by core's decodePng.
 */
import { decodePng, isMaskportError, jpegOrientation, MaskportError } from "@maskport/core";
import type { FileSource, MaskImage } from "@maskport/core";
import { decodeJpeg, loadJpegDecoder } from "./decode-jpeg.ts";
import type { RawImage } from "./image-channels.ts";
import { reason, unreadable } from "./image-unreadable.ts";
import { orientImage } from "./orient-image.ts";

export type { RawImage } from "./image-channels.ts";

/**
 * Reads a raw image file through `files` and decodes it (see {@link decodeRawImage}), for the
 * per-sample encode stage (main thread or worker).
 * @param shownAs the file as the user knows it, for errors
 * @throws MaskportError IMAGE_MISSING when the file does not exist; IMAGE_UNREADABLE when it
 *   cannot be read or decoded
 */
export async function loadRawImage(files: FileSource, path: string, shownAs: string): Promise<RawImage> {
  let bytes: Uint8Array;
  try {
    bytes = await files.read(path);
  } catch (cause) {
    throw readFailure(cause, shownAs);
  }
  if (isJpeg(bytes)) await loadJpegDecoder();
  return decodeRawImage(bytes, shownAs);
}

/**
 * {@link loadRawImage} on the Node file system, synchronously (Node only: scripts and tests;
 * the `nnunet` exporter reads through its context's source).
 * @throws MaskportError as {@link loadRawImage}; Error outside Node
 */
export function readRawImage(path: string, shownAs: string): RawImage {
  const fs = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.("node:fs") as
    | { readFileSync(path: string): Uint8Array }
    | undefined;
  if (fs === undefined) throw new Error("readRawImage reads Node's file system: use loadRawImage with a FileSource");
  let bytes: Uint8Array;
  try {
    bytes = fs.readFileSync(path);
  } catch (cause) {
    throw readFailure(cause, shownAs);
  }
  return decodeRawImage(bytes, shownAs);
}

/**
 * Decodes a raw image: a JPEG (8-bit baseline, extended or progressive; grey, YCbCr or RGB)
 * turned upright by its EXIF orientation, or a PNG of any colour type and bit depth. Grey stays
 * one channel (1/2/4-bit grey scaled to 8 bits as libpng does; 16-bit kept in a `Uint16Array`);
 * palette PNGs are expanded to RGB; alpha is dropped; 16-bit RGB is scaled to 8 bits.
 * @throws MaskportError IMAGE_UNREADABLE for other formats, truncated or corrupt data, JPEG
 *   kinds jpeg-js cannot decode (12-bit, lossless, arithmetic-coded, CMYK) and headers that
 *   claim more pixels than the file's data can code
 * Outside Node a JPEG needs `loadJpegDecoder` first ({@link loadRawImage} calls it).
 */
export function decodeRawImage(bytes: Uint8Array, shownAs: string): RawImage {
  if (isJpeg(bytes)) return orientImage(decodeJpeg(bytes, shownAs), jpegOrientation(bytes) ?? 1);
  if (PNG_SIGNATURE.every((byte, i) => bytes[i] === byte)) return fromMaskImage(decodePngImage(bytes, shownAs), shownAs);
  const format = otherFormat(bytes);
  throw unreadable(shownAs, format === undefined ? "not a JPEG or PNG image" : `the image is a ${format} file: only JPEG and PNG raw images are read`, "Convert the image to PNG, then run again.");
}

// --- internal: formats ---

/** IMAGE_MISSING when the file is not there (Node's and the browser source's ENOENT), else IMAGE_UNREADABLE. */
function readFailure(cause: unknown, shownAs: string): MaskportError {
  const missing = (cause as { code?: unknown } | undefined)?.code === "ENOENT";
  return new MaskportError(missing ? "IMAGE_MISSING" : "IMAGE_UNREADABLE", `cannot read the image: ${reason(cause)}`, { file: shownAs, cause });
}

function isJpeg(bytes: Uint8Array): boolean {
  return bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a] as const;

/** Names a recognised image format other than JPEG and PNG from its magic bytes. */
function otherFormat(bytes: Uint8Array): string | undefined {
  const at = (offset: number, text: string): boolean => Array.from(text).every((char, i) => bytes[offset + i] === char.charCodeAt(0));
  if (at(0, "GIF8")) return "GIF";
  if (at(0, "BM")) return "BMP";
  if (at(0, "II*\0") || at(0, "MM\0*")) return "TIFF";
  if (at(0, "RIFF") && at(8, "WEBP")) return "WebP";
  if (at(128, "DICM")) return "DICOM";
  if (at(4, "jP  ") || at(0, "\xff\x4f\xff\x51")) return "JPEG 2000";
  if (at(4, "ftyp")) return "HEIF/AVIF";
  return undefined;
}

// --- internal: PNG ---

function decodePngImage(bytes: Uint8Array, shownAs: string): MaskImage {
  try {
    return decodePng(bytes, shownAs);
  } catch (cause) {
    // decodePng's message already names the file: keep only its reason.
    const inner = isMaskportError(cause) && cause.cause !== undefined ? reason(cause.cause) : reason(cause);
    throw unreadable(shownAs, `cannot read the PNG (${bytes.length} bytes): ${inner}`, "The file is truncated or corrupt: copy or export it again.", cause);
  }
}

function fromMaskImage(image: MaskImage, shownAs: string): RawImage {
  const { width, height, bitDepth } = image;
  if (image.kind === "gray") {
    if (bitDepth === 16) return { width, height, channels: 1, data: image.values };
    // 1/2/4-bit grey scaled to 8 bits as libpng and Pillow do: v × 255 / (2^depth − 1), exact.
    const scale = 255 / ((1 << bitDepth) - 1);
    const data = new Uint8Array(image.values.length);
    for (let p = 0; p < data.length; p++) data[p] = (image.values[p] as number) * scale;
    return { width, height, channels: 1, data };
  }
  const count = width * height;
  const data = new Uint8Array(count * 3);
  if (image.kind === "indexed") {
    const { values, palette } = image;
    const entries = palette.length / 3;
    for (let p = 0; p < count; p++) {
      const index = values[p] as number;
      if (index >= entries) {
        throw new MaskportError("IMAGE_UNREADABLE", `palette index ${index} is past the ${entries}-colour palette`, {
          file: shownAs,
          pixel: { x: p % width, y: Math.floor(p / width) },
          hint: "The PNG is corrupt: export it again.",
        });
      }
      data.set(palette.subarray(3 * index, 3 * index + 3), 3 * p);
    }
    return { width, height, channels: 3, data };
  }
  const { values } = image;
  for (let p = 0; p < count; p++) {
    data[3 * p] = values[4 * p] as number;
    data[3 * p + 1] = values[4 * p + 1] as number;
    data[3 * p + 2] = values[4 * p + 2] as number;
  }
  return { width, height, channels: 3, data };
}
