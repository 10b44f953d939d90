/**
 * A bounded first-in first-out queue between the format writers (several, concurrent) and the
 * one zip stream that reads it. Writers push complete files only, so the zip never waits on a
 * file that is still being produced; `push` waits while the queue is full, which keeps at most
 * `capacity` finished files in memory ahead of the zip.
 */
export class EntryQueue<T> implements AsyncIterable<T> {
  readonly #items: T[] = [];
  readonly #capacity: number;
  /** Writers waiting for room, and the reader waiting for an item. */
  #spaceWaiters: (() => void)[] = [];
  #itemWaiter: (() => void) | undefined;
  #closed = false;
  #failed: { error: unknown } | undefined;

  constructor(capacity: number) {
    this.#capacity = Math.max(1, capacity);
  }

  /** Appends `item`, waiting while the queue is full; rejects once the queue failed or closed. */
  async push(item: T): Promise<void> {
    while (this.#items.length >= this.#capacity && this.#failed === undefined) await new Promise<void>((resolve) => this.#spaceWaiters.push(resolve));
    if (this.#failed !== undefined) throw this.#failed.error;
    if (this.#closed) throw new Error("push after close");
    this.#items.push(item);
    this.#wakeReader();
  }

  /** No more items: the reader ends after the queued ones. */
  close(): void {
    this.#closed = true;
    this.#wakeReader();
  }

  /** Ends the queue with `error`: the reader throws it, waiting and later writers reject with it; queued items are dropped. */
  fail(error: unknown): void {
    this.#failed ??= { error };
    this.#items.length = 0;
    this.#wakeReader();
    this.#wakeWriters();
  }

  get length(): number {
    return this.#items.length;
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for (;;) {
      if (this.#failed !== undefined) throw this.#failed.error;
      const item = this.#items.shift();
      if (item !== undefined) {
        this.#wakeWriters();
        yield item;
        continue;
      }
      if (this.#closed) return;
      await new Promise<void>((resolve) => (this.#itemWaiter = resolve));
    }
  }

  #wakeReader(): void {
    const waiter = this.#itemWaiter;
    this.#itemWaiter = undefined;
    waiter?.();
  }

  #wakeWriters(): void {
    const waiters = this.#spaceWaiters;
    this.#spaceWaiters = [];
    for (const wake of waiters) wake();
  }
}
