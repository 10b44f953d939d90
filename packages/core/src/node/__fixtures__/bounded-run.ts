/**
 * Test-only: runs some work in this process and says what it cost, for the tests of issue 21
 * (memory and time bounded by what an input really holds, not by what it declares).
 */
import { expect } from "vitest";
import { isMaskportError } from "../../errors.ts";

/**
 * The bounds those tests hold a hostile input to: 5 s where milliseconds are expected, and
 * 200 MB of peak RSS growth where the sizes the input declares would take gigabytes.
 */
export const BOUNDS = { seconds: 5, peakMB: 200 } as const;

/** What a run cost: its outcome, wall time and how far it raised the process's peak RSS. */
export interface BoundedRun<T> {
  readonly result: T | undefined;
  /** The error it threw, if any. */
  readonly error: unknown;
  readonly seconds: number;
  /**
   * Growth of the process's peak resident set (`process.resourceUsage().maxRSS`) during the
   * run, in MB. The peak, not the current RSS: a raster allocated and dropped still counts.
   * Zero when the run stayed below an earlier peak, so a bound on it is an upper bound only.
   */
  readonly peakGrowthMB: number;
}

/** Runs `work` (sync or async), catching what it throws. */
export async function boundedRun<T>(work: () => T | Promise<T>): Promise<BoundedRun<T>> {
  const peakBefore = process.resourceUsage().maxRSS;
  const started = performance.now();
  let result: T | undefined;
  let error: unknown;
  try {
    result = await work();
  } catch (caught) {
    error = caught;
  }
  const seconds = (performance.now() - started) / 1000;
  return { result, error, seconds, peakGrowthMB: (process.resourceUsage().maxRSS - peakBefore) / 1024 };
}

/** Asserts the run stayed within {@link BOUNDS}. */
export function expectBounded(run: BoundedRun<unknown>): void {
  expect(run.seconds).toBeLessThan(BOUNDS.seconds);
  expect(run.peakGrowthMB).toBeLessThan(BOUNDS.peakMB);
}

/** Asserts the run threw a MaskportError with this code, naming `file`, its message holding every part. */
export function expectRefused(run: BoundedRun<unknown>, code: string, file: string, ...parts: string[]): void {
  expect(isMaskportError(run.error), String(run.error)).toBe(true);
  expect(run.error).toMatchObject({ code, file });
  for (const part of parts) expect((run.error as Error).message).toContain(part);
}
