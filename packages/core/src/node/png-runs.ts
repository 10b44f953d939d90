import type { RowRuns } from "../model/row-runs.ts";
import { RunsBuilder } from "../model/runs-builder.ts";
import { inflateRows, unfilterRow } from "./png-rows.ts";
import type { PngStructure } from "./png-structure.ts";

/**
 * The colours of an 8-bit RGB or RGBA PNG that is not interlaced (what CVAT writes for masks) as
 * runs per row: every row tiled left to right by maximal runs of one colour, `value` = 0xRRGGBB
 * (alpha ignored). Undefined for other PNG types. No frame-sized output: a row equal to the row
 * above (most mask rows) is found by a native compare and repeats its runs; Sub and Up rows are
 * unfiltered and split into runs in one pass, the rest unfiltered, then scanned.
 * @throws Error saying what is wrong with the image data (truncated, surplus, corrupt, bad filter)
 */
export function decodePngColorRuns(png: PngStructure): RowRuns | undefined {
  if (png.bitDepth !== 8 || png.interlace || (png.colorType !== 2 && png.colorType !== 6)) return undefined;
  const { width, height } = png;
  const c = png.colorType === 6 ? 4 : 3;
  const rowBytes = width * c;
  const stride = rowBytes + 1;
  const raw = inflateRows(png, true).raw;
  const bytes = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
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
      // Sub: a pixel starts a run exactly where its delta from the left pixel is not zero.
      let r = raw[s] as number;
      let g = raw[s + 1] as number;
      let b = raw[s + 2] as number;
      let first = 0;
      for (let i = s + c, x = 1; i < end; i += c, x++) {
        const dr = raw[i] as number;
        const dg = raw[i + 1] as number;
        const db = raw[i + 2] as number;
        if ((dr | dg | db) !== 0) {
          runs.push(first, x, (r << 16) | (g << 8) | b);
          first = x;
          r = (r + dr) & 255;
          g = (g + dg) & 255;
          b = (b + db) & 255;
        }
        raw[i] = r;
        raw[i + 1] = g;
        raw[i + 2] = b;
      }
      runs.push(first, width, (r << 16) | (g << 8) | b);
    } else if (filter === 2) {
      // Up: zero deltas repeat the row above, left filtered; else unfiltered while scanned.
      if (bytes.compare(zero, 0, rowBytes, s, end) === 0) {
        runs.repeatRow(y);
        continue;
      }
      let r = -1;
      let g = -1;
      let b = -1;
      let first = 0;
      for (let i = s, j = u, x = 0; i < end; i += c, j += c, x++) {
        const nr = ((raw[i] as number) + (raw[j] as number)) & 255;
        const ng = ((raw[i + 1] as number) + (raw[j + 1] as number)) & 255;
        const nb = ((raw[i + 2] as number) + (raw[j + 2] as number)) & 255;
        if (nr !== r || ng !== g || nb !== b) {
          if (x > 0) runs.push(first, x, (r << 16) | (g << 8) | b);
          first = x;
          r = nr;
          g = ng;
          b = nb;
        }
        raw[i] = nr;
        raw[i + 1] = ng;
        raw[i + 2] = nb;
      }
      runs.push(first, width, (r << 16) | (g << 8) | b);
    } else {
      // None, Average, Paeth: unfiltered, then compared with the row above, then scanned.
      unfilterRow(raw, s, u, rowBytes, c, y === 0);
      if (y > 0 && bytes.compare(bytes, u, u + rowBytes, s, end) === 0) {
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

/** A row of zero bytes, kept for the next image unless very wide. */
let zeroRow = new Uint8Array(0);

function zeros(length: number): Uint8Array {
  if (zeroRow.length >= length) return zeroRow;
  const row = new Uint8Array(length);
  if (length <= 1 << 20) zeroRow = row;
  return row;
}
