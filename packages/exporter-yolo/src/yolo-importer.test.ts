import { mkdtempSync } from "node:fs";
import { rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectFiles, isMaskportError, memoryDataset, readSamples, resolveOptions, runExport } from "@maskport/core";
import type { Dataset, Diagnostic, Sample } from "@maskport/core";
import { describeImporter, makeInstance, makeLabelmap, makeSample } from "@maskport/core/testing";
import { components4, instanceFrame } from "./__fixtures__/decode.ts";
import { writeExport, writeTree } from "./__fixtures__/write-export.ts";
import { yoloExporter } from "./yolo-exporter.ts";
import type { YoloExportOptions } from "./yolo-exporter.ts";
import { yoloImporter } from "./yolo-importer.ts";
import type { YoloImportOptions } from "./yolo-importer.ts";

const png = (width: number, height: number): Uint8Array => PNG.sync.write(new PNG({ width, height }));
// Synchronous, so the conformance suite can name its inputs while tests are collected.
const root = mkdtempSync(join(tmpdir(), "yolo-import-"));
const at = (name: string): string => join(root, name);

async function read(input: string, given: Record<string, unknown> = {}, images?: string): Promise<{ dataset: Dataset; samples: Sample[]; diagnostics: Diagnostic[] }> {
  const diagnostics: Diagnostic[] = [];
  const options = resolveOptions<YoloImportOptions>("yolo", yoloImporter.options, given);
  const dataset = await yoloImporter.read(input, options, { report: (d) => diagnostics.push(d), ...(images === undefined ? {} : { images }) });
  const samples: Sample[] = [];
  for await (const sample of readSamples(dataset)) samples.push(sample);
  return { dataset, samples, diagnostics };
}

async function refusal(input: string, given: Record<string, unknown> = {}): Promise<{ code: string; message: string; line: number | undefined }> {
  try {
    await read(input, given);
  } catch (error) {
    if (!isMaskportError(error)) throw error;
    return { code: error.code, message: error.message, line: error.line };
  }
  throw new Error(`${input} was accepted`);
}

/** A hand-made JPEG header: stored 32×16 (SOF0), EXIF orientation 6 (big-endian TIFF). */
const rotatedJpeg = Uint8Array.from([
  0xff, 0xd8, 0xff, 0xe1, 0x00, 0x22, 0x45, 0x78, 0x69, 0x66, 0x00, 0x00,
  0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08, 0x00, 0x01, 0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, 0x06, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  0xff, 0xc0, 0x00, 0x0b, 0x08, 0x00, 0x10, 0x00, 0x20, 0x01, 0x01, 0x11, 0x00, 0xff, 0xd9,
]);

const valid = {
  "data.yaml": "path: .\ntrain: train.txt\nvalidation: images/val\nnames: [tumor, edema]\n",
  "train.txt": "./images/train/scans/Y1.png\n./images/train/N1.png\n",
  "images/train/scans/Y1.png": png(20, 10),
  "images/train/N1.png": png(12, 12),
  "images/val/V1.png": png(10, 10),
  // Hand-computed: 0.1×20 = 2, 0.3×10 = 3, 0.45×20 = 9, 0.75×10 = 7 (float32 products truncate to these).
  "labels/train/scans/Y1.txt": "1 0.1 0.3 0.45 0.3 0.45 0.75 0.1 0.75\n0 0.5 0 0.5 0 0.5 0\n",
  "labels/val/V1.txt": "0 0 0 0.99 0 0.99 0.99 0 0.99\n",
};

