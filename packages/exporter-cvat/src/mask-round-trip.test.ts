import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { collectFiles, memoryDataset, runExport, type Instance, type Labelmap, type Sample } from "@maskport/core";
import { readMaskDataset } from "@maskport/core/node";
import { makeInstance, makeSample } from "@maskport/core/testing";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { maskExporter } from "./mask-exporter.ts";


const labelmap: Labelmap = {
  labels: [
    { id: 0, name: "background", color: [0, 0, 0], parts: [], actions: [] },
    { id: 1, name: "tumor", color: [250, 50, 83], parts: [], actions: [] },
    { id: 2, name: "Edema", color: [10, 200, 30], parts: [], actions: [] },
    { id: 3, name: "necrosis", color: [255, 255, 0], parts: [], actions: [] },
  ],
  backgroundId: 0,
  dialect: "cvat",
};

/** Non-overlapping instances (a Segmentation mask holds one instance per pixel): an index raster. */
const sampleArbitrary = fc
  .record({ width: fc.integer({ min: 1, max: 20 }), height: fc.integer({ min: 1, max: 20 }), count: fc.integer({ min: 0, max: 6 }) })
  .chain(({ width, height, count }) =>
    fc.record({
      width: fc.constant(width),
      height: fc.constant(height),
      raster: fc.uint8Array({ minLength: width * height, maxLength: width * height, max: count }),
      labels: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: count, maxLength: count }),
    }),
  )
  .map(({ width, height, raster, labels }): Sample => {
    const instances: Instance[] = [];
    labels.forEach((label, k) => {
      const data = new Uint8Array(width * height);
      for (let i = 0; i < data.length; i++) data[i] = raster[i] === k + 1 ? 1 : 0;
      const instance = makeInstance({ width, height, data }, { label, instanceId: instances.length + 1 });
      if (instance.area > 0) instances.push(instance);
    });
    return makeSample({ width, height, instances });
  });

async function writeExport(samples: Sample[], dir: string): Promise<void> {
  const files = await collectFiles(runExport(memoryDataset(labelmap, samples), maskExporter, { saveImages: false }));
  for (const [path, bytes] of files) {
    if (!(bytes instanceof Uint8Array)) continue;
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), bytes);
  }
}

function byName(sample: Sample, lm: Labelmap): unknown {
  const names = new Map(lm.labels.map((l) => [l.id, l.name]));
  return {
    id: sample.id,
    width: sample.width,
    height: sample.height,
    instances: sample.instances.map((i) => ({ label: names.get(i.label), bbox: i.bbox, area: i.area, pixels: Array.from(i.bitmap.data).join("") })),
  };
}

describe("masks → mask exporter → core's Segmentation mask reader", () => {
  it("gives back the same instances, labels and pixels", async () => {
    const root = await mkdtemp(join(tmpdir(), "maskport-mask-rt-"));
    try {
      let run = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(sampleArbitrary, { minLength: 1, maxLength: 3 }), async (generated) => {
          const samples = generated.map((s, i) => ({ ...s, id: `scans/s${i}` }));
          const dir = join(root, String(run++));
          await writeExport(samples, dir);
          const dataset = await readMaskDataset(dir);
          const back: Sample[] = [];
          for await (const ref of dataset.refs()) back.push(await dataset.load(ref));
          expect(back.map((s) => byName(s, dataset.labelmap))).toEqual(samples.map((s) => byName(s, labelmap)));
        }),
        { numRuns: 40 },
      );
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});
