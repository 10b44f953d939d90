// PNG bytes for the fuzzer's seeds and structure-aware mutations: an encoder for every colour
// type, bit depth and Adam7 (ported from core's test-only __fixtures__/encode-png.ts, which plain
// Node cannot import), and chunk-level read/write with CRCs recomputed.
import { deflateSync, inflateSync } from "node:zlib";

export const SIGNATURE = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * @typedef {{ width: number, height: number, colorType: 0 | 2 | 3 | 4 | 6, bitDepth: 1 | 2 | 4 | 8 | 16, interlace?: boolean, samples: ArrayLike<number>, palette?: readonly (readonly number[])[] }} EncodeOptions
 * @typedef {{ type: string, data: Uint8Array }} Chunk
 */

/** @param {EncodeOptions} options */
export function encodePng(options) {
  const { width, height, colorType, bitDepth } = options;
  const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[colorType];
  const passes = options.interlace === true ? ADAM7 : [[0, 0, 1, 1]];
  /** @type {number[]} */
  const raw = [];
  for (const [x0, y0, dx, dy] of passes) {
    /** @type {number[]} */
    const columns = [];
    for (let x = x0; x < width; x += dx) columns.push(x);
    if (columns.length === 0) continue;
    for (let y = y0; y < height; y += dy) raw.push(0, ...packRow(columns.map((x) => y * width + x), options.samples, channels, bitDepth));
  }
  /** @type {Chunk[]} */
  const chunks = [{ type: "IHDR", data: headerData(width, height, bitDepth, colorType, options.interlace === true) }];
  if (options.palette !== undefined) chunks.push({ type: "PLTE", data: Uint8Array.from(options.palette.flat()) });
  chunks.push({ type: "IDAT", data: deflateSync(Uint8Array.from(raw)) }, { type: "IEND", data: new Uint8Array(0) });
  return writeChunks(chunks);
}

/** The 13 bytes of an IHDR chunk. @param {number} width @param {number} height @param {number} bitDepth @param {number} colorType @param {boolean} [interlace] */
export function headerData(width, height, bitDepth, colorType, interlace = false) {
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width >>> 0);
  view.setUint32(4, height >>> 0);
  header.set([bitDepth, colorType, 0, 0, interlace ? 1 : 0], 8);
  return header;
}

/**
 * The chunks of a PNG, leniently (no CRC check; stops at the first chunk that does not fit), or
 * undefined when it does not start with the signature.
 * @param {Uint8Array} bytes
 * @returns {Chunk[] | undefined}
 */
export function readChunks(bytes) {
  if (bytes.length < 8 || SIGNATURE.some((value, i) => bytes[i] !== value)) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  /** @type {Chunk[]} */
  const chunks = [];
  for (let at = 8; at + 12 <= bytes.length; ) {
    const length = view.getUint32(at);
    if (at + 12 + length > bytes.length) break;
    chunks.push({ type: String.fromCharCode(...bytes.subarray(at + 4, at + 8)), data: bytes.slice(at + 8, at + 8 + length) });
    at += 12 + length;
  }
  return chunks;
}

/** A PNG of these chunks with right lengths and CRCs. @param {readonly Chunk[]} chunks */
export function writeChunks(chunks) {
  const parts = [SIGNATURE];
  for (const { type, data } of chunks) {
    const out = new Uint8Array(12 + data.length);
    const view = new DataView(out.buffer);
    view.setUint32(0, data.length);
    for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i) & 255;
    out.set(data, 8);
    view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
    parts.push(out);
  }
  return concat(parts);
}

/** The IDAT data inflated, or undefined when it does not inflate. @param {readonly Chunk[]} chunks */
export function inflateIdat(chunks) {
  try {
    return new Uint8Array(inflateSync(concat(chunks.filter((c) => c.type === "IDAT").map((c) => c.data)), { maxOutputLength: 1 << 24 }));
  } catch {
    return undefined;
  }
}

/** @param {Uint8Array} raw */
export function deflate(raw) {
  return new Uint8Array(deflateSync(raw));
}

/** @param {readonly Uint8Array[]} parts */
export function concat(parts) {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

// --- internal ---

const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
];

/** @param {number[]} pixels @param {ArrayLike<number>} samples @param {number} channels @param {number} depth */
function packRow(pixels, samples, channels, depth) {
  /** @type {number[]} */
  const bytes = [];
  let acc = 0;
  let bits = 0;
  for (const pixel of pixels) {
    for (let c = 0; c < channels; c++) {
      const value = samples[pixel * channels + c] ?? 0;
      if (depth === 16) bytes.push(value >> 8, value & 255);
      else if (depth === 8) bytes.push(value);
      else {
        acc = (acc << depth) | value;
        bits += depth;
        if (bits === 8) {
          bytes.push(acc);
          acc = 0;
          bits = 0;
        }
      }
    }
  }
  if (bits > 0) bytes.push(acc << (8 - bits));
  return bytes;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

/** @param {Uint8Array} bytes */
function crc32(bytes) {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 255] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
