import { RunsBuilder } from "./runs-builder.ts";

/**
 * Horizontal runs of a raster, row by row: the form instance extraction works on, since masks
 * are mostly long runs of equal values. Runs of row y are `rowStart[y]`..`rowStart[y + 1] - 1`,
 * left to right; run r covers x = `start[r]`..`end[r] - 1`. Memory grows with the runs, not the frame.
 */
export interface RowRuns {
  readonly height: number;
  readonly count: number;
  /** height + 1 cells. */
  readonly rowStart: Int32Array;
  readonly start: Int32Array;
  /** x past the run's last pixel. */
  readonly end: Int32Array;
  /** The run's value; two runs next to each other in a row never share one. */
  readonly value: Int32Array;
}

/**
 * The maximal runs of equal values of a raster, leaving out values equal to `skipA` or `skipB`
 * (none left out by default: every row tiled). Uint8/Uint16 runs are compared a 32-bit word at a time where aligned.
 */
export function rowRuns(values: Int32Array | Uint16Array | Uint8Array, width: number, height: number, skipA = NaN, skipB = NaN): RowRuns {
  const runs = new RunsBuilder(height);
  const words = wordsOf(values);
  // Elements per 32-bit word, as a shift (2 for bytes, 1 for 16-bit) and a mask.
  const shift = values.BYTES_PER_ELEMENT === 1 ? 2 : 1;
  const mask = (1 << shift) - 1;
  const spread = shift === 2 ? 0x01010101 : 0x00010001;
  for (let y = 0; y < height; y++) {
    runs.startRow(y);
    const row = y * width;
    const rowEnd = row + width;
    let p = row;
    while (p < rowEnd) {
      const v = values[p] as number;
      const first = p++;
      if (words !== undefined) {
        while (p < rowEnd && (p & mask) !== 0 && values[p] === v) p++;
        if ((p & mask) === 0) {
          const pattern = (v * spread) >>> 0;
          const wordEnd = rowEnd >>> shift;
          let w = p >>> shift;
          while (w < wordEnd && words[w] === pattern) w++;
          p = w * (mask + 1);
        }
      }
      while (p < rowEnd && values[p] === v) p++;
      if (v !== skipA && v !== skipB) runs.push(first - row, p - row, v);
    }
  }
  return runs.finish();
}

/** The runs for which `keep(run)` holds, in order (a new RowRuns). */
export function keptRuns(runs: RowRuns, keep: (run: number) => boolean): RowRuns {
  const { height, rowStart, start, end, value } = runs;
  const kept = { rowStart: new Int32Array(height + 1), start: new Int32Array(runs.count), end: new Int32Array(runs.count), value: new Int32Array(runs.count) };
  let n = 0;
  for (let y = 0; y < height; y++) {
    kept.rowStart[y] = n;
    for (let r = rowStart[y] as number; r < (rowStart[y + 1] as number); r++) {
      if (!keep(r)) continue;
      kept.start[n] = start[r] as number;
      kept.end[n] = end[r] as number;
      kept.value[n] = value[r] as number;
      n++;
    }
  }
  kept.rowStart[height] = n;
  return { height, count: n, ...kept };
}

/**
 * Connected components of runs: runs of equal value join when they touch (4-connectivity: they
 * share a column in neighbouring rows; 8: also diagonally). Returns the component (1..count) of
 * each run, numbered in scan order of each component's first pixel; `parent` is reused for the
 * result when it holds `runs.count` cells.
 */
export function labelRuns(runs: RowRuns, connectivity: 4 | 8, parent?: Int32Array): { count: number; component: Int32Array } {
  const { count: n, rowStart, start, end, value, height } = runs;
  const table = parent !== undefined && parent.length >= n ? parent : new Int32Array(n);
  for (let r = 0; r < n; r++) table[r] = r;
  const reach = connectivity === 8 ? 1 : 0;
  for (let y = 1; y < height; y++) {
    let above = rowStart[y - 1] as number;
    const aboveEnd = rowStart[y] as number;
    const last = rowStart[y + 1] as number;
    for (let r = aboveEnd; r < last && above < aboveEnd; r++) {
      const from = (start[r] as number) - reach;
      const to = (end[r] as number) + reach;
      // Runs above that end before this one (widened by the diagonal) also miss every later run.
      while (above < aboveEnd && (end[above] as number) <= from) above++;
      const v = value[r];
      for (let a = above; a < aboveEnd && (start[a] as number) < to; a++) if (value[a] === v) join(table, r, a);
    }
  }
  // A root is its component's smallest run (unions keep the smaller root), so the first in scan
  // order; every other run points lower, at a run already renumbered.
  let count = 0;
  for (let r = 0; r < n; r++) {
    const up = table[r] as number;
    table[r] = up === r ? ++count : (table[up] as number);
  }
  return { count, component: table };
}

// --- internal ---

/** A 32-bit view of a Uint8/Uint16 raster starting on a word boundary, else undefined. */
function wordsOf(values: Int32Array | Uint16Array | Uint8Array): Uint32Array | undefined {
  if (values instanceof Int32Array || values.byteOffset % 4 !== 0) return undefined;
  return new Uint32Array(values.buffer, values.byteOffset, values.byteLength >>> 2);
}

function find(parent: Int32Array, run: number): number {
  let current = run;
  while (parent[current] !== current) {
    const grand = parent[parent[current] as number] as number;
    parent[current] = grand; // path halving keeps later finds short
    current = grand;
  }
  return current;
}

/** Unions two runs' sets under the smaller root, so a root stays its set's smallest run. */
function join(parent: Int32Array, a: number, b: number): void {
  const ra = find(parent, a);
  const rb = find(parent, b);
  if (ra < rb) parent[rb] = ra;
  else if (rb < ra) parent[ra] = rb;
}
