import { getHeapSpaceStatistics, setFlagsFromString } from "node:v8";
import { collectPastSlack } from "./v8-gc.ts";

/** Old-generation garbage the main thread may gather before a full collection. */
export const OLD_GENERATION_SLACK_MB = 4;

/** See {@link boundMainHeap}. */
export interface MainHeapBound {
  /** Call as work goes by (once a sample is fine: ~10 µs, and a collection only when the slack is used up). */
  check(): void;
  /** Gives V8 its default young-generation growth back (idempotent). */
  release(): void;
}

/**
 * Keeps this thread's V8 heap from growing with the length of a run: the young generation
 * stays at its size, and the old generation gathers at most `oldSlackMb` of garbage above what
 * the last full collection left alive. The conversion's main thread keeps little alive (its
 * listing and a few queued fragments), so whatever else it holds is V8 heuristics that add
 * up over time, and a 20,000-mask run ended ~25 MB above a 2,000-mask one.
 *
 * Young generation: V8 grows it once the bytes that survived scavenges since the last growth
 * add up to its capacity, and keeps it while allocation stays busy. That sum grows with the
 * run, so a long one ends at V8's maximum (2 × 16 MB here) where a short one stops at 2 × 4.
 * The growth factor is read at each growth, so setting it to 1 holds the size. V8 raises it
 * back to 2 (its floor) whenever an isolate is configured, i.e. when a worker thread starts,
 * so `check()` sets it again (~8 µs): the runner calls it once its workers are online and after
 * every sample. Worker threads have their own small young-generation limit (worker-pool.ts),
 * so holding them changes little there.
 *
 * Old generation: fragments wait in queues long enough to be promoted, and V8 runs a major
 * collection only when the old generation reaches a limit that starts high (measured: the
 * main heap went from ~28 to ~55 MB over the first ~6,000 masks of --jobs 2 before the first
 * one). The limit can only be set at start-up (`--max-old-space-size`), so the collection is
 * asked for here: at the promotion rates measured (1–4 KB a mask) one full collection of
 * ~10 ms every thousand masks or more. The encode workers bound their old generation the
 * same way ({@link boundOldGeneration}).
 */
export function boundMainHeap(oldSlackMb: number): MainHeapBound {
  if (holds++ === 0) setFlagsFromString(HOLD_YOUNG);
  const oldGeneration = boundOldGeneration(oldSlackMb);
  let released = false;
  return {
    check(): void {
      if (released) return;
      setFlagsFromString(HOLD_YOUNG);
      oldGeneration.check();
    },
    release(): void {
      if (released) return;
      released = true;
      if (--holds === 0) setFlagsFromString(`--semi-space-growth-factor=${DEFAULT_GROWTH_FACTOR}`);
    },
  };
}

/**
 * Runs a full collection whenever this thread's old generation has gathered `slackMb` above
 * what the last one left alive; `check()` after each sample. An encode worker's heap grows
 * over a long run too (12 → 17 MB in 47 s of a 20,000-mask run, with V8's only major
 * collection at the start). An earlier try of this bound in the workers made V8 mark
 * incrementally every ~200 ms afterwards (18 % more CPU): V8 counts external memory allocated
 * since its last major collection against the old generation's limit, and dead pixel Buffers
 * swung by 8 MB and more then (buffer-garbage.ts now keeps that to 3 MB). Measured since, on
 * 20,000 masks with --jobs 2: 6 major collections in the worker, peak RSS 124 MB against 129
 * MB unbounded, the same CPU (235 s and 236 s).
 */
export function boundOldGeneration(slackMb: number): { check(): void } {
  return collectPastSlack("major", slackMb, oldGenerationUsed);
}

// --- internal ---

const HOLD_YOUNG = "--semi-space-growth-factor=1";
const DEFAULT_GROWTH_FACTOR = 2;
/** Bounds alive in this process (runs may overlap in one process, as in tests). */
let holds = 0;

/** Bytes used by the old-generation spaces (objects promoted out of the young generation, and large objects). */
function oldGenerationUsed(): number {
  let used = 0;
  for (const space of getHeapSpaceStatistics()) {
    if (space.space_name === "old_space" || space.space_name === "large_object_space") used += space.space_used_size;
  }
  return used;
}
