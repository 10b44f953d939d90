import type { Diagnostic } from "@maskport/core";
import { encodeOneSample, withLoadDiagnostics, type EncodedSample, type SampleStage } from "./sample-stage.ts";

/**
 * Where the importer's diagnostics go: to the run's report, or (while this thread encodes a
 * sample beside the worker pool) into that sample's own list, so they are reported with the
 * sample, in input order, as a worker's are. Whatever else the importer reports meanwhile (its
 * listing, while the sample awaits a read) is reported with that sample too, a little late.
 */
export interface ImporterDiagnostics {
  capture: Diagnostic[] | undefined;
}

interface Job {
  readonly ref: unknown;
  readonly resolve: (result: EncodedSample) => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Encodes samples on this (the main) thread beside the worker pool: `--jobs N` runs N − 1
 * worker threads and this one, instead of N workers and a mostly idle main thread.
 *
 * Why: the main thread of a worker run only merges results and writes (measured: 2.1–2.8 s
 * of CPU in a 2,000-mask run of ~13 s), and every worker is one more V8 isolate to start,
 * compile the per-sample code for, and collect garbage in. With two cores, two workers plus
 * the main thread spent ~1.9 CPUs in total for a 1.6× speed-up over one thread.
 *
 * Samples run one at a time, each from its own macrotask (setImmediate), so worker results,
 * file writes and the writers' consumers all run between two samples: a 512² sample takes
 * ~10 ms, less than the two samples waiting in each worker beside the one it runs.
 */
export class LocalEncoder {
  readonly #stage: SampleStage;
  readonly #importerDiagnostics: ImporterDiagnostics;
  readonly #queue: Job[] = [];
  #running = false;
  /** Wall milliseconds of the latest samples encoded here (up to RECENT). */
  readonly #recentMs: number[] = [];

  constructor(stage: SampleStage, importerDiagnostics: ImporterDiagnostics) {
    this.#stage = stage;
    this.#importerDiagnostics = importerDiagnostics;
  }

  /** Samples queued or running here. */
  get pending(): number {
    return this.#queue.length + (this.#running ? 1 : 0);
  }

  /**
   * Wall milliseconds of the fastest of the latest few samples encoded here, or undefined until
   * that many are done: the first ones run unoptimised, several times slower than the rest.
   */
  get msPerSample(): number | undefined {
    const recent = this.#recentMs;
    return recent.length < RECENT ? undefined : Math.min(...recent);
  }

  /** Encodes `ref` on this thread after the samples already queued here. */
  encode(ref: unknown): Promise<EncodedSample> {
    return new Promise<EncodedSample>((resolve, reject) => {
      this.#queue.push({ ref, resolve, reject });
      this.#schedule();
    });
  }

  // --- internal ---

  #schedule(): void {
    if (this.#running || this.#queue.length === 0) return;
    this.#running = true;
    setImmediate(() => void this.#runNext());
  }

  async #runNext(): Promise<void> {
    const job = this.#queue.shift()!;
    const loading: Diagnostic[] = [];
    this.#importerDiagnostics.capture = loading;
    const started = performance.now();
    try {
      const encoded = await encodeOneSample(this.#stage, job.ref);
      job.resolve(withLoadDiagnostics(encoded, loading));
    } catch (error) {
      job.reject(error);
    } finally {
      this.#recentMs.push(performance.now() - started);
      if (this.#recentMs.length > RECENT) this.#recentMs.shift();
      this.#importerDiagnostics.capture = undefined;
      this.#running = false;
      this.#schedule();
    }
  }
}

/** Samples {@link LocalEncoder.msPerSample} looks at. */
const RECENT = 4;
