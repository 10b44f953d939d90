import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { collectFiles, readSamples, resolveOptions, runExport, type Dataset, type Diagnostic, type Exporter, type FragmentBase, type Sample } from "@maskport/core";
import { readMaskDataset } from "@maskport/core/node";
import { afterAll, describe, expect, it } from "vitest";
import { cvatExporter } from "./cvat-exporter.ts";
import { cvatImporter } from "./cvat-importer.ts";
import { maskExporter } from "./mask-exporter.ts";

const EXAMPLE = fileURLToPath(new URL("../../../examples/mri-brain-tumor/", import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), "maskport-cvat-sample-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Every instance as (sample, label name, box, area, pixels): independent of label ids and instance numbers. */
async function pixelsByName(dataset: Dataset): Promise<{ samples: string[]; instances: unknown[] }> {
  const names = new Map(dataset.labelmap.labels.map((label) => [label.id, label.name]));
  const samples: string[] = [];
  const instances: unknown[] = [];
  for await (const sample of readSamples(dataset) as AsyncIterable<Sample>) {
    samples.push(`${sample.id} ${sample.width}x${sample.height}`);
    for (const i of sample.instances) instances.push([sample.id, names.get(i.label), i.bbox, i.area, Buffer.from(i.bitmap.data).toString("base64")]);
  }
  return { samples, instances };
}

async function exportTo<O extends object, F extends FragmentBase>(dataset: Dataset, exporter: Exporter<O, F>, given: Record<string, unknown>, folder: string): Promise<Diagnostic[]> {
  const diagnostics: Diagnostic[] = [];
  const files = await collectFiles(runExport(dataset, exporter, resolveOptions(exporter.name, exporter.options, given), { onDiagnostic: (d) => diagnostics.push(d) }));
  for (const [path, contents] of files) {
    mkdirSync(dirname(join(folder, path)), { recursive: true });
    if (contents instanceof Uint8Array) writeFileSync(join(folder, path), contents);
    else copyFileSync(contents.copyFrom, join(folder, path));
  }
  return diagnostics;
}

describe("bundled MRI sample: masks → CVAT XML → import → Segmentation mask 1.1 → core reader", () => {
  for (const [folder, options] of [
    ["segmentation_mask", {}],
    ["segmentation_mask", { shapes: "polygon" }],
    ["multi-class", {}],
    ["multi-class", { shapes: "polygon", complex: "bridge" }],
  ] as const) {
    it(`${folder} ${JSON.stringify(options)}`, async () => {
      const source = await readMaskDataset(join(EXAMPLE, folder), { images: join(EXAMPLE, "images") });
      const expected = await pixelsByName(source);
      expect(expected.instances.length).toBeGreaterThan(0);

      const xmlFolder = join(scratch, `${folder}-xml-${Object.keys(options).length}`);
      const diagnostics = await exportTo(source, cvatExporter, options, xmlFolder);
      const imported = await cvatImporter.read(xmlFolder, {}, { report: (d) => diagnostics.push(d) });
      const first = await imported.load(0);
      expect(first.image?.path.startsWith(join(xmlFolder, "images"))).toBe(true);

      const maskFolder = join(scratch, `${folder}-mask-${Object.keys(options).length}`);
      await exportTo(imported, maskExporter, {}, maskFolder);
      const back = await readMaskDataset(maskFolder);

      // Exact all the way on this sample, bridged polygons included: same samples, labels,
      // boxes and pixels, with nothing reported.
      expect(diagnostics).toEqual([]);
      expect(await pixelsByName(imported)).toEqual(expected);
      expect(await pixelsByName(back)).toEqual(expected);
    });
  }
});
