import { MaskportError, stampWriteErrors, type FragmentQueue, type OutputFile } from "@maskport/core";
import { collectedSize, collectFile, type Collected } from "./collect-file.ts";
import { entryName, unsafePathReason } from "./zip-entries.ts";

/** One finished file on its way into the zip (client-zip's input shape). */
export interface ZipEntry {
  readonly name: string;
  readonly input: Collected;
}

/** What one format's files came to. */
export interface TargetFiles {
  readonly files: number;
  /** Bytes of written contents; copied raw images count 0, as in the CLI. */
  readonly bytes: number;
}

/** Where a target's files go and how copies are found. */
export interface TargetSink {
  /** The exporter's name, for errors. */
  readonly plugin: string;
  /** `""` (one format) or the format name. */
  readonly folder: string;
  readonly queue: FragmentQueue<ZipEntry>;
  /** Zip entry names so far, over every target: a name is never written twice. */
  readonly names: Set<string>;
  /** The picked file at a `copyFrom` path (a raw image), as a Blob. */
  open(path: string): Promise<Collected>;
}

/**
 * Turns one exporter's output files into zip entries: each file is checked (a safe relative path,
 * not written before), read to its end into a Blob, and only then queued for the zip, so a
 * format still streaming a file never holds up the zip (or the other formats).
 * @throws MaskportError `OUTPUT_PATH_ESCAPES`, `PLUGIN_FAILED` (a path written twice, or the exporter's own errors)
 */
export async function zipTarget(files: AsyncIterable<OutputFile>, sink: TargetSink): Promise<TargetFiles> {
  let count = 0;
  let bytes = 0;
  for await (const file of stampWriteErrors(sink.plugin, files)) {
    const why = unsafePathReason(file?.path);
    if (why !== undefined)
      throw new MaskportError("OUTPUT_PATH_ESCAPES", `refused output path ${JSON.stringify(file?.path)}: ${why}`, {
        plugin: sink.plugin,
        hint: "Output paths are relative, use / and stay inside the output folder. This is a bug in the plugin.",
      });
    const name = entryName(sink.folder, file.path);
    if (sink.names.has(name))
      throw new MaskportError("PLUGIN_FAILED", `wrote ${file.path} twice`, {
        plugin: sink.plugin,
        hint: "Two outputs map to this path: two samples the format names alike (the same image file name in one subset or split), or a bug in the plugin.",
      });
    sink.names.add(name);
    let input: Collected;
    if ("copyFrom" in file) input = await sink.open(file.copyFrom);
    else {
      const contents = file.contents;
      input = await collectFile(typeof contents === "string" || contents instanceof Uint8Array ? contents : stampWriteErrors(sink.plugin, contents));
      bytes += collectedSize(input);
    }
    count++;
    await sink.queue.push({ name, input });
  }
  return { files: count, bytes };
}
