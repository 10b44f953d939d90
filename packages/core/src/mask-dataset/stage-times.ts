/**
 * Cheap per-stage wall-clock counters of the mask reader, read only by the benchmark
 * (`scripts/bench.mjs`) through the CLI. Off unless the environment variable
 * `MASKPORT_STAGE_TIMES=1` is set when this module loads, so normal runs pay one boolean test
 * per sample. Per thread: each worker thread has its own copy and reports it.
 */
export interface StageTimes {
  /** Whether the counters run. */
  readonly enabled: boolean;
  /** Milliseconds spent decoding mask PNGs (class + object) into rasters (file reads not included: they overlap other work). */
  decode: number;
  /** Milliseconds spent turning rasters into instances (components, crops, bboxes). */
  instances: number;
}

/** This thread's counters (mutable; reset by the reader of the numbers if it wants deltas). */
export const stageTimes: StageTimes = {
  enabled: typeof process !== "undefined" && process.env["MASKPORT_STAGE_TIMES"] === "1",
  decode: 0,
  instances: 0,
};
