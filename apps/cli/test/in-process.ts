// Runs CLI commands in-process against the workspace sources (no build): the first-party
// plugins and core's mask importer, output captured.
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { PNG } from "pngjs";
import { maskImporter } from "@maskport/core/node";
import type { Plugin } from "@maskport/core";
import coco from "../../../packages/exporter-coco/src/index.ts";
import cvat from "../../../packages/exporter-cvat/src/index.ts";
import yolo from "../../../packages/exporter-yolo/src/index.ts";
import { createProgram } from "../src/create-program.ts";
import type { PluginSet } from "../src/discover-plugins.ts";

/** What a command printed and its outcome. */
export interface InProcessResult {
  readonly stdout: string;
  readonly stderr: string;
  /** The error the command threw (run-cli.ts would turn it into an exit status), if any. */
  readonly error: unknown;
}

const plugins: PluginSet = {
  plugins: ([maskImporter, ...coco, ...cvat, ...yolo] as Plugin[]).map((plugin) => ({
    plugin,
    source: { request: `test:${plugin.name}`, url: "file:///test", exportName: "default", packageName: undefined, version: undefined, origin: "built-in" as const },
  })),
  broken: [],
  projectManifest: undefined,
};

/** Runs `maskport <argv>` in-process with the first-party plugins, relative paths against `cwd`. */
export async function runInProcess(argv: readonly string[], cwd: string): Promise<InProcessResult> {
  const out: string[] = [];
  const err: string[] = [];
  const previous = process.cwd();
  process.chdir(cwd);
  let error: unknown;
  try {
    const program = createProgram({
      cwd,
      plugins,
      output: { out: (text) => void out.push(text), err: (text) => void err.push(text), progress: () => {} },
      interactive: false,
      signal: new AbortController().signal,
      setExitCode: () => {},
    });
    await program.parseAsync([...argv], { from: "user" });
  } catch (caught) {
    error = caught;
  } finally {
    process.chdir(previous);
  }
  return { stdout: out.join("\n"), stderr: err.join("\n"), error };
}

/** Writes an 8-bit RGB PNG from a function of (x, y). */
export function writeRgbPng(file: string, width: number, height: number, color: (x: number, y: number) => readonly [number, number, number]): void {
  const png = new PNG({ width, height });
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const [r, g, b] = color(x, y);
      png.data.set([r, g, b, 255], (y * width + x) * 4);
    }
  }
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, PNG.sync.write(png, { colorType: 2 }));
}

/** Reads a PNG as RGBA and returns a pixel reader. */
export function readPng(bytes: Buffer): { width: number; height: number; at(x: number, y: number): number[] } {
  const png = PNG.sync.read(bytes);
  return { width: png.width, height: png.height, at: (x, y) => [...png.data.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 4)] };
}

/**
 * A published-layout dataset (labelmap.txt, *_CLASS_png_format/, *_OBJECT_png_format/) in
 * `root`: `masks` maps image name → object-id raster (row strings, one digit per pixel, 0 = none);
 * every instance is `tumor` (250, 50, 83); instance i is painted in the VOC colour of i.
 */
export function writeMaskDataset(root: string, masks: Readonly<Record<string, readonly string[]>>): void {
  writeFileSync(join(mkdirp(root), "labelmap.txt"), "# label:color_rgb:parts:actions\ntumor:250,50,83::\nbackground:0,0,0::\n");
  const voc: Record<string, [number, number, number]> = { "0": [0, 0, 0], "1": [128, 0, 0], "2": [0, 128, 0], "3": [128, 128, 0] };
  for (const [name, rows] of Object.entries(masks)) {
    const width = rows[0]!.length;
    writeRgbPng(join(root, "tumor_CLASS_png_format", `${name}.png`), width, rows.length, (x, y) => (rows[y]![x] === "0" ? [0, 0, 0] : [250, 50, 83]));
    writeRgbPng(join(root, "tumor_OBJECT_png_format", `${name}.png`), width, rows.length, (x, y) => voc[rows[y]![x]!]!);
  }
}

function mkdirp(dir: string): string {
  mkdirSync(dir, { recursive: true });
  return dir;
}
