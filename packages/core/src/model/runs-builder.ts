import type { RowRuns } from "./row-runs.ts";

/** Builds {@link RowRuns} row by row, its arrays grown as runs come. */
export class RunsBuilder {
  private readonly height: number;
  private readonly rowStart: Int32Array;
  private start: Int32Array;
  private end: Int32Array;
  private value: Int32Array;
  private n = 0;
  /** The first run of the current row. */
  private rowFirst = 0;

  constructor(height: number) {
    this.height = height;
    this.rowStart = new Int32Array(height + 1);
    const capacity = Math.max(16, 2 * height);
    this.start = new Int32Array(capacity);
    this.end = new Int32Array(capacity);
    this.value = new Int32Array(capacity);
  }

  /** Runs pushed from now on belong to row `y` (rows start in order). */
  startRow(y: number): void {
    this.rowStart[y] = this.n;
    this.rowFirst = this.n;
  }

  push(start: number, end: number, value: number): void {
    if (this.n === this.start.length) this.grow(this.n + 1);
    this.start[this.n] = start;
    this.end[this.n] = end;
    this.value[this.n] = value;
    this.n++;
  }

  /** Appends a run, merged into the row's last run when it continues it with the same value. */
  extend(start: number, end: number, value: number): void {
    const last = this.n - 1;
    if (last >= this.rowFirst && this.value[last] === value && this.end[last] === start) this.end[last] = end;
    else this.push(start, end, value);
  }

  /**
   * Appends the runs of row `y − 1` clipped to x = `from`..`to` − 1 (each through {@link extend}).
   * `cursor` is a run of row `y − 1` ending after `from` or earlier; returns one for the next, later span.
   */
  extendFromAbove(y: number, from: number, to: number, cursor: number): number {
    const last = this.rowStart[y] as number;
    let r = Math.max(cursor, this.rowStart[y - 1] as number);
    while (r < last && (this.end[r] as number) <= from) r++;
    for (let q = r; q < last && (this.start[q] as number) < to; q++) {
      this.extend(Math.max(this.start[q] as number, from), Math.min(this.end[q] as number, to), this.value[q] as number);
    }
    return r;
  }

  /** Row `y` (just started) gets the runs of row `y − 1`. */
  repeatRow(y: number): void {
    const from = this.rowStart[y - 1] as number;
    const to = this.rowStart[y] as number;
    if (this.n + to - from > this.start.length) this.grow(this.n + to - from);
    this.start.copyWithin(this.n, from, to);
    this.end.copyWithin(this.n, from, to);
    this.value.copyWithin(this.n, from, to);
    this.n += to - from;
  }

  finish(): RowRuns {
    this.rowStart[this.height] = this.n;
    return { height: this.height, count: this.n, rowStart: this.rowStart, start: this.start, end: this.end, value: this.value };
  }

  // --- internal ---

  private grow(least: number): void {
    const capacity = Math.max(least, 2 * this.start.length);
    this.start = grown(this.start, capacity);
    this.end = grown(this.end, capacity);
    this.value = grown(this.value, capacity);
  }
}

/** A copy of `table` with room for `length` cells. */
export function grown(table: Int32Array, length: number): Int32Array<ArrayBuffer> {
  const larger = new Int32Array(length);
  larger.set(table);
  return larger;
}
