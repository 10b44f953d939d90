import { once } from "node:events";
import { constants, createWriteStream } from "node:fs";
import { copyFile, mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { MaskportError, stampWriteErrors, type OutputFile } from "@maskport/core";

/** Counts of what {@link writeOutputFiles} wrote. */
export interface WrittenFiles {
  readonly files: number;
  readonly bytes: number;
}

/**
 * Streams an exporter's files into `root` (a fresh folder). Every path is checked first, a
 * file is never written twice, `copyFrom` files are copied; whole files and copies are written
 * a few at a time, a streamed file alone. Errors raised while the plugin
 * produces files or contents are wrapped with the plugin's name.
 * "Never twice" is enforced by creating every file exclusively (`wx`, `COPYFILE_EXCL`), not
 * by remembering the paths: a million label files would otherwise be a million strings held
 * until the end.
 * @throws MaskportError `OUTPUT_PATH_ESCAPES` for a path that could leave `root`; `OUTPUT_WRITE_FAILED`
 *   when the file system refuses a write (no space left, no permission…), naming the file
 */
export async function writeOutputFiles(plugin: string, root: string, files: AsyncIterable<OutputFile>): Promise<WrittenFiles> {
  // Folders made so far: one mkdir per folder, not per file (YOLO writes a file per sample).
  const folders = new Set<string>();
  const writing = new Set<Promise<void>>();
  let failed: { error: unknown } | undefined;
  let count = 0;
  let bytes = 0;
  const written = (size: number): void => {
    count++;
    bytes += size;
  };
  try {
    for await (const file of stampWriteErrors(plugin, files)) {
      const path = checkOutputPath(plugin, file?.path);
      const target = join(root, ...path.split("/"));
      const folder = dirname(target);
      if (!folders.has(folder)) {
        // A file in flight may be in the new folder's way: it is made after them, as if written one by one.
        await Promise.all(writing);
        await mkdir(folder, { recursive: true }).catch((error: unknown) => {
          throw writeFailed(path, error);
        });
        folders.add(folder);
      }
      const write = writeFileOnce(plugin, path, target, file);
      // A streamed file is read to its end before the next file is asked for (the exporter contract).
      if ("contents" in file && !isWhole(file.contents)) written(await write);
      else {
        // Several whole files at a time: each one's open, write and close otherwise wait in turn for a free main thread (and a network disk's latency).
        const settled: Promise<void> = write.then(written, (error: unknown) => void (failed ??= { error })).then(() => void writing.delete(settled));
        writing.add(settled);
        if (writing.size >= PARALLEL_WRITES) await Promise.race(writing);
      }
      if (failed !== undefined) break;
    }
  } finally {
    // Nothing is still being written once this returns or throws: the staging folder may go next.
    await Promise.all(writing);
  }
  if (failed !== undefined) throw failed.error;
  return { files: count, bytes };
}

/**
 * Returns `path` when it is a safe relative `/`-separated path, else throws.
 * @throws MaskportError `OUTPUT_PATH_ESCAPES`
 */
export function checkOutputPath(plugin: string, path: unknown): string {
  const refuse = (why: string): MaskportError =>
    new MaskportError("OUTPUT_PATH_ESCAPES", `refused output path ${JSON.stringify(path)}: ${why}`, {
      plugin,
      hint: "Output paths are relative, use / and stay inside the output folder. This is a bug in the plugin.",
    });
  if (typeof path !== "string" || path === "") throw refuse("not a non-empty string");
  if (path.includes("\\")) throw refuse("contains a backslash");
  if (path.includes("\0")) throw refuse("contains a NUL character");
  if (path.startsWith("/") || /^[A-Za-z]:/.test(path)) throw refuse("absolute");
  for (const segment of path.split("/")) {
    if (segment === "..") throw refuse("contains ..");
    if (segment === "" || segment === ".") throw refuse("has an empty or . segment");
  }
  return path;
}

// --- internal ---

/** Whole files written at the same time at most. */
const PARALLEL_WRITES = 8;

/** Writes or copies one file, created exclusively; resolves to the bytes of its contents (0 for a copy). */
async function writeFileOnce(plugin: string, path: string, target: string, file: OutputFile): Promise<number> {
  if ("copyFrom" in file) {
    try {
      await copyFile(file.copyFrom, target, constants.COPYFILE_EXCL);
      return 0;
    } catch (error) {
      if (isExists(error)) throw writtenTwice(plugin, path, error);
      throw new MaskportError("INPUT_NOT_FOUND", `cannot copy ${file.copyFrom} to ${path}: ${(error as Error).message}`, { file: file.copyFrom, plugin, cause: error });
    }
  }
  try {
    return await writeContents(plugin, target, file.contents);
  } catch (error) {
    throw isExists(error) ? writtenTwice(plugin, path, error) : writeFailed(path, error);
  }
}

function isExists(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === "EEXIST";
}

/** OUTPUT_WRITE_FAILED for a file system error (one with a `syscall`) while writing `path`; other errors as they are. */
function writeFailed(path: string, error: unknown): unknown {
  if (typeof (error as NodeJS.ErrnoException | undefined)?.syscall !== "string") return error;
  return new MaskportError("OUTPUT_WRITE_FAILED", `cannot write ${path}: ${(error as Error).message}`, { cause: error, hint: "Check the free space and the permissions where --out goes; --out was left as it was." });
}

function writtenTwice(plugin: string, path: string, cause: unknown): MaskportError {
  return new MaskportError("PLUGIN_FAILED", `wrote ${path} twice`, { plugin, cause, hint: "Two outputs map to this path: two samples the format names alike (the same image file name in one subset or split), or a bug in the plugin." });
}

/** Contents at hand as one string or byte array, not streamed in chunks. */
function isWhole(contents: string | Uint8Array | AsyncIterable<string | Uint8Array>): contents is string | Uint8Array {
  return typeof contents === "string" || contents instanceof Uint8Array;
}

async function writeContents(plugin: string, target: string, contents: string | Uint8Array | AsyncIterable<string | Uint8Array>): Promise<number> {
  if (isWhole(contents)) {
    // Whole contents at hand: one writeFile is far cheaper than a stream for small files.
    await writeFile(target, contents, { flag: "wx" });
    return typeof contents === "string" ? Buffer.byteLength(contents) : contents.byteLength;
  }
  const stream = createWriteStream(target, { flags: "wx" });
  // Opened before the plugin makes any contents: a path written twice fails first, as writeFile's does.
  await once(stream, "open");
  await pipeline(stampWriteErrors(plugin, contents), stream);
  return stream.bytesWritten;
}
