/** Test helpers: a temporary folder to write input trees into, and gray PNGs from rows of values. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { writePng } from "@maskport/core/node";

/** A new temporary folder: `write(path, contents)` puts a file in it and returns its full path. */
export function tempTree(prefix: string): { root: string; write: (path: string, contents: string | Uint8Array) => string; remove: () => void } {
  const root = mkdtempSync(join(tmpdir(), prefix));
  return {
    root,
    write(path, contents) {
      const full = join(root, path);
      mkdirSync(dirname(full), { recursive: true });
      writeFileSync(full, contents);
      return full;
    },
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** A gray PNG of the given rows of values, 8-bit (or 16-bit). */
export function grayPng(rows: readonly number[][], sixteen = false): Uint8Array {
  return writePng({ width: rows[0]?.length ?? 0, height: rows.length, channels: 1, data: sixteen ? Uint16Array.from(rows.flat()) : Uint8Array.from(rows.flat()) });
}
