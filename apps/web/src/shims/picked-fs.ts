// TEMPORARY (until nnunet's raw-image reader reads through EncodeContext.files): `node:fs` for
// packages/exporter-semantic/src/read-raw-image.ts, whose synchronous readFileSync(path) is
// answered from the picked files with the worker's FileReaderSync. vite.config.ts redirects it here.

/** The worker's synchronous Blob reader (the DOM lib, which this code compiles with, lacks it). */
declare const FileReaderSync: { new (): { readAsArrayBuffer(blob: Blob): ArrayBuffer } } | undefined;

let lookup: ((path: string) => Blob | undefined) | undefined;

/** Where `readFileSync` finds files: the current run's picked files by path. */
export function setPickedFiles(find: ((path: string) => Blob | undefined) | undefined): void {
  lookup = find;
}

/** The bytes of a picked file; a missing one fails as Node's does (`ENOENT`). */
export function readFileSync(path: string): Uint8Array {
  const blob = lookup?.(path);
  if (blob === undefined) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: "ENOENT" });
  if (FileReaderSync === undefined) throw new Error("synchronous file reads need a worker (FileReaderSync)");
  return new Uint8Array(new FileReaderSync().readAsArrayBuffer(blob));
}
