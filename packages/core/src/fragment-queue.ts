/**
 * A bounded async queue between the per-sample stage (producer) and one exporter's `write`
 * (consumer). `push` waits while the queue is full, so memory stays bounded by `capacity`
 * fragments per target; items come out in push order.
 */
export class FragmentQueue<T> implements AsyncIterable<T> {
  readonly #capacity: number;
  readonly #items: T[] = [];
  #closed = false;
  #failure: { error: unknown } | undefined;
  /** Set when the consumer stopped early: later pushes are dropped instead of blocking forever. */
  #abandoned = false;
  #wakeConsumer: (() => void) | undefined;
  #wakeProducer: (() => void) | undefined;

  constructor(capacity: number) {
    this.#capacity = Math.max(1, capacity);
  }

  /** Adds an item, waiting for room. Rejects once the queue has been failed. */
  async push(item: T): Promise<void> {
    while (this.#items.length >= this.#capacity && !this.#abandoned && this.#failure === undefined) {
      await new Promise<void>((resolve) => (this.#wakeProducer = resolve));
    }
    if (this.#failure !== undefined) throw this.#failure.error;
    if (this.#abandoned) return;
    this.#items.push(item);
    this.#wake();
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
    const producer = this.#wakeProducer;
    this.#wakeConsumer = undefined;
    this.#wakeProducer = undefined;
    consumer?.();
    producer?.();
  }
}
