// The semantic, nnunet and monai importers, and the nnunet exporter's raw images, reading the files a
// browser user picked (blobFileSource) give what they give on the disk, and their errors name files
// as the user picked them.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { blobFileSource, imageSizeOf, isMaskportError, resolveOptions, writePng, type Diagnostic, type FileSource, type Importer, type MaskportError, type PickedFile, type Sample } from "@maskport/core";
import { bitmapFromRows, makeInstance, makeLabelmap, makeSample } from "@maskport/core/testing";
import { afterAll, describe, expect, it } from "vitest";
import { fixture } from "./__fixtures__/jpeg-golden.ts";
import { grayPng, tempTree } from "./__fixtures__/tree.ts";
import { monaiImporter } from "./monai-importer.ts";
import { nnunetExporter } from "./nnunet-exporter.ts";
import { nnunetImporter } from "./nnunet-importer.ts";
import { semanticImporter } from "./semantic-importer.ts";

const { root, write, remove } = tempTree("maskport-semantic-blobs-");
afterAll(remove);

/** `files` (relative path → contents) on the disk under `<root>/<name>`, and as picked at `/data/…`. */
function both(name: string, files: Record<string, string | Uint8Array>): { disk: string; picked: FileSource } {
  for (const [path, contents] of Object.entries(files)) write(`${name}/${path}`, contents);
  const picked: PickedFile[] = [];
  const walk = (dir: string, prefix: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(dir, entry.name), `${prefix}/${entry.name}`);
      else picked.push({ path: `${prefix}/${entry.name}`, blob: new Blob([readFileSync(join(dir, entry.name))]) });
    }
  };
  walk(join(root, name), "/data");
  return { disk: join(root, name), picked: blobFileSource(picked) };
}

async function readAll(importer: Importer<any>, input: string, files?: FileSource): Promise<{ samples: Sample[]; diagnostics: Omit<Diagnostic, "plugin">[] }> {
  const diagnostics: Omit<Diagnostic, "plugin">[] = [];
  expect(await importer.detect(input, files)).toBe(true);
  const context = { report: (d: Omit<Diagnostic, "plugin">) => void diagnostics.push(d), ...(files === undefined ? {} : { files }) };
  const dataset = await importer.read(input, resolveOptions(importer.name, importer.options, {}), context);
  const samples: Sample[] = [];
  for await (const ref of dataset.refs()) samples.push(await dataset.load(ref));
  return { samples, diagnostics };
}

/** Reads `input` from the disk and `/data` from the picked files: the same samples (bar where their images are). */
async function expectSame(importer: Importer<any>, { disk, picked }: { disk: string; picked: FileSource }): Promise<Sample[]> {
  const fromDisk = await readAll(importer, disk);
  const fromBrowser = await readAll(importer, "/data", picked);
  const comparable = (sample: Sample): unknown => ({ ...sample, image: sample.image?.fileName });
  expect(fromBrowser.samples.map(comparable)).toEqual(fromDisk.samples.map(comparable));
  expect(fromBrowser.diagnostics.length).toBe(fromDisk.diagnostics.length);
  expect(fromBrowser.samples.length).toBeGreaterThan(0);
  return fromBrowser.samples;
}

/** What `read` + `load` of every ref reject with. */
async function failure(importer: Importer<any>, files: FileSource): Promise<MaskportError> {
  try {
    await readAll(importer, "/data", files);
  } catch (error) {
    if (isMaskportError(error)) return error;
    throw error;
  }
  throw new Error("expected an error");
}

const grey = (rows: number[][]): Uint8Array => grayPng(rows);
const rgbImage = (width: number, height: number): Uint8Array => writePng({ width, height, channels: 3, data: Uint8Array.from({ length: width * height * 3 }, (_, i) => (i * 37) % 256) });

