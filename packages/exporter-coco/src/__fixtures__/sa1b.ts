// Test helpers for the sa1b plugins: run the exporter in memory, put files on disk, import them back.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { collectFiles, memoryDataset, readSamples, resolveOptions, runExport, type Diagnostic, type Labelmap, type Sample } from "@maskport/core";
import { sa1bExporter } from "../sa1b-exporter.ts";
import { sa1bImporter } from "../sa1b-importer.ts";
import type { Sa1bExportOptions } from "../sa1b-options.ts";

/** An SA-1B file as the tests read it back (JSON.parse of the written bytes). */
export interface Sa1bJson {
  image: { image_id: number; width: number; height: number; file_name: string };
  annotations: {
    id: number;
    segmentation: { size: [number, number]; counts: string };
    bbox: [number, number, number, number];
    area: number;
    predicted_iou: number;
    stability_score: number;
    crop_box: [number, number, number, number];
    point_coords: [number, number][];
    label: string;
  }[];
}

export interface Sa1bExport {
  readonly files: Map<string, Uint8Array | { copyFrom: string }>;
  readonly diagnostics: Diagnostic[];
  /** The text of an output file. */
  text(path: string): string;
  /** The parsed JSON of a sample's file. */
  json(path: string): Sa1bJson;
}

/** Runs the `sa1b` exporter over samples in memory. */
export async function exportSa1b(labelmap: Labelmap, samples: readonly Sample[], given: Partial<Record<keyof Sa1bExportOptions, unknown>> = {}): Promise<Sa1bExport> {
  const options = resolveOptions("sa1b", sa1bExporter.options, given);
  const diagnostics: Diagnostic[] = [];
  const files = await collectFiles(runExport(memoryDataset(labelmap, samples), sa1bExporter, options, { onDiagnostic: (d) => diagnostics.push(d) }));
  const text = (path: string): string => {
    const bytes = files.get(path);
    if (!(bytes instanceof Uint8Array)) throw new Error(`no file ${path}; have ${[...files.keys()].join(", ")}`);
    return new TextDecoder().decode(bytes);
  };
  return { files, diagnostics, text, json: (path) => JSON.parse(text(path)) as Sa1bJson };
}

const scratch = mkdtempSync(join(tmpdir(), "maskport-sa1b-"));
let folders = 0;

/** Writes files (exported ones, copies made from their sources, or loose text) into a fresh folder; returns its path. */
export function materialise(files: ReadonlyMap<string, Uint8Array | { copyFrom: string }> | Record<string, string>): string {
  const root = join(scratch, `case-${++folders}`);
  mkdirSync(root, { recursive: true });
  for (const [path, contents] of files instanceof Map ? [...files] : Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), contents instanceof Uint8Array || typeof contents === "string" ? contents : readFileSync(contents.copyFrom));
  }
  return root;
}

/** Reads an SA-1B input with the `sa1b` importer: every sample, the diagnostics and the labelmap. */
export async function importSa1b(input: string, images?: string): Promise<{ samples: Sample[]; diagnostics: Diagnostic[]; labelmap: Labelmap }> {
  const diagnostics: Diagnostic[] = [];
  const dataset = await sa1bImporter.read(input, {}, { report: (d) => diagnostics.push(d), ...(images === undefined ? {} : { images }) });
  const samples: Sample[] = [];
  for await (const sample of readSamples(dataset)) samples.push(sample);
  return { samples, diagnostics, labelmap: dataset.labelmap };
}
