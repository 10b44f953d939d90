// The yolo importer reading files a browser user picked (blobFileSource) gives the samples it
// gives on the disk, and its errors name the picked files as the user picked them.
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { blobFileSource, isMaskportError, readSamples, resolveOptions, type Diagnostic, type FileSource, type Labelmap, type Sample } from "@maskport/core";
import { writeTree } from "./__fixtures__/write-export.ts";
import { yoloImporter } from "./yolo-importer.ts";

const EXAMPLE_IMAGES = fileURLToPath(new URL("../../../examples/mri-brain-tumor/images/", import.meta.url));
const options = resolveOptions("yolo", yoloImporter.options, {});

/** A hand-made JPEG header: stored 32×16 (SOF0), EXIF orientation 6 (read as 16×32). */
const rotatedJpeg = Uint8Array.from([
  0xff, 0xd8, 0xff, 0xe1, 0x00, 0x22, 0x45, 0x78, 0x69, 0x66, 0x00, 0x00,
  0x4d, 0x4d, 0x00, 0x2a, 0x00, 0x00, 0x00, 0x08, 0x00, 0x01, 0x01, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x01, 0x00, 0x06, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
  0xff, 0xc0, 0x00, 0x0b, 0x08, 0x00, 0x10, 0x00, 0x20, 0x01, 0x01, 0x11, 0x00, 0xff, 0xd9,
]);

/** A YOLO-seg dataset: a list split and a folder split, real images in a sub-folder, a JPEG with EXIF orientation, a background image. */
const dataset: Record<string, string | Uint8Array> = {
  "data.yaml": "path: .\ntrain: train.txt\nval: images/val\nnames:\n  0: tumor\n  1: edema\n",
  "train.txt": "./images/train/Y1.png\n./images/train/scans/Y10.png\n./images/train/r.jpg\n",
  "images/train/Y1.png": readFileSync(join(EXAMPLE_IMAGES, "Y1.png")),
  "images/train/scans/Y10.png": readFileSync(join(EXAMPLE_IMAGES, "scans/Y10.png")),
  "images/train/r.jpg": rotatedJpeg,
  "images/val/N1.png": readFileSync(join(EXAMPLE_IMAGES, "N1.png")),
  "labels/train/Y1.txt": "0 0.1 0.1 0.9 0.1 0.9 0.9\n1 0.2 0.5 0.4 0.5 0.4 0.8\n",
  "labels/train/scans/Y10.txt": "1 0.5 0.5 0.7 0.5 0.6 0.9\n",
  "labels/train/r.txt": "0 0 0 0.5 0 0.5 0.5 0 0.5\n",
  // labels/val/N1.txt is missing: a background image, as Ultralytics reads it.
};

/** The files as a browser's folder picker gives them, under `/data/`. */
function picked(tree: Readonly<Record<string, string | Uint8Array>>): FileSource {
  return blobFileSource(Object.entries(tree).map(([path, contents]) => ({ path: `/data/${path}`, blob: new Blob([contents]) })));
}

async function readAll(input: string, files?: FileSource): Promise<{ samples: Sample[]; diagnostics: Omit<Diagnostic, "plugin">[]; labelmap: Labelmap; subsets: readonly string[] }> {
  const diagnostics: Omit<Diagnostic, "plugin">[] = [];
  expect(await yoloImporter.detect(input, files)).toBe(true);
  const read = await yoloImporter.read(input, options, { report: (d) => diagnostics.push(d), ...(files === undefined ? {} : { files }) });
  const samples: Sample[] = [];
  for await (const sample of readSamples(read)) samples.push(sample);
  return { samples, diagnostics, labelmap: read.labelmap, subsets: read.subsets };
}

/** A sample without where its image file is (the two sources name it differently). */
const comparable = (sample: Sample): unknown => ({ ...sample, image: sample.image?.fileName });

describe("the yolo importer on picked files", () => {
  it("reads a dataset (list and folder splits, EXIF orientation, a missing label file) as from the disk", async () => {
    const disk = mkdtempSync(join(tmpdir(), "maskport-yolo-blob-"));
    await writeTree(disk, dataset);
    const fromBrowser = await readAll("/data", picked(dataset));
    const fromDisk = await readAll(disk);
    expect(fromBrowser.samples.map((sample) => [sample.id, sample.subset, sample.width, sample.height, sample.instances.length])).toEqual([
      ["Y1", "train", 256, 256, 2],
      ["scans/Y10", "train", 256, 256, 1],
      ["r", "train", 16, 32, 1],
      ["N1", "val", 256, 256, 0],
    ]);
    expect(fromBrowser.samples.map(comparable)).toEqual(fromDisk.samples.map(comparable));
    expect(fromBrowser.labelmap).toEqual(fromDisk.labelmap);
    expect(fromBrowser.subsets).toEqual(fromDisk.subsets);
    expect([fromBrowser.diagnostics, fromDisk.diagnostics]).toEqual([[], []]);
    expect(fromBrowser.samples[1]?.image).toEqual({ path: "/data/images/train/scans/Y10.png", fileName: "scans/Y10.png" });
    // The data.yaml picked itself, named without the leading slash: the same samples.
    expect((await readAll("data/data.yaml", picked(dataset))).samples.map(comparable)).toEqual(fromDisk.samples.map(comparable));
  });

  it("names the picked files in its errors: a missing image, a malformed data.yaml", async () => {
    const missing = picked({ ...dataset, "train.txt": "./images/train/Y1.png\n./images/train/gone.png\n" });
    const error = await readAll("/data", missing).catch((caught: unknown) => caught);
    expect(isMaskportError(error) && [error.code, error.file, error.message]).toEqual([
      "INPUT_NOT_FOUND",
      "data/images/train/gone.png",
      "[yolo] data/images/train/gone.png: image not found, so its size is unknown (label data/labels/train/gone.txt)",
    ]);

    const malformed = picked({ ...dataset, "data.yaml": "train: train.txt\nnames: [tumor\n" });
    const yaml = await readAll("/data", malformed).catch((caught: unknown) => caught);
    expect(isMaskportError(yaml) && [yaml.code, yaml.file]).toEqual(["INVALID_INPUT", "data/data.yaml"]);
  });
});