beforeAll(async () => {
  await writeTree(at("valid"), valid);
  await writeTree(at("dict-names"), { ...valid, "data.yaml": "train: train.txt\nval: images/val\nnames:\n  1: edema\n  0: tumor\nnc: 2\n" });
  await writeTree(at("no-val"), { ...valid, "data.yaml": "train: train.txt\nnames: [tumor, edema]\n" });
  await writeTree(at("cvat-train-only"), { "data.yaml": "names:\n  0: tumor\npath: .\ntrain: train.txt\n", "train.txt": "data/images/train/a.png\n", "images/train/a.png": png(10, 10), "labels/train/a.txt": "0 0 0 0.5 0 0.5 0.5 0 0.5\n" });
  await writeTree(at("no-train"), { ...valid, "data.yaml": "val: images/val\nnames: [tumor, edema]\n" });
  await writeTree(at("odd"), { ...valid, "labels/val/V1.txt": "0 0 0 0.5 0 0.5 0.5\n0 0 0 0.5 0 0.5\n0 0 0 0.5 0 0.5 0.5 0.1\n" });
  await writeTree(at("unknown-class"), { ...valid, "labels/val/V1.txt": "2 0 0 0.5 0 0.5 0.5\n" });
  await writeTree(at("outside"), { ...valid, "labels/val/V1.txt": "0 0 0 0.5 0 0.5 1.2\n" });
  await writeTree(at("overlap"), { ...valid, "data.yaml": "train: train.txt\nval: [images/val, train.txt]\nnames: [tumor, edema]\n", "train.txt": "./images/train/scans/Y1.png\n./images/train/N1.png\n" });
  await writeTree(at("rotated"), { "data.yaml": "train: images/train\nval: images/train\nnames: [tumor]\n", "images/train/r.jpg": rotatedJpeg, "labels/train/r.txt": "0 0 0 0.5 0 0.5 0.5 0 0.5\n" });
  await writeTree(at("no-images"), { "data.yaml": "train: train.txt\nval: train.txt\nnames: {0: tumor}\n", "train.txt": "./images/train/a.jpg\n", "labels/train/a.txt": "0 0 0 0.5 0 0.5 0.5 0 0.5\n" });
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe("yolo importer", () => {
  it("reads lists and folders, sizes from PNG headers, `validation` as val, label files by Ultralytics' path rule", async () => {
    const { dataset, samples } = await read(at("valid"));
    expect(dataset.labelmap.labels.map((l) => [l.id, l.name])).toEqual([[0, "background"], [1, "tumor"], [2, "edema"]]);
    expect(dataset.labelmap.backgroundId).toBe(0);
    expect(samples.map((s) => [s.subset, s.id, s.width, s.height, s.instances.length, s.image?.fileName])).toEqual([
      ["train", "scans/Y1", 20, 10, 2, "scans/Y1.png"],
      ["train", "N1", 12, 12, 0, "N1.png"],
      ["val", "V1", 10, 10, 1, "V1.png"],
    ]);
    const [box, point] = samples[0]!.instances;
    // Rectangle with pixel-centre corners (2,3)-(9,7): fillPoly fills columns 2..9 and rows 3..7.
    expect(box).toMatchObject({ label: 2, instanceId: 1, bbox: { x: 2, y: 3, width: 8, height: 5 }, area: 40 });
    expect(point).toMatchObject({ label: 1, instanceId: 2, bbox: { x: 10, y: 0, width: 1, height: 1 }, area: 1 });
    // 0.99 × 10 = 9.9 → 9: the whole 10×10 image.
    expect(samples[2]!.instances[0]).toMatchObject({ bbox: { x: 0, y: 0, width: 10, height: 10 }, area: 100 });
  });

  it("reads names given as a mapping (keys in any order) and checks nc", async () => {
    const { dataset } = await read(at("dict-names"));
    expect(dataset.labelmap.labels.map((l) => l.name)).toEqual(["background", "tumor", "edema"]);
  });

  it("refuses bad input with specific errors naming file and line", async () => {
    const odd = await refusal(at("odd"));
    expect(odd).toMatchObject({ code: "INVALID_INPUT", line: 2 });
    expect(odd.message).toMatch(/V1\.txt:2/);
    expect((await refusal(at("unknown-class"))).message).toMatch(/V1\.txt:1: .*class "2"/);
    expect((await refusal(at("outside"))).message).toMatch(/1\.2 is outside/);
    const missing = await refusal(at("no-images"));
    expect(missing.code).toBe("INPUT_NOT_FOUND");
    expect(missing.message).toMatch(/a\.jpg/);
  });

  it("reads a data.yaml with train only, as CVAT and Datumaro write a task without subsets (FORMATS.md §4.4)", async () => {
    const { dataset, samples, diagnostics } = await read(at("no-val"));
    expect(dataset.subsets).toEqual(["train"]);
    expect(samples.map((s) => [s.subset, s.id, s.width, s.height, s.instances.length])).toEqual([
      ["train", "scans/Y1", 20, 10, 2],
      ["train", "N1", 12, 12, 0],
    ]);
    expect(diagnostics).toEqual([]);
    // CVAT's own layout: keys sorted, `path: .`, list lines prefixed with data/.
    const { samples: cvat } = await read(at("cvat-train-only"));
    expect(cvat.map((s) => [s.subset, s.id, s.instances.length])).toEqual([["train", "a", 1]]);
    expect(await refusal(at("no-train"))).toMatchObject({ code: "INVALID_INPUT", message: expect.stringMatching(/data\.yaml: "train" is missing/) });
  });

  it("takes sizes from options when images are missing", async () => {
    const { samples, diagnostics } = await read(at("no-images"), { width: 16, height: 8 });
    expect(samples).toHaveLength(1);
    expect(samples[0]).toMatchObject({ id: "a", subset: "train", width: 16, height: 8 });
    expect(samples[0]!.image).toBeUndefined();
    expect(samples[0]!.instances[0]).toMatchObject({ bbox: { x: 0, y: 0, width: 9, height: 5 }, area: 45 });
    // val: train.txt repeats the train list whole, as maskport writes when val is empty: no warning.
    expect(diagnostics).toEqual([]);
  });

  it("reads an image listed in two splits once, in the first, with a warning", async () => {
    const { samples, diagnostics } = await read(at("overlap"));
    expect(samples.map((s) => [s.subset, s.id])).toEqual([["train", "scans/Y1"], ["train", "N1"], ["val", "V1"]]);
    expect(diagnostics.filter((d) => /2 image\(s\) of val are also in an earlier split/.test(d.message))).toHaveLength(1);
  });

  it("sizes a JPEG with EXIF orientation 6 as Ultralytics does (width and height swapped)", async () => {
    const { samples } = await read(at("rotated"));
    expect(samples[0]).toMatchObject({ id: "r", width: 16, height: 32 });
    // 0.5 × 16 = 8 and 0.5 × 32 = 16: the rectangle (0,0)-(8,16) is 9 × 17 pixels.
    expect(samples[0]!.instances[0]).toMatchObject({ bbox: { x: 0, y: 0, width: 9, height: 17 }, area: 153 });
  });

  it("detects data.yaml folders and files only", async () => {
    expect(await yoloImporter.detect(at("valid"))).toBe(true);
    expect(await yoloImporter.detect(at("valid/data.yaml"))).toBe(true);
    expect(await yoloImporter.detect(at("valid/images"))).toBe(false);
    expect(await yoloImporter.detect(at("nothing-here"))).toBe(false);
  });
});

describe("round trip masks → yolo → import", () => {
  const labelmap = makeLabelmap(["background", "tumor", "edema"]);

  it("gives back every single-part instance pixel for pixel (random masks)", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 10, max: 30 }),
        fc.integer({ min: 10, max: 30 }),
        fc.uint8Array({ minLength: 900, maxLength: 900 }),
        async (width, height, noise) => {
          const data = new Uint8Array(width * height);
          for (let i = 0; i < data.length; i++) data[i] = (noise[i % noise.length] as number) < 110 ? 1 : 0;
          const instances = components4({ width, height, data }).map((part, i) => makeInstance(part, { label: 1 + (i % 2), instanceId: i + 1 }));
          const samples = [makeSample({ id: `scans/r${run}`, subset: "default", width, height, instances }), makeSample({ id: "empty", subset: "val", width, height })];
          const options = resolveOptions<YoloExportOptions>("yolo", yoloExporter.options, {});
          const files = await collectFiles(runExport(memoryDataset(labelmap, samples), yoloExporter, options));
          const folder = at(`round-${run++}`);
          await writeExport(folder, files);
          const back = await read(folder, { width, height });
          expect(back.samples.map((s) => [s.id, s.subset])).toEqual([[samples[0]!.id, "train"], ["empty", "val"]]);
          const got = back.samples[0]!;
          expect(got.instances).toHaveLength(instances.length);
          got.instances.forEach((instance, i) => {
            const source = instances[i]!;
            expect(back.dataset.labelmap.labels.find((l) => l.id === instance.label)?.name).toBe(labelmap.labels.find((l) => l.id === source.label)?.name);
            expect(instance.bbox).toEqual(source.bbox);
            expect(instanceFrame(instance, width, height)).toEqual(instanceFrame(source, width, height));
          });
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe("conformance", () => {
  describeImporter(yoloImporter, { input: at("valid"), invalidInputs: [at("no-train"), at("odd"), at("unknown-class"), at("outside"), at("no-images")] });
});
