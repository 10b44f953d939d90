/** 8-bit RGB PNG encoding (no palette, no alpha), as CVAT writes its mask images. */
import { crc32, deflateSync } from "node:zlib";
import { PNG } from "pngjs";

/**
 * Encodes a row-major RGB raster (3 bytes per pixel) as an 8-bit RGB PNG: signature, IHDR,
 * one IDAT, IEND. Every row uses the "Up" filter, compressed with zlib level 9 and the RLE
 * strategy — byte for byte what pngjs 7 writes with `filterType: 2` (its defaults otherwise),
 * without its generic per-pixel repacking. One fixed filter instead of pngjs' adaptive choice
 * (which tries all five per row) is ~4× faster on 512² masks, and "Up" suits masks, whose
 * rows mostly repeat.
 */
export function encodeRgbPng(width: number, height: number, rgb: Uint8Array): Uint8Array {
  if (typeof crc32 !== "function") return encodeWithPngjs(width, height, rgb); // Node < 20.15
  const rowBytes = 3 * width;
  const filtered = Buffer.allocUnsafe((rowBytes + 1) * height);
  const source = Buffer.from(rgb.buffer, rgb.byteOffset, rgb.byteLength);
  for (let y = 0; y < height; y++) {
    const out = y * (rowBytes + 1);
    const row = y * rowBytes;
    filtered[out] = 2;
    if (y === 0) filtered.set(rgb.subarray(0, rowBytes), 1);
    // Most mask rows repeat the row above: a native compare, and zeros.
    else if (source.compare(source, row - rowBytes, row, row, row + rowBytes) === 0) filtered.fill(0, out + 1, out + 1 + rowBytes);
    else for (let i = 0; i < rowBytes; i++) filtered[out + 1 + i] = (rgb[row + i] as number) - (rgb[row - rowBytes + i] as number);
  }
  const compressed = deflateSync(filtered, { chunkSize: 32 * 1024, level: 9, strategy: 3 });
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type RGB; compression, filter method and interlace stay 0
  const parts = [SIGNATURE, chunk("IHDR", header), chunk("IDAT", compressed), chunk("IEND", Buffer.alloc(0))];
  const bytes = Buffer.concat(parts);
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

// --- internal ---

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** length, type, data, CRC-32 of type + data. */
function chunk(type: string, data: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, "latin1");
  out.set(data, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

function encodeWithPngjs(width: number, height: number, rgb: Uint8Array): Uint8Array {
  const png = { width, height, data: Buffer.from(rgb.buffer, rgb.byteOffset, rgb.byteLength) } as PNG;
  const bytes = PNG.sync.write(png, { colorType: 2, inputColorType: 2, inputHasAlpha: false, bitDepth: 8, filterType: 2 });
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
