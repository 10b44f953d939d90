/** Streamed parts are folded into one Blob every this many bytes, so the browser can move them out of the JS heap. */
const FOLD_BYTES = 4 * 1024 * 1024;

/** A file's contents as an exporter gives them (`OutputFile.contents`). */
export type Contents = string | Uint8Array | AsyncIterable<string | Uint8Array>;

/** A collected file: bytes when small (most files), a Blob when it grew past the fold size. */
export type Collected = Uint8Array<ArrayBuffer> | Blob;

const encoder = new TextEncoder();

/**
 * A file's whole contents (strings UTF-8, as the CLI writes them). Streamed contents are read to
 * their end here, chunk by chunk, so the exporter may go on to its next file. Files stay bytes
 * in the worker until they pass `foldBytes`: a Blob is a round trip to the browser process on
 * creation and again when the zip reads it, which thousands of small label files pay for dearly.
 */
export async function collectFile(contents: Contents, foldBytes = FOLD_BYTES): Promise<Collected> {
  if (typeof contents === "string") return encoder.encode(contents);
  if (contents instanceof Uint8Array) return contents as Uint8Array<ArrayBuffer>;
  let folded: Blob | undefined;
  let parts: Uint8Array<ArrayBuffer>[] = [];
  let pending = 0;
  for await (const chunk of contents) {
    // A copy: the exporter may reuse its buffer once it asks for the next chunk.
    const bytes = typeof chunk === "string" ? encoder.encode(chunk) : (chunk.slice() as Uint8Array<ArrayBuffer>);
    parts.push(bytes);
    pending += bytes.length;
    if (pending >= foldBytes) {
      folded = new Blob(folded === undefined ? parts : [folded, ...parts]);
      parts = [];
      pending = 0;
    }
  }
  if (folded !== undefined) return parts.length === 0 ? folded : new Blob([folded, ...parts]);
  return concat(parts, pending);
}

/** The size in bytes of a collected file. */
export function collectedSize(collected: Collected): number {
  return collected instanceof Blob ? collected.size : collected.length;
}

function concat(parts: readonly Uint8Array<ArrayBuffer>[], length: number): Uint8Array<ArrayBuffer> {
  if (parts.length === 1) return parts[0] as Uint8Array<ArrayBuffer>;
  const whole = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    whole.set(part, at);
    at += part.length;
  }
  return whole;
}
