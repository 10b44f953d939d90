// Test helpers: build samples from full-frame pixel arrays and run the exporter in memory.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { PNG } from "pngjs";
import {
  collectFiles,
  memoryDataset,
  resolveOptions,
  runExport,
  type Diagnostic,
  type Instance,
  type Label,
  type Labelmap,
  type Sample,
} from "@maskport/core";
import { cocoExporter } from "../coco-exporter.ts";
import type { CocoExportOptions } from "../coco-options.ts";

export const GOLDEN_DIR = fileURLToPath(new URL("../../../../fixtures/golden/", import.meta.url));

/** A grayscale PNG as one value per pixel (the red channel of pngjs' RGBA). */
export function readGrayPng(path: string): { width: number; height: number; values: Uint8Array } {
  const png = PNG.sync.read(readFileSync(path));
  const values = new Uint8Array(png.width * png.height);
  for (let i = 0; i < values.length; i++) values[i] = png.data[i * 4] ?? 0;
  return { width: png.width, height: png.height, values };
}

/** The instance `frame == value`, cropped to its tight bbox; undefined when no pixel matches. */
export function instanceFromFrame(frame: Uint8Array, width: number, height: number, value: number, label: number, instanceId: number): Instance | undefined {
  let minX = width, minY = height, maxX = -1, maxY = -1, area = 0;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (frame[y * width + x] !== value) continue;
      area++;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  if (area === 0) return undefined;
  const w = maxX - minX + 1, h = maxY - minY + 1;
  const data = new Uint8Array(w * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) data[y * w + x] = frame[(y + minY) * width + x + minX] === value ? 1 : 0;
  return { label, instanceId, bbox: { x: minX, y: minY, width: w, height: h }, area, bitmap: { width: w, height: h, data } };
}

/** A CVAT-dialect labelmap: `background` (id 0, black) then the names with ids 1.. */
export function labelmapOf(...names: string[]): Labelmap {
  const labels: Label[] = [{ id: 0, name: "background", color: [0, 0, 0], parts: [], actions: [] }];
  names.forEach((name, i) => labels.push({ id: i + 1, name, color: [(i * 40 + 40) % 256, 128, 64], parts: [], actions: [] }));
  return { labels, backgroundId: 0, dialect: "cvat" };
}

export interface ExportResult {
  readonly files: Map<string, Uint8Array | { copyFrom: string }>;
  readonly diagnostics: Diagnostic[];
  /** The text of a JSON file of the export. */
  text(path?: string): string;
  /** The parsed JSON of a file of the export. */
  json(path?: string): CocoJson;
}

/** The parsed shape the tests look at. */
export interface CocoJson {
  licenses: unknown[];
  info: Record<string, unknown>;
  categories: { id: number; name: string; supercategory: string }[];
  images: { id: number; width: number; height: number; file_name: string }[];
  annotations: {
    id: number;
    image_id: number;
    category_id: number;
    segmentation: { size: [number, number]; counts: string | number[] } | number[][];
    area: number;
    bbox: [number, number, number, number];
    iscrowd: number;
    attributes: Record<string, unknown>;
  }[];
}

/** Runs the `coco` exporter over samples in memory. */
export async function exportCoco(labelmap: Labelmap, samples: readonly Sample[], given: Partial<Record<keyof CocoExportOptions, unknown>> = {}, subsets?: readonly string[]): Promise<ExportResult> {
  const options = resolveOptions("coco", cocoExporter.options, given);
  const diagnostics: Diagnostic[] = [];
  const files = await collectFiles(runExport(memoryDataset(labelmap, samples, subsets), cocoExporter, options, { onDiagnostic: (d) => diagnostics.push(d) }));
  const text = (path = "annotations/instances_default.json"): string => {
    const bytes = files.get(path);
    if (!(bytes instanceof Uint8Array)) throw new Error(`no file ${path}; have ${[...files.keys()].join(", ")}`);
    return new TextDecoder().decode(bytes);
  };
  return { files, diagnostics, text, json: (path) => JSON.parse(text(path)) as CocoJson };
}

/** One sample of `width` × `height` holding the given instances. */
export function sampleOf(id: string, width: number, height: number, instances: readonly Instance[], subset = "default"): Sample {
  return { id, subset, width, height, instances };
}