describe("the index-layout importers on picked files", () => {
  it("semantic: masks, instances, images and splits as from the disk", async () => {
    const samples = await expectSame(
      semanticImporter,
      both("semantic", {
        "labelmap.txt": "0: background\n1: tumor\n2: edema\n",
        "masks/scans/a.png": grey([[0, 1, 1], [2, 2, 0]]),
        "instances/scans/a.png": grayPng([[0, 1, 2], [3, 3, 0]], true),
        "masks/b.png": grey([[1, 0, 1]]),
        "images/scans/a.png": rgbImage(3, 2),
        "splits/train.txt": "scans/a\n",
        "splits/val.txt": "b\n",
      }),
    );
    expect(samples.map((s) => [s.id, s.subset, s.instances.length])).toEqual([["scans/a", "train", 3], ["b", "val", 2]]);
    expect(samples[0]?.image).toEqual({ path: "/data/images/scans/a.png", fileName: "scans/a.png" });
  });

  it("semantic: an error names the picked file", async () => {
    const { picked } = both("semantic-bad", { "labelmap.txt": "0: background\n1: tumor\n", "masks/a.png": grey([[0, 7]]) });
    const error = await failure(semanticImporter, picked);
    expect([error.code, error.file]).toEqual(["UNKNOWN_VALUE", "data/masks/a.png"]);
  });

  it("nnunet: labels, images and case ids as from the disk", async () => {
    const samples = await expectSame(
      nnunetImporter,
      both("nnunet", {
        "dataset.json": JSON.stringify({ channel_names: { "0": "R", "1": "G", "2": "B" }, labels: { background: 0, tumor: 1 }, numTraining: 1, file_ending: ".png" }),
        "case_ids.json": JSON.stringify({ scans_a: "scans/a" }),
        "labelsTr/scans_a.png": grey([[0, 1], [1, 1]]),
        "imagesTr/scans_a_0000.png": rgbImage(2, 2),
        "labelsTs/t.png": grey([[1, 0]]),
      }),
    );
    expect(samples.map((s) => [s.id, s.subset, s.image?.path])).toEqual([["scans/a", "default", "/data/imagesTr/scans_a_0000.png"], ["t", "test", undefined]]);
  });

  it("nnunet: an error names the picked file", async () => {
    const { picked } = both("nnunet-bad", {
      "dataset.json": JSON.stringify({ channel_names: { "0": "MRI" }, labels: { background: 0, tumor: 1 }, numTraining: 1, file_ending: ".png" }),
      "case_ids.json": "{ not json",
      "labelsTr/a.png": grey([[0, 1]]),
    });
    const error = await failure(nnunetImporter, picked);
    expect([error.code, error.file]).toEqual(["INVALID_INPUT", "data/case_ids.json"]);
  });

  it("monai: the datalist's labels and images as from the disk", async () => {
    const samples = await expectSame(
      monaiImporter,
      both("monai", {
        "dataset.json": JSON.stringify({
          labels: { "0": "background", "1": "tumor" },
          training: [{ image: "./imagesTr/scans/Y1.png", label: "./labelsTr/scans/Y1.png" }],
          validation: [{ image: "imagesTr/Y2.png", label: "labelsTr/Y2.png" }],
        }),
        "labelsTr/scans/Y1.png": grey([[0, 1], [1, 0]]),
        "imagesTr/scans/Y1.png": rgbImage(2, 2),
        "labelsTr/Y2.png": grey([[1, 1]]),
      }),
    );
    expect(samples.map((s) => [s.id, s.subset, s.image?.path])).toEqual([["scans/Y1", "train", "/data/imagesTr/scans/Y1.png"], ["Y2", "val", undefined]]);
  });

  it("monai: an error names the picked file", async () => {
    const { picked } = both("monai-bad", {
      "dataset.json": JSON.stringify({ labels: { "0": "background", "1": "tumor" }, training: [{ image: "imagesTr/a.png", label: "labelsTr/a.png" }] }),
    });
    const error = await failure(monaiImporter, picked);
    expect([error.code, error.file]).toEqual(["INPUT_NOT_FOUND", "data/labelsTr/a.png"]);
  });
});

describe("the nnunet exporter's raw images on picked files", () => {
  const labelmap = makeLabelmap(["background", "tumor"]);
  const encode = async (path: string, files?: FileSource, size = { width: 3, height: 2 }) => {
    const sample = { ...makeSample({ id: "a", ...size, instances: [makeInstance(bitmapFromRows(["#.", ".#"]), { label: 1, x: 1 })] }), image: { path, fileName: "a.png" } };
    return nnunetExporter.encodeSample(sample, { channels: "auto", channelName: "MRI", missingImage: "error" }, { labelmap, report: () => {}, ...(files === undefined ? {} : { files }) });
  };

  it("reads the image through context.files: the same PNG bytes as from the disk", async () => {
    const { disk, picked } = both("raw", { "images/a.png": rgbImage(3, 2) });
    const fromDisk = await encode(join(disk, "images/a.png"));
    const fromBrowser = await encode("/data/images/a.png", picked);
    expect(fromBrowser.image).toBeInstanceOf(Uint8Array);
    expect(fromBrowser).toEqual(fromDisk);
  });

  it("decodes a picked JPEG as the one on the disk", async () => {
    const jpeg = fixture("colour-420.jpg");
    const size = imageSizeOf(jpeg) as { width: number; height: number };
    const { disk, picked } = both("raw-jpeg", { "images/a.jpg": jpeg });
    const fromDisk = await encode(join(disk, "images/a.jpg"), undefined, size);
    const fromBrowser = await encode("/data/images/a.jpg", picked, size);
    expect([fromBrowser.imageChannels, fromBrowser.image?.length]).toEqual([3, fromDisk.image?.length]);
    expect(fromBrowser).toEqual(fromDisk);
  });

  it("names a missing picked image as the user picked it", async () => {
    const { picked } = both("raw-missing", { "images/b.png": rgbImage(3, 2) });
    await expect(encode("/data/images/a.png", picked)).rejects.toMatchObject({ code: "IMAGE_MISSING", file: "data/images/a.png" });
  });
});
