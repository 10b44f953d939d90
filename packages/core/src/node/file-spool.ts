import { createReadStream, closeSync, mkdirSync, openSync, rmSync, writeSync } from "node:fs";
import { join } from "node:path";
import { MaskportError } from "../errors.ts";
import type { Spool } from "../plugin.ts";

/** The spools of one run, spilling into one folder. */
export interface SpoolFolder {
  /** A new, empty spool. */
  spool(): Spool;
  /** Closes every spool file and deletes the folder (whether or not the spools were read). */
  dispose(): void;
}

/** Options of {@link fileSpools}. */
export interface FileSpoolOptions {
  /** Characters a spool holds in memory before it writes them to its file (default 256 Ki). */
  readonly memoryChars?: number;
}

/**
 * Spools that keep up to `memoryChars` characters in memory each and append the rest to a file
 * under `folder` (created on the first spill, so small runs never touch the disk). Records are
 * stored one per line, with `\` and newlines escaped. Writes are synchronous: `push` is called
 * from a writer between two awaits, and a 256 K append to the page cache costs well under a
 * millisecond.
 * @throws MaskportError `OUTPUT_WRITE_FAILED` (from `push` or `drain`) when the file cannot be written or read
 */
export function fileSpools(folder: string, options: FileSpoolOptions = {}): SpoolFolder {
  const memoryChars = options.memoryChars ?? 1 << 18;
  const open = new Set<FileSpool>();
  let count = 0;
  let created = false;
  return {
    spool() {
      const file = join(folder, `spool-${++count}.txt`);
      const spool = new FileSpool(file, memoryChars, () => {
        if (!created) mkdirSync(folder, { recursive: true });
        created = true;
      });
      open.add(spool);
      return spool;
    },
    dispose() {
      for (const spool of open) spool.close();
      open.clear();
      if (created) rmSync(folder, { recursive: true, force: true });
    },
  };
}

// --- internal ---

class FileSpool implements Spool {
  readonly #file: string;
  readonly #memoryChars: number;
  readonly #ensureFolder: () => void;
  #pending: string[] = [];
  #pendingChars = 0;
  #fd: number | undefined;
  #length = 0;
  #drained = false;

  constructor(file: string, memoryChars: number, ensureFolder: () => void) {
    this.#file = file;
    this.#memoryChars = memoryChars;
    this.#ensureFolder = ensureFolder;
  }

  get length(): number {
    return this.#length;
  }

  push(record: string): void {
    if (this.#drained) throw new Error("push after drain: a spool is read once, after the last push");
    this.#pending.push(record);
    this.#pendingChars += record.length;
    this.#length++;
    if (this.#pendingChars >= this.#memoryChars) this.#spill();
  }

  async *drain(): AsyncIterable<string> {
    if (this.#drained) throw new Error("a spool is drained once");
    this.#drained = true;
    if (this.#fd === undefined) {
      // Never spilled: everything is still in memory.
      const records = this.#pending;
      this.#pending = [];
      yield* records;
      return;
    }
    this.#spill();
    this.close();
    try {
      let rest = "";
      try {
        for await (const chunk of createReadStream(this.#file, { encoding: "utf8", highWaterMark: 1 << 16 })) {
          const lines = (rest + (chunk as string)).split("\n");
          rest = lines.pop() as string;
          for (const line of lines) yield unescape(line);
        }
      } catch (error) {
        throw this.#failed("read", error);
      }
    } finally {
      rmSync(this.#file, { force: true });
    }
  }

  /** Closes the file (idempotent). */
  close(): void {
    if (this.#fd === undefined) return;
    const fd = this.#fd;
    this.#fd = undefined;
    closeSync(fd);
  }

  #spill(): void {
    if (this.#pending.length === 0) return;
    let text = "";
    for (const record of this.#pending) text += `${escape(record)}\n`;
    this.#pending = [];
    this.#pendingChars = 0;
    try {
      if (this.#fd === undefined) {
        this.#ensureFolder();
        this.#fd = openSync(this.#file, "wx");
      }
      const bytes = Buffer.from(text, "utf8");
      for (let at = 0; at < bytes.length; ) at += writeSync(this.#fd, bytes, at);
    } catch (error) {
      throw this.#failed("write", error);
    }
  }

  #failed(action: "read" | "write", error: unknown): MaskportError {
    return new MaskportError("OUTPUT_WRITE_FAILED", `cannot ${action} the spool file: ${(error as Error).message}`, {
      file: this.#file,
      cause: error,
      hint: "Records wait there until an output file is complete; check the free space beside --out.",
    });
  }
}

const SPECIAL = /[\\\n]/;

/** One record per line: `\` → `\\`, newline → `\n`. */
function escape(record: string): string {
  return SPECIAL.test(record) ? record.replace(/[\\\n]/g, (c) => (c === "\\" ? "\\\\" : "\\n")) : record;
}

function unescape(line: string): string {
  return line.includes("\\") ? line.replace(/\\([\\n])/g, (_, c: string) => (c === "n" ? "\n" : "\\")) : line;
}
