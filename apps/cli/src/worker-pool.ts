import type { Worker } from "node:worker_threads";
import { ENCODE_WORKER_URL, startEncodeWorker, takeSpareWorker } from "./early-worker.ts";
import type { EncodedSample } from "./sample-stage.ts";
import { addStageStats, type StageStats } from "./stage-stats.ts";
import { fromWire, type FromWorker, type ToWorker, type WorkerSetup } from "./worker-protocol.ts";

const NO_STATS: StageStats = { decode: 0, instances: 0, encode: 0 };

interface Pending {
  readonly resolve: (result: EncodedSample) => void;
  readonly reject: (error: unknown) => void;
}

interface Slot {
  readonly worker: Worker;
  readonly pending: Map<number, Pending>;
  /** Set once the worker has re-opened the dataset and imported its plugins. */
  ready: boolean;
  /** Set once the thread has stopped (it answers nothing any more). */
  exited: boolean;
  statsWaiter?: ((stats: StageStats) => void) | undefined;
}

/**
 * A fixed set of encode worker threads ({@link ENCODE_WORKER_URL}), each re-opening the
 * dataset from `setup`. `encode(ref)` sends a ref to the least busy worker and resolves
 * with that sample encoded for every target; the caller bounds how many are in flight and
 * restores input order. The first failure of a worker (setup, crash) fails every pending
 * and later call with that error; per-sample errors fail only their sample.
 */
export class WorkerPool {
  readonly #slots: Slot[] = [];
  #nextId = 0;
  #encoded = 0;
  #early = 0;
  #broken: { error: unknown } | undefined;
  #closed = false;
  #closing: Promise<void> | undefined;

  /** Resolves once every worker thread has started (or stopped): its V8 isolate exists. Never rejects. */
  readonly online: Promise<void>;

  /** Starts `count` workers (≥ 1), the first one possibly already started (early-worker.ts). */
  constructor(setup: WorkerSetup, count: number, script: URL = ENCODE_WORKER_URL) {
    const online: Promise<void>[] = [];
    for (let i = 0; i < count; i++) {
      const spare = takeSpareWorker(script);
      if (spare !== undefined) this.#early++;
      const started = spare ?? startEncodeWorker(script);
      const slot: Slot = { worker: started.worker, pending: new Map(), ready: false, exited: false };
      online.push(started.online);
      slot.worker.on("message", (message: FromWorker) => this.#receive(slot, message));
      slot.worker.on("error", (error) => this.#break(error));
      slot.worker.on("exit", (code) => {
        slot.exited = true;
        slot.statsWaiter?.(NO_STATS);
        slot.statsWaiter = undefined;
        if (!this.#closed) this.#break(new Error(`an encode worker stopped unexpectedly (exit code ${code})`));
      });
      this.#slots.push(slot);
      // Events come asynchronously, so none is lost between the early listeners and these.
      started.adopt();
      slot.worker.postMessage({ type: "setup", setup } satisfies ToWorker);
    }
    this.online = Promise.all(online).then(() => {});
  }

  /** Number of worker threads. */
  get size(): number {
    return this.#slots.length;
  }

  /** Workers that were already started when the pool was made (early-worker.ts). */
  get early(): number {
    return this.#early;
  }

  /** Samples the workers have encoded so far. */
  get encoded(): number {
    return this.#encoded;
  }

  /** Whether any worker is ready (its setup done). */
  get anyReady(): boolean {
    return this.#slots.some((slot) => slot.ready);
  }

  /** Whether a worker that is ready (its setup done) has fewer than `perWorker` samples, or the pool has failed (so `encode` rejects at once). */
  hasRoom(perWorker: number): boolean {
    if (this.#broken !== undefined || this.#closed) return true;
    return this.#slots.some((slot) => slot.ready && slot.pending.size < perWorker);
  }

  /**
   * Encodes one sample in a worker: the least busy ready one, or the least busy of all while
   * none is ready. Rejects with the worker's error (a MaskportError keeps its code, message and file).
   */
  encode(ref: unknown): Promise<EncodedSample> {
    if (this.#broken !== undefined) return Promise.reject(this.#broken.error);
    if (this.#closed) return Promise.reject(new Error("the worker pool is closed"));
    const anyReady = this.anyReady;
    let slot: Slot | undefined;
    for (const other of this.#slots) if ((other.ready || !anyReady) && (slot === undefined || other.pending.size < slot.pending.size)) slot = other;
    if (slot === undefined) return Promise.reject(new Error("the worker pool has no workers"));
    const chosen = slot;
    const id = this.#nextId++;
    return new Promise<EncodedSample>((resolve, reject) => {
      chosen.pending.set(id, { resolve, reject });
      chosen.worker.postMessage({ type: "encode", id, ref } satisfies ToWorker);
    });
  }

  /** The stage counters of every worker, summed (call when no sample is in flight; a stopped worker counts nothing). */
  async stats(): Promise<StageStats> {
    const all = await Promise.all(
      this.#slots.map(
        (slot) =>
          new Promise<StageStats>((resolve) => {
            if (slot.exited) return resolve(NO_STATS);
            slot.statsWaiter = resolve;
            slot.worker.postMessage({ type: "stats" } satisfies ToWorker);
          }),
      ),
    );
    return all.reduce(addStageStats, NO_STATS);
  }

  /** Stops every worker (in-flight samples are abandoned and their calls rejected). */
  close(): Promise<void> {
    if (this.#closing === undefined) {
      this.#closed = true;
      const stopped = new Error("the worker pool was closed");
      for (const slot of this.#slots) this.#rejectAll(slot, stopped);
      this.#closing = Promise.all(this.#slots.map((slot) => slot.worker.terminate())).then(() => {});
    }
    return this.#closing;
  }

  // --- internal ---

  #receive(slot: Slot, message: FromWorker): void {
    switch (message.type) {
      case "ready":
        slot.ready = true;
        return;
      case "failed":
        return this.#break(fromWire(message.error));
      case "stats":
        slot.statsWaiter?.(message.stats);
        slot.statsWaiter = undefined;
        return;
      case "done":
      case "error": {
        const pending = slot.pending.get(message.id);
        slot.pending.delete(message.id);
        if (message.type === "done") {
          this.#encoded++;
          pending?.resolve(message.result);
        }
        else pending?.reject(fromWire(message.error));
        return;
      }
    }
  }

  #break(error: unknown): void {
    this.#broken ??= { error };
    for (const slot of this.#slots) this.#rejectAll(slot, this.#broken.error);
  }

  #rejectAll(slot: Slot, error: unknown): void {
    for (const pending of slot.pending.values()) pending.reject(error);
    slot.pending.clear();
  }
}
