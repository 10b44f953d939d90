/** PNG writing for masks and images: 8-bit gray/RGB and 16-bit gray, no palette, no alpha. */
import * as zlib from "node:zlib";

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
 * compressed with zlib level 9 and the RLE strategy — byte for byte what pngjs 7 writes with
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
  const filtered = Buffer.allocUnsafe((rowBytes + 1) * height);
  const source = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let y = 0; y < height; y++) {
    const out = y * (rowBytes + 1);
    const row = y * rowBytes;
    filtered[out] = 2;
    if (y === 0) filtered.set(bytes.subarray(0, rowBytes), 1);
    // Most mask rows repeat the row above: a native compare, and zeros.
    else if (source.compare(source, row - rowBytes, row, row, row + rowBytes) === 0) filtered.fill(0, out + 1, out + 1 + rowBytes);
    else for (let i = 0; i < rowBytes; i++) filtered[out + 1 + i] = (bytes[row + i] as number) - (bytes[row - rowBytes + i] as number);
  }
  const compressed = zlib.deflateSync(filtered, { chunkSize: 32 * 1024, level: 9, strategy: 3 });
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = bitDepth;
  header[9] = channels === 1 ? 0 : 2; // colour type gray or RGB; compression, filter method and interlace stay 0
  const written = Buffer.concat([SIGNATURE, chunk("IHDR", header), chunk("IDAT", compressed), chunk("IEND", Buffer.alloc(0))]);
  return new Uint8Array(written.buffer, written.byteOffset, written.byteLength);
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

function bigEndian(samples: Uint16Array): Uint8Array {
  const out = new Uint8Array(samples.length * 2);
  for (let i = 0, j = 0; i < samples.length; i++, j += 2) {
    const value = samples[i] as number;
    out[j] = value >>> 8;
    out[j + 1] = value & 0xff;
  }
  return out;
}

// zlib.crc32 arrived in Node 20.15; older Node 20 releases use this table (the same polynomial).
const CRC_TABLE = new Int32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c;
});

function crc32(bytes: Uint8Array): number {
  if (typeof zlib.crc32 === "function") return zlib.crc32(bytes);
  let c = -1;
  for (let i = 0; i < bytes.length; i++) c = (CRC_TABLE[(c ^ (bytes[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}
