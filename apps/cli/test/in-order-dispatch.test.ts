import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encodeInOrder } from "../src/in-order-dispatch.ts";

/** An async iterator's `next` over 0..count-1. */
function refsUpTo(count: number): () => Promise<IteratorResult<unknown>> {
  let i = 0;
  return async () => (i < count ? { done: false, value: i++ } : { done: true, value: undefined });
}

const turn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** A promise and its resolve/reject, settled from outside. */
function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe("encodeInOrder", () => {
  it("delivers every result in input order whatever order they finish in, never more than depth undelivered", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 0, maxLength: 40 }), fc.integer({ min: 1, max: 6 }), async (turns, depth) => {
        const delivered: unknown[] = [];
        let started = 0;
        let most = 0;
        await encodeInOrder({
          next: refsUpTo(turns.length),
          depth,
          encode: async (ref) => {
            started++;
            most = Math.max(most, started - delivered.length);
            for (let t = 0; t < turns[ref as number]!; t++) await turn();
            return ref;
          },
          deliver: async (result) => void delivered.push(result),
        });
        expect(delivered).toEqual(turns.map((_, i) => i));
        expect(most).toBeLessThanOrEqual(depth);
      }),
      { numRuns: 60 },
    );
  });

  it("dispatches to a thread that frees up while the oldest sample is still running", async () => {
    // Two "threads" (hasRoom: fewer than 2 running); sample 0 runs until released. Waiting on
    // the oldest before dispatching would start no sample after the first two.
    const first = deferred<number>();
    let running = 0;
    const started: number[] = [];
    const delivered: unknown[] = [];
    const done = encodeInOrder({
      next: refsUpTo(8),
      depth: 10,
      hasRoom: () => running < 2,
      encode: async (ref) => {
        running++;
        started.push(ref as number);
        try {
          if (ref === 0) return await first.promise;
          await turn();
          return ref;
        } finally {
          running--;
        }
      },
      deliver: async (result) => void delivered.push(result),
    });
    for (let t = 0; t < 20; t++) await turn();
    expect(started).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(delivered).toEqual([]);
    first.resolve(0);
    await done;
    expect(delivered).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
  });

  it("with depth 1, starts a sample only after the previous one is delivered", async () => {
    const log: string[] = [];
    await encodeInOrder({
      next: refsUpTo(3),
      depth: 1,
      encode: async (ref) => {
        log.push(`encode ${ref}`);
        await turn();
        return ref;
      },
      deliver: async (result) => {
        await turn();
        log.push(`deliver ${result}`);
      },
    });
    expect(log).toEqual(["encode 0", "deliver 0", "encode 1", "deliver 1", "encode 2", "deliver 2"]);
  });

  it("rejects with a sample's error, delivers nothing after it and stops taking refs", async () => {
    const delivered: unknown[] = [];
    let asked = 0;
    const refs = refsUpTo(1000);
    const failure = new Error("sample 3 is broken");
    await expect(
      encodeInOrder({
        next: () => (asked++, refs()),
        depth: 4,
        encode: async (ref) => {
          await turn();
          if (ref === 3) throw failure;
          return ref;
        },
        deliver: async (result) => void delivered.push(result),
      }),
    ).rejects.toBe(failure);
    expect(delivered).toEqual([0, 1, 2]);
    expect(asked).toBeLessThan(20);
  });

  it("rejects with the error of next() or deliver()", async () => {
    const listing = new Error("listing failed");
    await expect(
      encodeInOrder({ next: async () => Promise.reject(listing), depth: 2, encode: async (ref) => ref, deliver: async () => {} }),
    ).rejects.toBe(listing);
    const writing = new Error("disk full");
    await expect(
      encodeInOrder({ next: refsUpTo(10), depth: 2, encode: async (ref) => ref, deliver: async () => Promise.reject(writing) }),
    ).rejects.toBe(writing);
  });

  it("rejects with the abort reason at once, even with samples that never finish", async () => {
    const controller = new AbortController();
    const never = new Promise<never>(() => {});
    const reason = new Error("stopped by the user");
    const done = encodeInOrder({ next: refsUpTo(10), depth: 2, encode: () => never, deliver: async () => {}, signal: controller.signal });
    await turn();
    controller.abort(reason);
    await expect(done).rejects.toBe(reason);
  });
});
