import type { FileSource } from "./file-source.ts";

/** A file's text, decoded as Node's `readFile(path, "utf8")` does: invalid bytes become U+FFFD, a byte-order mark stays. */
export async function readText(files: FileSource, path: string): Promise<string> {
  return new TextDecoder("utf-8", { ignoreBOM: true }).decode(await files.read(path));
}
