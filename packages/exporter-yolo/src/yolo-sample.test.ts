/**
 * The bundled MRI sample (examples/mri-brain-tumor), read with core's mask reader, through
 * the yolo exporter and back through the yolo importer.
 */
import { mkdtempSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { collectFiles, readSamples, resolveOptions, runExport } from "@maskport/core";
import type { Diagnostic, Sample } from "@maskport/core";
import { readMaskDataset } from "@maskport/core/node";
import { components4, difference, instanceFrame, rasterizeLines } from "./__fixtures__/decode.ts";
import { writeExport } from "./__fixtures__/write-export.ts";
import { yoloExporter } from "./yolo-exporter.ts";
import type { YoloExportOptions } from "./yolo-exporter.ts";
import { yoloImporter } from "./yolo-importer.ts";

const examples = resolve(fileURLToPath(new URL("../../../examples/mri-brain-tumor", import.meta.url)));
const output = mkdtempSync(join(tmpdir(), "yolo-sample-"));
afterAll(async () => {
  await rm(output, { recursive: true, force: true });
});

describe.each(["segmentation-mask-1.1", "segmentation_mask", "multi-class"])("bundled sample %s", (layout) => {
  it("exports lines that decode to the source pixels (single parts exactly; multi-part differences as reported) and imports back", async () => {
    const dataset = await readMaskDataset(join(examples, layout));
    const samples: Sample[] = [];
    for await (const sample of readSamples(dataset)) samples.push(sample);
    expect(samples.length).toBeGreaterThan(0);
    const options = resolveOptions<YoloExportOptions>("yolo", yoloExporter.options, {});
    const diagnostics: Diagnostic[] = [];
    const files = await collectFiles(runExport(dataset, yoloExporter, options, { onDiagnostic: (d) => diagnostics.push(d) }));
    const data = parse(new TextDecoder().decode(files.get("data.yaml") as Uint8Array)) as Record<string, unknown>;
    expect(Object.keys(data)).toEqual(expect.arrayContaining(["path", "train", "val", "names", "nc"]));
    expect(diagnostics.filter((d) => d.code === "INSTANCE_DROPPED")).toEqual([]);

    let singleParts = 0;
    const labelFiles = [...files.keys()].filter((path) => path.startsWith("labels/"));
    expect(labelFiles).toHaveLength(samples.length);
    const fragments = new Map<string, string[]>();
    for (const path of labelFiles) fragments.set(path, new TextDecoder().decode(files.get(path) as Uint8Array).split("\n").filter((l) => l !== ""));
    for (const sample of samples) {
      const fragment = await yoloExporter.encodeSample(sample, options, { labelmap: dataset.labelmap, report: () => {} });
      sample.instances.forEach((instance, i) => {
        const line = fragment.lines[i] as string;
        const tokens = line.split(" ");
        expect(tokens.length % 2 === 1 && tokens.length >= 7).toBe(true);
        expect(tokens.slice(1).every((t) => Number(t) >= 0 && Number(t) <= 1)).toBe(true);
        const real = difference(instanceFrame(instance, sample.width, sample.height), rasterizeLines([line], sample.width, sample.height));
        const reported = fragment.fidelity[i]!;
        expect({ lost: reported.lost, added: reported.added }).toEqual(real);
        if (components4(instance.bitmap).length === 1) {
          singleParts++;
          expect(real, `${sample.id} instance ${instance.instanceId}`).toEqual({ lost: 0, added: 0 });
        }
      });
    }
    expect(singleParts).toBeGreaterThan(0);

    const folder = join(output, layout);
    await writeExport(folder, files);
    const back = await yoloImporter.read(folder, resolveOptions("yolo", yoloImporter.options, {}), { report: () => {}, images: join(examples, "images") });
    const byId = new Map<string, Sample>();
    for await (const sample of readSamples(back)) byId.set(sample.id, sample);
    for (const sample of samples) {
      const got = byId.get(sample.id);
      expect(got, sample.id).toBeDefined();
      expect(got!.instances).toHaveLength(sample.instances.length);
      sample.instances.forEach((instance, i) => {
        if (components4(instance.bitmap).length !== 1) return;
        // difference() rather than toEqual: deep equality on 65k-element typed arrays is slow.
        expect(difference(instanceFrame(instance, sample.width, sample.height), instanceFrame(got!.instances[i]!, sample.width, sample.height))).toEqual({ lost: 0, added: 0 });
      });
    }
  });
});
