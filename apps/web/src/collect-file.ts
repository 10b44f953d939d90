/** Streamed parts are folded into one Blob every this many bytes, so the browser can move them out of the JS heap. */
const FOLD_BYTES = 4 * 1024 * 1024;

/** What the Blob constructor takes (named here: Node's types, which the tests compile with, have no `BlobPart`). */
type Part = NonNullable<ConstructorParameters<typeof Blob>[0]>[number];

/** A file's contents as an exporter gives them (`OutputFile.contents`). */
export type Contents = string | Uint8Array | AsyncIterable<string | Uint8Array>;

/**
 * A file's whole contents as one Blob (strings UTF-8, as the CLI writes them). Streamed contents
 * are read to their end here, chunk by chunk, so the exporter may go on to its next file.
 */
export async function collectFile(contents: Contents, foldBytes = FOLD_BYTES): Promise<Blob> {
  if (typeof contents === "string" || contents instanceof Uint8Array) return new Blob([part(contents)]);
  let parts: Part[] = [];
  let pending = 0;
  for await (const chunk of contents) {
    // A copy: the exporter may reuse its buffer once it asks for the next chunk.
    parts.push(typeof chunk === "string" ? chunk : part(chunk.slice()));
    pending += chunk.length;
    if (pending >= foldBytes) {
      parts = [new Blob(parts)];
      pending = 0;
    }
  }
  return new Blob(parts);
}

/** A chunk as a Blob part (a view of a plain ArrayBuffer, as the Blob constructor's type wants). */
function part(chunk: string | Uint8Array): Part {
  return chunk as string | Uint8Array<ArrayBuffer>;
}
