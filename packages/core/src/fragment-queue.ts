/**
 * A bounded async queue between producers and one consumer: the per-sample stage and one
 * exporter's `write`, or (the web page) every format's writer and the one zip stream. `push`
 * waits while the queue is full, so memory stays bounded by `capacity` items; items come out in
 * push order.
 */
export class FragmentQueue<T> implements AsyncIterable<T> {
  readonly #capacity: number;
  readonly #items: T[] = [];
  #closed = false;
  #failure: { error: unknown } | undefined;
  /** Set when the consumer stopped early: later pushes are dropped instead of blocking forever. */
  #abandoned = false;
  #wakeConsumer: (() => void) | undefined;
  /** Producers waiting for room (several may push at once). */
  #wakeProducers: (() => void)[] = [];

  constructor(capacity: number) {
    this.#capacity = Math.max(1, capacity);
  }

  /** Adds an item, waiting for room. Rejects once the queue has been failed. */
  async push(item: T): Promise<void> {
    while (this.#items.length >= this.#capacity && !this.#abandoned && this.#failure === undefined) {
      await new Promise<void>((resolve) => this.#wakeProducers.push(resolve));
    }
    if (this.#failure !== undefined) throw this.#failure.error;
    if (this.#abandoned) return;
    this.#items.push(item);
    this.#wake();
  }

  /** Items queued, not yet taken. */
  get length(): number {
    return this.#items.length;
  }

  /** No more items: the consumer's loop ends after the queued ones. */
  close(): void {
    this.#closed = true;
    this.#wake();
  }

  /** Stops both sides: the consumer's next read and any waiting push reject with `error`. */
  fail(error: unknown): void {
    this.#failure ??= { error };
    this.#wake();
  }

  /** The consumer is gone (its write finished or threw): drop further pushes. */
  abandon(): void {
    this.#abandoned = true;
    this.#items.length = 0;
    this.#wake();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    try {
      for (;;) {
        if (this.#failure !== undefined) throw this.#failure.error;
        const item = this.#items.shift();
        if (item !== undefined) {
          this.#wake();
          yield item;
          continue;
        }
        if (this.#closed) return;
        await new Promise<void>((resolve) => (this.#wakeConsumer = resolve));
      }
    } finally {
      if (!this.#closed || this.#items.length > 0) this.abandon();
    }
  }

  // --- internal ---

  #wake(): void {
    const consumer = this.#wakeConsumer;
    const producers = this.#wakeProducers;
    this.#wakeConsumer = undefined;
    this.#wakeProducers = [];
    consumer?.();
    for (const producer of producers) producer();
  }
}
