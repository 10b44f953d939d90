import type { Spool } from "@maskport/core";

/** Records are moved out of the JS heap into a Blob every this many characters. */
const FOLD_CHARS = 1 << 20;

/**
 * A {@link Spool} for the browser: records pile up in memory only until about a megabyte, then
 * go into a Blob (a JSON array of them), which the browser may keep outside the page's heap or
 * on disk, so a million samples' COCO image records do not all sit in the worker's heap.
 */
export function blobSpool(foldChars = FOLD_CHARS): Spool {
  let folded: Blob[] | undefined = [];
  let pending: string[] = [];
  let pendingChars = 0;
  let length = 0;
  return {
    push(record) {
      if (folded === undefined) throw new Error("push after drain: a spool is read once, after the last push");
      pending.push(record);
      pendingChars += record.length;
      length++;
      if (pendingChars >= foldChars) {
        folded.push(new Blob([JSON.stringify(pending)]));
        pending = [];
        pendingChars = 0;
      }
    },
    get length() {
      return length;
    },
    async *drain() {
      const blobs = folded;
      if (blobs === undefined) throw new Error("a spool is drained once");
      folded = undefined;
      const tail = pending;
      pending = [];
      length = 0;
      while (blobs.length > 0) yield* JSON.parse(await blobs.shift()!.text()) as string[];
      yield* tail;
    },
  };
}
