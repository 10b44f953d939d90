import type { Spool } from "./plugin.ts";

/**
 * A {@link Spool} that keeps its records in memory: for tests and in-memory runs
 * ({@link runExport}), where nothing is large. The CLI spills to disk (`fileSpools` in
 * `@maskport/core/node`).
 */
export function memorySpool(): Spool {
  let records: string[] | undefined = [];
  return {
    push(record) {
      if (records === undefined) throw new Error("push after drain: a spool is read once, after the last push");
      records.push(record);
    },
    get length() {
      return records?.length ?? 0;
    },
    async *drain() {
      const taken = records;
      if (taken === undefined) throw new Error("a spool is drained once");
      records = undefined;
      yield* taken;
    },
  };
}

/** How {@link joinRecords} joins. */
export interface JoinOptions {
  /** Between two records (default none), e.g. `,` for a JSON array. */
  readonly separator?: string;
  /** After every record (default none), e.g. a newline for a list file. */
  readonly suffix?: string;
}

/**
 * Records (a spool's `drain()`) joined into chunks of about 64 Ki characters: file contents
 * that stream without one huge string or a write per record.
 */
export async function* joinRecords(records: AsyncIterable<string>, options: JoinOptions = {}): AsyncIterable<string> {
  const separator = options.separator ?? "";
  const suffix = options.suffix ?? "";
  let chunk = "";
  let first = true;
  for await (const record of records) {
    chunk += first ? record + suffix : separator + record + suffix;
    first = false;
    if (chunk.length >= CHUNK_CHARS) {
      yield chunk;
      chunk = "";
    }
  }
  if (chunk !== "") yield chunk;
}

const CHUNK_CHARS = 1 << 16;
