/** Test helpers: run an exporter in memory, put its files on disk, read PNGs back with pngjs. */
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { collectFiles, memoryDataset, resolveOptions, runExport } from "@maskport/core";
import type { Diagnostic, Exporter, FragmentBase, Labelmap, Sample } from "@maskport/core";
import { PNG } from "pngjs";

/** What an export gave: files by path (bytes, or the file copied) and the diagnostics. */
export interface Exported {
  readonly files: Map<string, Uint8Array | { copyFrom: string }>;
  readonly diagnostics: Diagnostic[];
}

/** Runs `exporter` over `samples` in this thread with the given (CLI-style) options. */
export async function exportSamples<O extends object, F extends FragmentBase>(exporter: Exporter<O, F>, labelmap: Labelmap, samples: readonly Sample[], options: Record<string, unknown> = {}): Promise<Exported> {
  const diagnostics: Diagnostic[] = [];
  const resolved = resolveOptions(exporter.name, exporter.options, options);
  const files = await collectFiles(runExport(memoryDataset(labelmap, samples), exporter, resolved, { onDiagnostic: (d) => diagnostics.push(d) }));
  return { files, diagnostics };
}

/** Writes the files into a new temporary folder and returns it. */
export function materialise(files: ReadonlyMap<string, Uint8Array | { copyFrom: string }>): string {
  const root = mkdtempSync(join(tmpdir(), "maskport-semantic-"));
  for (const [path, contents] of files) {
    const target = join(root, path);
    mkdirSync(dirname(target), { recursive: true });
    if (contents instanceof Uint8Array) writeFileSync(target, contents);
    else copyFileSync(contents.copyFrom, target);
  }
  return root;
}

/** The bytes of an output file. */
export function bytesOf(files: Exported["files"], path: string): Uint8Array {
  const contents = files.get(path);
  if (!(contents instanceof Uint8Array)) throw new Error(`no written file ${path} (have ${[...files.keys()].join(", ")})`);
  return contents;
}

/** Text of an output file. */
export function textOf(files: Exported["files"], path: string): string {
  return Buffer.from(bytesOf(files, path)).toString("utf8");
}

/** A PNG read by pngjs: size, bit depth, colour type and the samples of each pixel. */
export function readPng(bytes: Uint8Array): { width: number; height: number; depth: number; colorType: number; pixel: (x: number, y: number) => number[] } {
  const png = PNG.sync.read(Buffer.from(bytes), { skipRescale: true } as never);
  const { width, height, depth, colorType } = png as unknown as { width: number; height: number; depth: number; colorType: number };
  const channels = colorType === 0 ? 1 : 3;
  const data = png.data as unknown as ArrayLike<number>;
  return { width, height, depth, colorType, pixel: (x, y) => Array.from({ length: channels }, (_, c) => data[4 * (y * width + x) + c] as number) };
}

/** Rows of a 1-channel PNG as digit strings (values 0–9), for hand-written expectations. */
export function rowsOfPng(bytes: Uint8Array): string[] {
  const png = readPng(bytes);
  return Array.from({ length: png.height }, (_, y) => Array.from({ length: png.width }, (_, x) => String(png.pixel(x, y)[0])).join(""));
}
