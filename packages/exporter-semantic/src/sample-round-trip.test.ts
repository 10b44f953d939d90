/**
 * The bundled MRI sample and its multi-class variant, exported to each layout and read back
 * with the layout's importer: `semantic` with instances gives back every instance exactly,
 * `nnunet` and `monai` every class's pixels.
 */
import { rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { collectFiles, readSamples, runExport, resolveOptions, type Dataset, type Exporter, type Importer, type Labelmap, type Sample } from "@maskport/core";
import { readMaskDataset } from "@maskport/core/node";
import { afterAll, describe, expect, it } from "vitest";
import { materialise } from "./__fixtures__/export-files.ts";
import { monaiExporter } from "./monai-exporter.ts";
import { monaiImporter } from "./monai-importer.ts";
import { nnunetExporter } from "./nnunet-exporter.ts";
import { nnunetImporter } from "./nnunet-importer.ts";
import { semanticExporter } from "./semantic-exporter.ts";
import { semanticImporter } from "./semantic-importer.ts";

const examples = fileURLToPath(new URL("../../../examples/mri-brain-tumor/", import.meta.url));
const images = join(examples, "images");
const folders: string[] = [];
afterAll(() => folders.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

async function samplesOf(dataset: Dataset): Promise<Sample[]> {
  const samples: Sample[] = [];
  for await (const sample of readSamples(dataset)) samples.push(sample);
  return samples;
}

/** Export `input` with `exporter`, write the files, read them back with `importer`. */
async function roundTrip(input: string, exporter: Exporter<any, any>, importer: Importer<any>, options: Record<string, unknown> = {}) {
  const source = await readMaskDataset(input, { images });
  const files = await collectFiles(runExport(source, exporter, resolveOptions(exporter.name, exporter.options, options)));
  const folder = materialise(files);
  folders.push(folder);
  expect(await importer.detect(folder)).toBe(true);
  const back = await importer.read(folder, resolveOptions(importer.name, importer.options, {}), { report: () => {} });
  return { before: await samplesOf(source), beforeLabels: source.labelmap, after: await samplesOf(back), afterLabels: back.labelmap };
}

/** Each instance as "label name @ x,y WxH: pixels", sorted: instances compared by what they are, not their numbers. */
function instancesOf(sample: Sample, labelmap: Labelmap): string[] {
  const name = (id: number) => labelmap.labels.find((label) => label.id === id)?.name;
  return sample.instances.map((i) => `${name(i.label)} @ ${i.bbox.x},${i.bbox.y} ${i.bbox.width}x${i.bbox.height}: ${Buffer.from(i.bitmap.data).toString("base64")}`).sort();
}

/** Label name per pixel ("" for none), later instances over earlier ones. */
function classesOf(sample: Sample, labelmap: Labelmap): string[] {
  const out = Array.from({ length: sample.width * sample.height }, () => "");
  for (const instance of sample.instances) {
    const name = labelmap.labels.find((label) => label.id === instance.label)?.name ?? "?";
    for (let y = 0; y < instance.bitmap.height; y++)
      for (let x = 0; x < instance.bitmap.width; x++)
        if (instance.bitmap.data[y * instance.bitmap.width + x] === 1) out[(instance.bbox.y + y) * sample.width + instance.bbox.x + x] = name;
  }
  return out;
}

for (const variant of ["segmentation_mask", "multi-class"]) {
  describe(`the bundled ${variant} sample`, () => {
    const input = join(examples, variant);

    it("comes back from semantic with instances, every instance exact", async () => {
      const { before, beforeLabels, after, afterLabels } = await roundTrip(input, semanticExporter, semanticImporter, { instances: true });
      expect(after.map((s) => s.id)).toEqual(before.map((s) => s.id));
      expect(before.flatMap((s) => s.instances).length).toBeGreaterThan(10);
      before.forEach((sample, i) => {
        expect(after[i]?.image?.fileName).toBe(`${sample.id}.png`);
        expect(instancesOf(after[i] as Sample, afterLabels)).toEqual(instancesOf(sample, beforeLabels));
      });
    });

    for (const [exporter, importer] of [
      [nnunetExporter, nnunetImporter],
      [monaiExporter, monaiImporter],
    ] as const) {
      it(`comes back from ${exporter.name} with every class's pixels`, async () => {
        const { before, beforeLabels, after, afterLabels } = await roundTrip(input, exporter, importer);
        expect(after.map((s) => s.id)).toEqual(before.map((s) => s.id));
        before.forEach((sample, i) => {
          const back = after[i] as Sample;
          expect([back.width, back.height]).toEqual([sample.width, sample.height]);
          expect(back.image).toBeDefined();
          expect(classesOf(back, afterLabels)).toEqual(classesOf(sample, beforeLabels));
        });
      });
    }
  });
}
