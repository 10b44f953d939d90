/** Reads an input with the nifti importer and paints each sample's instances back into a raster of label ids. */
import { rmSync } from "node:fs";
import { resolveOptions, type Diagnostic } from "@maskport/core";
import { niftiImporter, type NiftiImporterOptions } from "../nifti-importer.ts";
import type { NiftiSample } from "../nifti-slice.ts";

export interface ReadSlice {
  readonly sample: NiftiSample;
  /** Label id per pixel (0 where no instance), row-major. */
  readonly raster: Uint16Array;
}

export async function readSlices(input: string, options: Partial<Record<keyof NiftiImporterOptions, unknown>> = {}): Promise<{ slices: ReadSlice[]; diagnostics: Diagnostic[]; labelNames: Map<number, string> }> {
  const diagnostics: Diagnostic[] = [];
  const dataset = await niftiImporter.read(input, resolveOptions<NiftiImporterOptions>("nifti", niftiImporter.options, options), { report: (d) => diagnostics.push(d) });
  const slices: ReadSlice[] = [];
  for await (const ref of dataset.refs()) {
    const folder = (ref as { imageDir?: string }).imageDir;
    if (folder !== undefined) imageFolders.add(folder);
    const sample = (await dataset.load(ref)) as NiftiSample;
    const raster = new Uint16Array(sample.width * sample.height);
    for (const instance of sample.instances) {
      const { bbox, bitmap } = instance;
      for (let y = 0; y < bitmap.height; y++)
        for (let x = 0; x < bitmap.width; x++) if (bitmap.data[y * bitmap.width + x] === 1) raster[(bbox.y + y) * sample.width + bbox.x + x] = instance.label;
    }
    slices.push({ sample, raster });
  }
  return { slices, diagnostics, labelNames: new Map(dataset.labelmap.labels.map((l) => [l.id, l.name])) };
}

const imageFolders = new Set<string>();

/** Removes the slice-image folders the importer made for the reads so far (it removes them itself only when the process exits). */
export function removeImageFolders(): void {
  for (const folder of imageFolders) rmSync(folder, { recursive: true, force: true });
  imageFolders.clear();
}
