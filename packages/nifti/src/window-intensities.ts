/**
 * Image volumes as 8-bit grey: intensities windowed per volume between two percentiles of its
 * non-zero voxels (default 0.5 and 99.5), linearly, rounded, clamped to 0..255.
 */
import { MaskportError } from "@maskport/core";
import { scaledValue, type StoredVolume } from "./read-nifti.ts";

/** Lower and upper percentile (0..100). */
export interface Window {
  readonly low: number;
  readonly high: number;
}

/** Parses the `window` option, `"<low>,<high>"` percentiles. @throws MaskportError INVALID_OPTION */
export function parseWindow(text: string): Window {
  const parts = text.split(",").map((part) => Number(part.trim()));
  const [low, high] = parts;
  if (parts.length !== 2 || low === undefined || high === undefined || !(low >= 0 && low < high && high <= 100)) {
    throw new MaskportError("INVALID_OPTION", `--nifti.window must be two percentiles "<low>,<high>" with 0 ≤ low < high ≤ 100, not ${JSON.stringify(text)}`, { plugin: "nifti" });
  }
  return { low, high };
}

/**
 * Grey value of every voxel, stored order: `round(255 · (v − lo) / (hi − lo))` clamped, where lo
 * and hi are the window's percentiles of the non-zero voxels (numpy's default linear
 * interpolation). A volume whose window is empty (hi ≤ lo) maps non-zero voxels to 255.
 */
export function windowIntensities(volume: StoredVolume, window: Window): Uint8Array {
  const { values } = volume;
  const slope = volume.scaling?.slope ?? 1;
  const inter = volume.scaling?.inter ?? 0;
  // 8- and 16-bit integers: order statistics from a histogram of stored values, then a lookup table.
  if (values instanceof Uint8Array || values instanceof Int8Array || values instanceof Uint16Array || values instanceof Int16Array) {
    const offset = values instanceof Int8Array ? 128 : values instanceof Int16Array ? 32768 : 0;
    const bins = values instanceof Uint8Array || values instanceof Int8Array ? 256 : 65536;
    const counts = new Float64Array(bins);
    for (let p = 0; p < values.length; p++) (counts[(values[p] as number) + offset] as number)++;
    // Stored values in ascending order of their scaled value, without those that scale to 0.
    const order: number[] = [];
    for (let b = 0; b < bins; b++) if (counts[b] !== 0 && (b - offset) * slope + inter !== 0) order.push(b);
    if (slope < 0) order.reverse();
    const nonZero = order.reduce((sum, b) => sum + (counts[b] as number), 0);
    const out = new Uint8Array(values.length);
    if (nonZero === 0) return out;
    const kth = (k: number): number => {
      let seen = 0;
      for (const b of order) if ((seen += counts[b] as number) > k) return (b - offset) * slope + inter;
      return NaN;
    };
    const lo = interpolated(kth, nonZero, window.low);
    const hi = interpolated(kth, nonZero, window.high);
    const table = new Uint8Array(bins);
    for (let b = 0; b < bins; b++) table[b] = grey((b - offset) * slope + inter, lo, hi);
    for (let p = 0; p < values.length; p++) out[p] = table[(values[p] as number) + offset] as number;
    return out;
  }
  const value = (p: number): number => scaledValue(volume, p);
  let nonZero = 0;
  for (let p = 0; p < values.length; p++) {
    const v = value(p);
    if (v !== 0 && !Number.isNaN(v)) nonZero++;
  }
  const out = new Uint8Array(values.length);
  if (nonZero === 0) return out;
  const sample = new Float64Array(nonZero);
  for (let p = 0, q = 0; p < values.length; p++) {
    const v = value(p);
    if (v !== 0 && !Number.isNaN(v)) sample[q++] = v;
  }
  const lo = percentile(sample, window.low);
  const hi = percentile(sample, window.high);
  for (let p = 0; p < values.length; p++) out[p] = grey(value(p), lo, hi);
  return out;
}

/** numpy `percentile(a, q)` with linear interpolation; reorders `a`. */
export function percentile(a: Float64Array, q: number): number {
  const position = (q / 100) * (a.length - 1);
  const below = Math.floor(position);
  const low = kthSmallest(a, below, 0, a.length - 1);
  if (position === below) return low;
  // After selecting `below`, the next order statistic is the smallest value above it.
  let next = Infinity;
  for (let i = below + 1; i < a.length; i++) if ((a[i] as number) < next) next = a[i] as number;
  return low + (next - low) * (position - below);
}

// --- internal ---

/** One value's grey level in the window [lo, hi]; NaN is 0. */
function grey(v: number, lo: number, hi: number): number {
  if (Number.isNaN(v)) return 0;
  if (!(hi > lo)) return v !== 0 ? 255 : 0;
  return Math.min(255, Math.max(0, Math.round(((v - lo) * 255) / (hi - lo))));
}

/** numpy's linear percentile from a k-th order statistic function over `count` values. */
function interpolated(kth: (k: number) => number, count: number, q: number): number {
  const position = (q / 100) * (count - 1);
  const below = Math.floor(position);
  const low = kth(below);
  return position === below ? low : low + (kth(below + 1) - low) * (position - below);
}

/** Quickselect with three-way partitioning (MRI volumes repeat values a lot); leaves a[k] in place. */
function kthSmallest(a: Float64Array, k: number, left: number, right: number): number {
  let lo = left;
  let hi = right;
  while (lo < hi) {
    const pivot = median3(a[lo] as number, a[(lo + hi) >> 1] as number, a[hi] as number);
    let lt = lo;
    let gt = hi;
    let i = lo;
    while (i <= gt) {
      const v = a[i] as number;
      if (v < pivot) {
        a[i++] = a[lt] as number;
        a[lt++] = v;
      } else if (v > pivot) {
        a[i] = a[gt] as number;
        a[gt--] = v;
      } else i++;
    }
    if (k < lt) hi = lt - 1;
    else if (k > gt) lo = gt + 1;
    else return pivot;
  }
  return a[k] as number;
}

function median3(a: number, b: number, c: number): number {
  return a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
}
