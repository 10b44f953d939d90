import { writeFile } from "node:fs/promises";
import { stageTimes } from "@maskport/core/node";

/**
 * Per-stage timing for the benchmark (`scripts/bench.mjs`). When `MASKPORT_STATS_FILE` names
 * a file, the CLI writes one JSON object there at the end of a successful conversion; the
 * stage counters themselves run only when `MASKPORT_STAGE_TIMES=1` (read once at load).
 * Normal runs set neither and pay one boolean test per stage.
 */
export interface StageStats {
  /** Milliseconds reading + decoding mask PNGs into rasters, summed over threads. */
  decode: number;
  /** Milliseconds turning rasters into instances, summed over threads. */
  instances: number;
  /** Milliseconds in transforms and every target's `encodeSample`, summed over threads. */
  encode: number;
}

/** This thread's `encode` counter (decode/instances live in core's `stageTimes`). */
export const encodeTime = { encodeMs: 0 };

/** This thread's counters so far. */
export function threadStageStats(): StageStats {
  return { decode: stageTimes.decode, instances: stageTimes.instances, encode: encodeTime.encodeMs };
}

/** Sums counters of several threads. */
export function addStageStats(a: StageStats, b: StageStats): StageStats {
  return { decode: a.decode + b.decode, instances: a.instances + b.instances, encode: a.encode + b.encode };
}

/** What the stats file holds. */
export interface RunStats {
  readonly samples: number;
  /** Worker threads used (0 = in-process). */
  readonly workers: number;
  /** Samples encoded in worker threads (all of them with workers, else 0). */
  readonly workerSamples: number;
  readonly wallSeconds: number;
  /** CPU seconds (user + system, all threads) of the conversion: steadier than wall time on a loaded machine. */
  readonly cpuSeconds: number;
  readonly stages: StageStats;
  /** Peak resident set of the whole process (all threads) so far, in kilobytes. */
  readonly maxRssKb: number;
}

/** Writes `stats` to `MASKPORT_STATS_FILE` when it is set. */
export async function writeRunStats(stats: Omit<RunStats, "maxRssKb" | "cpuSeconds"> & { readonly cpuStarted: NodeJS.CpuUsage }): Promise<void> {
  const file = process.env["MASKPORT_STATS_FILE"];
  if (file === undefined || file === "") return;
  const { cpuStarted, ...rest } = stats;
  const cpu = process.cpuUsage(cpuStarted);
  const run: RunStats = { ...rest, cpuSeconds: (cpu.user + cpu.system) / 1e6, maxRssKb: process.resourceUsage().maxRSS };
  await writeFile(file, JSON.stringify(run, null, 2));
}
