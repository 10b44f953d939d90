import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { collectFiles, readSamples, resolveOptions, runExport, type Dataset, type Sample } from "@maskport/core";
import { readMaskDataset } from "@maskport/core/node";
import { cocoExporter } from "./coco-exporter.ts";
import { cocoImporter } from "./coco-importer.ts";
import { sa1bExporter } from "./sa1b-exporter.ts";
import { sa1bImporter } from "./sa1b-importer.ts";

const EXAMPLE = fileURLToPath(new URL("../../../examples/mri-brain-tumor/", import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), "maskport-coco-sample-"));

/** Every instance of a dataset as (sample, label name, box, pixels), independent of label ids. */
async function pixelsByName(dataset: Dataset): Promise<{ samples: string[]; instances: unknown[] }> {
  const names = new Map(dataset.labelmap.labels.map((label) => [label.id, label.name]));
  const samples: string[] = [];
  const instances: unknown[] = [];
  for await (const sample of readSamples(dataset) as AsyncIterable<Sample>) {
    samples.push(`${sample.subset}/${sample.id} ${sample.width}x${sample.height}`);
    for (const i of sample.instances) instances.push([sample.id, names.get(i.label), i.bbox, i.area, Buffer.from(i.bitmap.data).toString("base64")]);
  }
  return { samples, instances };
}

describe("bundled MRI sample: masks → COCO → import → the same masks", () => {
  for (const [folder, options] of [
    ["segmentation_mask", {}],
    ["segmentation_mask", { segmentation: "polygon" }],
    ["multi-class", {}],
    ["multi-class", { segmentation: "polygon", parts: "separate" }],
  ] as const) {
    it(`${folder} ${JSON.stringify(options)}`, async () => {
      const source = await readMaskDataset(join(EXAMPLE, folder), { images: join(EXAMPLE, "images") });
      const files = await collectFiles(runExport(source, cocoExporter, resolveOptions("coco", cocoExporter.options, options)));
      const root = join(scratch, `${folder}-${Object.keys(options).length}`);
      for (const [path, contents] of files) {
        mkdirSync(dirname(join(root, path)), { recursive: true });
        writeFileSync(join(root, path), contents instanceof Uint8Array ? contents : `copy of ${contents.copyFrom}`);
      }
      const diagnostics: unknown[] = [];
      const back = await cocoImporter.read(root, {}, { report: (d) => diagnostics.push(d) });
      const [want, got] = [await pixelsByName(source), await pixelsByName(back)];
      expect(got.samples).toEqual(want.samples);
      expect(want.instances.length).toBeGreaterThanOrEqual(20);
      expect(got.instances).toEqual(want.instances);
      expect(diagnostics).toEqual([]);
      if (options.segmentation === "polygon") {
        const json = JSON.parse(new TextDecoder().decode(files.get("annotations/instances_default.json") as Uint8Array)) as { annotations: { segmentation: unknown }[] };
        expect(json.annotations.every((a) => Array.isArray(a.segmentation))).toBe(true);
      }
    });
  }
});

describe("bundled MRI sample: masks → SA-1B → import → the same masks", () => {
  for (const folder of ["segmentation_mask", "multi-class"]) {
    it(folder, async () => {
      const source = await readMaskDataset(join(EXAMPLE, folder), { images: join(EXAMPLE, "images") });
      const files = await collectFiles(runExport(source, sa1bExporter, resolveOptions("sa1b", sa1bExporter.options, {})));
      const root = join(scratch, `sa1b-${folder}`);
      for (const [path, contents] of files) {
        mkdirSync(dirname(join(root, path)), { recursive: true });
        writeFileSync(join(root, path), contents instanceof Uint8Array ? contents : `copy of ${contents.copyFrom}`);
      }
      expect([...files.keys()].filter((path) => path.endsWith(".json"))).toHaveLength(12);
      const diagnostics: unknown[] = [];
      const back = await sa1bImporter.read(root, resolveOptions("sa1b", sa1bImporter.options, {}), { report: (d) => diagnostics.push(d) });
      const [want, got] = [await pixelsByName(source), await pixelsByName(back)];
      expect(got.samples).toEqual(want.samples);
      expect(want.instances.length).toBeGreaterThanOrEqual(20);
      expect(got.instances).toEqual(want.instances);
      expect(diagnostics).toEqual([]);
    });
  }
});
