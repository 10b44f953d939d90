/**
 * Reusable full-frame work buffers. Writing into freshly allocated megabyte-sized typed
 * arrays costs a page fault per 4 KB, which dominated decoding masks; every caller is
 * synchronous, so a few per-slot buffers reused across samples are safe (each worker thread
 * has its own module instance). Contents are stale: callers overwrite every cell they read.
 */
export function scratchInt32(slot: number, length: number): Int32Array {
  // Past ~16 MB per buffer, keeping it alive costs more memory than re-allocating costs time.
  if (length > MAX_POOLED) return new Int32Array(length);
  let buffer = pool[slot];
  if (buffer === undefined || buffer.length < length) {
    buffer = new Int32Array(Math.max(length, 1 << 16));
    pool[slot] = buffer;
  }
  return buffer.subarray(0, length);
}

/** Scratch slots in use, so no two live buffers share one. */
export const SCRATCH = { classRaster: 0, objectRaster: 1 } as const;

// --- internal ---

const MAX_POOLED = 1 << 22;
const pool: (Int32Array | undefined)[] = [];
