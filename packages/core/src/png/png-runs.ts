import type { RowRuns } from "../model/row-runs.ts";
import { RunsBuilder } from "../model/runs-builder.ts";
import { inflateRows, unfilterRow } from "./png-rows.ts";
import type { PngStructure } from "./png-structure.ts";
import { NATIVE_COMPARE, sameBytes } from "./same-bytes.ts";

/**
 * The colours of an 8-bit RGB or RGBA PNG that is not interlaced (what CVAT writes for masks) as
 * runs per row: every row tiled left to right by maximal runs of one colour, `value` = 0xRRGGBB
 * (alpha ignored). Undefined for other PNG types. No frame-sized output and little work per
 * pixel: a row equal to the row above (most mask rows) is found by a native compare and repeats
 * its runs; Sub and Up rows are read where their deltas are not zero (a word at a time), and
 * written back by runs; other rows are unfiltered, then scanned.
 * @throws Error saying what is wrong with the image data (truncated, surplus, corrupt, bad filter)
 */
export function decodePngColorRuns(png: PngStructure): RowRuns | undefined {
  if (png.bitDepth !== 8 || png.interlace || (png.colorType !== 2 && png.colorType !== 6)) return undefined;
  const { width, height } = png;
  const c = png.colorType === 6 ? 4 : 3;
  const rowBytes = width * c;
  const stride = rowBytes + 1;
  const raw = inflateRows(png, true).raw;
  const words = raw.byteOffset % 4 === 0 ? new Int32Array(raw.buffer, raw.byteOffset, raw.byteLength >>> 2) : undefined;
  const zero = zeros(rowBytes);
  const runs = new RunsBuilder(height);
  // Samples of the last row unfiltered in place: later rows equal to it are left filtered.
  // Alpha may stay filtered: filters work per channel, so it never reaches R, G or B.
  let u = 0;
  for (let y = 0; y < height; y++) {
    const s = y * stride + 1;
    const end = s + rowBytes;
    const filter = y === 0 && raw[0] === 2 ? 0 : raw[s - 1]; // Up on the first row adds nothing
    runs.startRow(y);
    if (filter === 1) {
      // Sub: a pixel starts a run only where its delta from the left pixel is not zero.
      let r = raw[s] as number;
      let g = raw[s + 1] as number;
      let b = raw[s + 2] as number;
      let first = 0;
      for (let i = s + c; ; ) {
        const k = nextNonZero(raw, words, i, end);
        if (k >= end) break;
        const x = ((k - s) / c) | 0;
        const p = s + x * c;
        i = p + c;
        const nr = (r + (raw[p] as number)) & 255;
        const ng = (g + (raw[p + 1] as number)) & 255;
        const nb = (b + (raw[p + 2] as number)) & 255;
        if (nr === r && ng === g && nb === b) continue; // only alpha changed
        fillRun(raw, s, c, first, x, r, g, b);
        runs.push(first, x, (r << 16) | (g << 8) | b);
        first = x;
        r = nr;
        g = ng;
        b = nb;
      }
      fillRun(raw, s, c, first, width, r, g, b);
      runs.push(first, width, (r << 16) | (g << 8) | b);
    } else if (filter === 2) {
      // Up: zero deltas repeat the row above, left filtered; else the row above's bytes and runs
      // are copied between the pixels whose delta is not zero.
      // Browsers have no native compare: there the word scan below is several times faster.
      if (NATIVE_COMPARE ? sameBytes(raw, s, zero, 0, rowBytes) : nextNonZero(raw, words, s, end) >= end) {
        runs.repeatRow(y);
        continue;
      }
      let cursor = 0;
      for (let i = s, done = 0; ; ) {
        const k = nextNonZero(raw, words, i, end);
        const x = k >= end ? width : ((k - s) / c) | 0;
        if (x > done) {
          raw.copyWithin(s + done * c, u + done * c, u + x * c);
          cursor = runs.extendFromAbove(y, done, x, cursor);
        }
        if (x === width) break;
        const p = s + x * c;
        const q = u + x * c;
        const nr = ((raw[p] as number) + (raw[q] as number)) & 255;
        const ng = ((raw[p + 1] as number) + (raw[q + 1] as number)) & 255;
        const nb = ((raw[p + 2] as number) + (raw[q + 2] as number)) & 255;
        raw[p] = nr;
        raw[p + 1] = ng;
        raw[p + 2] = nb;
        runs.extend(x, x + 1, (nr << 16) | (ng << 8) | nb);
        done = x + 1;
        i = p + c;
      }
    } else {
      // None, Average, Paeth: unfiltered, then compared with the row above, then scanned.
      unfilterRow(raw, s, u, rowBytes, c, y === 0);
      if (y > 0 && sameBytes(raw, s, raw, u, rowBytes)) {
        runs.repeatRow(y);
        continue;
      }
      for (let i = s; i < end; ) {
        const r = raw[i] as number;
        const g = raw[i + 1] as number;
        const b = raw[i + 2] as number;
        const first = i;
        i += c;
        while (i < end && raw[i] === r && raw[i + 1] === g && raw[i + 2] === b) i += c;
        runs.push((first - s) / c, (i - s) / c, (r << 16) | (g << 8) | b);
      }
    }
    u = s;
  }
  return runs.finish();
}

// --- internal ---

/** The first index from `i` (before `end`) of a byte that is not zero, else `end`; zeros are skipped a 32-bit word at a time. */
function nextNonZero(raw: Uint8Array, words: Int32Array | undefined, from: number, end: number): number {
  let i = from;
  if (words !== undefined) {
    for (; i < end && (i & 3) !== 0; i++) if (raw[i] !== 0) return i;
    // Unsigned shifts and products: offsets may pass 2³¹ (--max-pixels above the default).
    let w = i >>> 2;
    const stop = end >>> 2;
    while (w + 4 <= stop && ((words[w] as number) | (words[w + 1] as number) | (words[w + 2] as number) | (words[w + 3] as number)) === 0) w += 4;
    while (w < stop && words[w] === 0) w++;
    // The loop above stops early at `end` when that is not on a word boundary.
    if (w * 4 > i) i = w * 4;
  }
  while (i < end && raw[i] === 0) i++;
  return i;
}

/**
 * Writes colour (r, g, b) into pixels `from`..`to` − 1 of a Sub row starting at `s`, whose bytes
 * hold zero deltas there, except pixel `from` (its delta) unless it is the row's first: a black
 * run only needs that pixel zeroed. Alpha is left as it is.
 */
function fillRun(raw: Uint8Array, s: number, c: number, from: number, to: number, r: number, g: number, b: number): void {
  const at = s + from * c;
  if ((r | g | b) === 0) {
    if (from > 0) raw[at] = raw[at + 1] = raw[at + 2] = 0;
    return;
  }
  raw[at] = r;
  raw[at + 1] = g;
  raw[at + 2] = b;
  const length = (to - from) * c;
  if (length < 64) {
    for (let i = at + c, stop = at + length; i < stop; i += c) {
      raw[i] = r;
      raw[i + 1] = g;
      raw[i + 2] = b;
    }
    return;
  }
  // Doubling copies of the pixels written so far.
  for (let done = c; done < length; done *= 2) raw.copyWithin(at + done, at, at + Math.min(done, length - done));
}

/** A row of zero bytes, kept for the next image unless very wide. */
let zeroRow = new Uint8Array(0);

function zeros(length: number): Uint8Array {
  if (zeroRow.length >= length) return zeroRow;
  const row = new Uint8Array(length);
  if (length <= 1 << 20) zeroRow = row;
  return row;
}
