import { deflateSync } from "node:zlib";

/**
 * A test-only PNG encoder written from the PNG specification (not pngjs), so decoding tests
 * see bytes no pngjs writer produced: every colour type and bit depth, Adam7 interlacing,
 * all five row filters (cycled per row) and image data split across two IDAT chunks.
 */
export interface EncodeOptions {
  readonly width: number;
  readonly height: number;
  /** 0 gray, 2 RGB, 3 palette, 4 gray+alpha, 6 RGBA. */
  readonly colorType: 0 | 2 | 3 | 4 | 6;
  readonly bitDepth: 1 | 2 | 4 | 8 | 16;
  readonly interlace?: boolean;
  /** Channel samples per pixel, row-major (1, 3, 1, 2 or 4 per pixel by colour type). */
  readonly samples: ArrayLike<number>;
  /** RGB entries, for colour type 3. */
  readonly palette?: readonly (readonly [number, number, number])[];
  /** The row filter of each row (0–4), in order and repeated; default 0, 1, 2, 3, 4, 0, … */
  readonly filters?: readonly number[];
}

export function encodePng(options: EncodeOptions): Uint8Array {
  const { width, height, colorType, bitDepth } = options;
  const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[colorType];
  const header = headerData(width, height, bitDepth, colorType, options.interlace === true);
  const passes = options.interlace === true ? ADAM7 : [[0, 0, 1, 1] as const];
  const raw: number[] = [];
  for (const [x0, y0, dx, dy] of passes) {
    const columns: number[] = [];
    for (let x = x0; x < width; x += dx) columns.push(x);
    if (columns.length === 0) continue;
    let previous: number[] | undefined;
    let rowIndex = 0;
    for (let y = y0; y < height; y += dy) {
      const row = packRow(columns.map((x) => y * width + x), options.samples, channels, bitDepth);
      const filter = options.filters === undefined ? rowIndex % 5 : (options.filters[rowIndex % options.filters.length] as number);
      rowIndex++;
      const step = Math.max(1, (channels * bitDepth) >> 3);
      raw.push(filter, ...applyFilter(filter, row, previous ?? Array.from<number>({ length: row.length }).fill(0), step));
      previous = row;
    }
  }
  const data = deflateSync(Uint8Array.from(raw));
  const half = data.length >> 1;
  const chunks = [chunk("IHDR", header)];
  if (options.palette !== undefined) chunks.push(chunk("PLTE", Uint8Array.from(options.palette.flat())));
  chunks.push(chunk("IDAT", data.subarray(0, half)), chunk("IDAT", data.subarray(half)), chunk("IEND", new Uint8Array(0)));
  return concat([SIGNATURE, ...chunks]);
}

/**
 * A PNG of exactly these chunks, in order, each with its length and CRC: for hostile inputs
 * (a header that lies about the size, image data that is short or missing, no IEND).
 */
export function pngFromChunks(chunks: readonly (readonly [type: string, data: Uint8Array])[]): Uint8Array {
  return concat([SIGNATURE, ...chunks.map(([type, data]) => chunk(type, data))]);
}

/** The 13 data bytes of an IHDR chunk. */
export function headerData(width: number, height: number, bitDepth: number, colorType: number, interlace = false): Uint8Array {
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header.set([bitDepth, colorType, 0, 0, interlace ? 1 : 0], 8);
  return header;
}

// --- internal ---

const SIGNATURE = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const ADAM7 = [
  [0, 0, 8, 8],
  [4, 0, 8, 8],
  [0, 4, 4, 8],
  [2, 0, 4, 4],
  [0, 2, 2, 4],
  [1, 0, 2, 2],
  [0, 1, 1, 2],
] as const;

function packRow(pixels: number[], samples: ArrayLike<number>, channels: number, depth: number): number[] {
  const bytes: number[] = [];
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

function applyFilter(filter: number, row: number[], above: number[], step: number): number[] {
  return row.map((value, i) => {
    const left = i >= step ? (row[i - step] ?? 0) : 0;
    const up = above[i] ?? 0;
    const upLeft = i >= step ? (above[i - step] ?? 0) : 0;
    const predictor = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][filter] ?? 0;
    return (value - predictor + 256) & 255;
  });
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(Array.from(type, (char) => char.charCodeAt(0)), 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (CRC_TABLE[(crc ^ byte) & 255] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
