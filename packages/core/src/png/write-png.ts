/** PNG writing for masks and images: 8-bit gray/RGB and 16-bit gray, no palette, no alpha. */
import { deflate } from "pako";
import { crc32 } from "./crc32.ts";

/** A raster to write. `data` is row-major, `channels` samples per pixel. */
export interface PngRaster {
  readonly width: number;
  readonly height: number;
  /** 1 (gray) or 3 (RGB). */
  readonly channels: 1 | 3;
  /** 8-bit samples in a `Uint8Array`, 16-bit gray in a `Uint16Array`. */
  readonly data: Uint8Array | Uint16Array;
}

/**
 * Encodes a raster as a PNG: signature, IHDR, one IDAT, IEND. Every row uses the "Up" filter,
 * compressed at zlib level 9 with the RLE strategy (pako, a port of zlib that gives zlib's bytes,
 * in Node and in browsers) — byte for byte what pngjs 7 writes with
 * `filterType: 2` for 8-bit RGB. One fixed filter instead of an adaptive choice suits masks,
 * whose rows mostly repeat. 16-bit samples are written big-endian, as PNG stores them.
 * @throws RangeError when `data` is not `width × height × channels` long or the sample type does not fit
 */
export function writePng(raster: PngRaster): Uint8Array {
  const { width, height, channels, data } = raster;
  const bitDepth = data instanceof Uint16Array ? 16 : 8;
  if (data.length !== width * height * channels) throw new RangeError(`PNG raster holds ${data.length} samples, expected ${width}×${height}×${channels}`);
  if (bitDepth === 16 && channels !== 1) throw new RangeError("16-bit PNGs are written as gray only");
  const bytes = bitDepth === 16 ? bigEndian(data as Uint16Array) : (data as Uint8Array);
  const rowBytes = width * channels * (bitDepth / 8);
  const filtered = new Uint8Array((rowBytes + 1) * height);
  for (let y = 0; y < height; y++) {
    const out = y * (rowBytes + 1);
    const row = y * rowBytes;
    filtered[out] = 2;
    if (y === 0) filtered.set(bytes.subarray(0, rowBytes), 1);
    else for (let i = 0; i < rowBytes; i++) filtered[out + 1 + i] = (bytes[row + i] as number) - (bytes[row - rowBytes + i] as number);
  }
  const compressed = deflate(filtered, { level: 9, strategy: 3 });
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header[8] = bitDepth;
  header[9] = channels === 1 ? 0 : 2; // colour type gray or RGB; compression, filter method and interlace stay 0
  const chunks = [SIGNATURE, chunk("IHDR", header), chunk("IDAT", compressed), chunk("IEND", new Uint8Array(0))];
  const written = new Uint8Array(chunks.reduce((total, part) => total + part.length, 0));
  let at = 0;
  for (const part of chunks) {
    written.set(part, at);
    at += part.length;
  }
  return written;
}

// --- internal ---

const SIGNATURE = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** length, type, data, CRC-32 of type + data. */
function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

function bigEndian(samples: Uint16Array): Uint8Array {
  const out = new Uint8Array(samples.length * 2);
  for (let i = 0, j = 0; i < samples.length; i++, j += 2) {
    const value = samples[i] as number;
    out[j] = value >>> 8;
    out[j + 1] = value & 0xff;
  }
  return out;
}
