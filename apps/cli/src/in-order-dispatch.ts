/** What {@link encodeInOrder} runs. */
export interface InOrderOptions<T> {
  /** The next ref, or done. Called only when there is room for one more sample. */
  readonly next: () => Promise<IteratorResult<unknown>>;
  /** Starts encoding one ref. */
  readonly encode: (ref: unknown) => Promise<T>;
  /** Takes one result; results come in input order, one at a time. */
  readonly deliver: (result: T) => Promise<void>;
  /** Most samples dispatched and not yet delivered (≥ 1). */
  readonly depth: number;
  /**
   * Whether a thread can take one more sample now (default: always). Asked again whenever a
   * sample finishes or is delivered, so a thread that frees up gets its next sample then.
   */
  readonly hasRoom?: () => boolean;
  /** Stops dispatching and delivering (the call rejects with its reason). */
  readonly signal?: AbortSignal;
}

/**
 * Encodes every ref from `next` with up to `depth` undelivered, and delivers the results in
 * input order. A sample is dispatched as soon as `hasRoom()` says a thread can take it, not
 * only once the oldest has been delivered.
 *
 * Why: with a worker pool, a loop that waits for the oldest sample before taking the next
 * cannot feed a worker that finishes while that oldest sample is still queued on the main
 * thread behind others. (Measured on 2,000 masks with --jobs 2 and two samples per worker,
 * this alone did not shorten the worker's waits, 0.65–0.70 s against 0.69–0.76 s over 5 ms;
 * a third sample per worker did, see run-conversion.ts.)
 *
 * The first failure (of a sample, `next`, `deliver` or the signal) rejects the call at once;
 * samples still running are left to finish, their results dropped.
 */
export async function encodeInOrder<T>(options: InOrderOptions<T>): Promise<void> {
  const { next, encode, deliver, depth, hasRoom = () => true, signal } = options;
  const inFlight: Promise<T>[] = [];
  const changed = new Signal();
  let listed = false;
  let stopped: { error: unknown } | undefined;
  let rejectStopped!: (error: unknown) => void;
  const whenStopped = new Promise<never>((_, reject) => (rejectStopped = reject));
  const stop = (error: unknown): void => {
    if (stopped !== undefined) return;
    stopped = { error };
    rejectStopped(error);
    changed.notify();
  };
  const check = (): void => {
    signal?.throwIfAborted();
    if (stopped !== undefined) throw stopped.error;
  };
  const onAbort = (): void => stop(signal?.reason);
  signal?.addEventListener("abort", onAbort, { once: true });

  const dispatching = (async () => {
    for (;;) {
      check();
      while (inFlight.length >= depth || !hasRoom()) {
        await changed.wait();
        check();
      }
      const step = await next();
      check();
      if (step.done === true) break;
      const task = encode(step.value);
      // A finished sample may make room (and marks a failure handled until it is delivered).
      task.then(changed.notify, changed.notify);
      inFlight.push(task);
      changed.notify();
    }
    listed = true;
    changed.notify();
  })();

  const delivering = (async () => {
    for (;;) {
      check();
      while (inFlight.length === 0 && !listed) {
        await changed.wait();
        check();
      }
      if (inFlight.length === 0) return;
      const result = await inFlight[0]!;
      check();
      // Delivered before its slot is freed, so with depth 1 the next sample starts only
      // after this one's results (and diagnostics) are out, as a plain loop would.
      await deliver(result);
      inFlight.shift();
      changed.notify();
    }
  })();

  try {
    // The first failure settles the call at once; the other loop stops at its next step.
    await Promise.race([Promise.all([dispatching.catch(stop), delivering.catch(stop)]), whenStopped]);
  } finally {
    signal?.removeEventListener("abort", onAbort);
  }
  if (stopped !== undefined) throw stopped.error;
}

/** Wakes everything waiting on it at each `notify`. */
class Signal {
  #waiters: (() => void)[] = [];

  wait(): Promise<void> {
    return new Promise<void>((resolve) => this.#waiters.push(resolve));
  }

  readonly notify = (): void => {
    const waiters = this.#waiters;
    if (waiters.length === 0) return;
    this.#waiters = [];
    for (const wake of waiters) wake();
  };
}
