// YOLO inputs name their images by their list entries: the names (extension and sub-folders)
// survive a round trip whether or not the image files exist. Crowd flags YOLO cannot hold are
// reported once. Inputs are hand-written lists, labels and samples.
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { collectFiles, memoryDataset, readSamples, resolveOptions, runExport, type Dataset, type Diagnostic, type Sample } from "@maskport/core";
import { bitmapFromRows, makeInstance, makeLabelmap, makeSample } from "@maskport/core/testing";
import { describe, expect, it } from "vitest";
import { writeTree } from "./__fixtures__/write-export.ts";
import { yoloExporter } from "./yolo-exporter.ts";
import { yoloImporter } from "./yolo-importer.ts";

/** A YOLO dataset listing two images that are not on disk: `scans/Y1.jpg` (one square) and `Y2.JPG`. */
async function yoloFolder(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "maskport-yolo-keep-"));
  await writeTree(root, {
    "data.yaml": "train: train.txt\nval: train.txt\nnames: [tumor]\n",
    "train.txt": "./images/train/scans/Y1.jpg\n./images/train/Y2.JPG\n",
    "labels/train/scans/Y1.txt": "0 0.1 0.2 0.3 0.2 0.3 0.6 0.1 0.6\n",
  });
  return root;
}

async function exportYolo(dataset: Dataset) {
  const diagnostics: Diagnostic[] = [];
  const files = await collectFiles(runExport(dataset, yoloExporter, resolveOptions("yolo", yoloExporter.options, {}), { onDiagnostic: (d) => diagnostics.push(d) }));
  const text = (path: string): string => new TextDecoder().decode(files.get(path) as Uint8Array);
  return { files, diagnostics, text };
}

describe("YOLO → YOLO keeps image names", () => {
  it("names each sample's image by its list entry when the file is missing", async () => {
    const dataset = await yoloImporter.read(await yoloFolder(), { width: 10, height: 10 }, { report: () => {} });
    const samples: Sample[] = [];
    for await (const sample of readSamples(dataset)) samples.push(sample);
    expect(samples.map((s) => [s.id, s.imageName, s.image])).toEqual([
      ["scans/Y1", "scans/Y1.jpg", undefined],
      ["Y2", "Y2.JPG", undefined],
    ]);
  });

  it("lists the images under their names, labels beside them, copies nothing", async () => {
    const out = await exportYolo(await yoloImporter.read(await yoloFolder(), { width: 10, height: 10 }, { report: () => {} }));
    expect(out.text("train.txt")).toBe("./images/train/scans/Y1.jpg\n./images/train/Y2.JPG\n");
    expect([...out.files.keys()].filter((path) => path.startsWith("labels/") || path.startsWith("images/"))).toEqual(["labels/train/scans/Y1.txt", "labels/train/Y2.txt"]);
    expect(out.diagnostics.filter((d) => d.code === "INPUT_NOT_FOUND").map((d) => d.message)).toEqual([
      "2 sample(s) have no raw image; the lists name ./images/<split>/<the image's name> (<id>.png when the input names none): put the images there before training",
    ]);
  });
});

describe("crowd flags: YOLO has none", () => {
  it("writes crowds as ordinary objects and says so once, with the count", async () => {
    const sample = (id: string): Sample => ({
      ...makeSample({ id, width: 12, height: 12, instances: [{ ...makeInstance(bitmapFromRows(["##", "##"]), { x: 2, y: 2 }), crowd: true }] }),
      imageName: `${id}.jpg`,
    });
    const out = await exportYolo(memoryDataset(makeLabelmap(["background", "tumor"]), [sample("a"), sample("b")]));
    expect(out.text("labels/train/a.txt")).not.toBe("");
    expect(out.text("train.txt")).toBe("./images/train/a.jpg\n./images/train/b.jpg\n");
    expect(out.diagnostics.filter((d) => d.code === "CROWD_FLAG_CHANGED").map((d) => [d.severity, d.plugin, d.message])).toEqual([
      ["info", "yolo", "2 crowd instance(s) (COCO iscrowd 1 in the input) written as ordinary instances: YOLO has no crowd flag"],
    ]);
  });
});
