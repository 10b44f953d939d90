import type { Sample } from "@maskport/core";
import { bitmapFromRows, makeInstance, makeLabelmap, makeSample } from "@maskport/core/testing";
import { describe, expect, it } from "vitest";
import { bytesOf, exportSamples, rowsOfPng, textOf } from "./__fixtures__/export-files.ts";
import { monaiExporter } from "./monai-exporter.ts";

// The background label named otherwise: the Decathlon still calls value 0 "background".
const labelmap = { ...makeLabelmap(["Background", "tumor", "edema"]), backgroundId: 0 };

function sample(id: string, subset: string): Sample {
  const base = makeSample({ id, subset, width: 3, height: 1, instances: [makeInstance(bitmapFromRows(["#"]), { label: 1, x: 2 })] });
  return { ...base, image: { path: `/data/raw/${id}.jpg`, fileName: `${id}.jpg` } };
}

describe("monai exporter", () => {
  it("writes the Decathlon layout with training, validation and test lists MONAI's load_decathlon_datalist reads", async () => {
    const { files } = await exportSamples(monaiExporter, labelmap, [sample("scans/a", "train"), sample("b", "val"), sample("c", "test")], { name: "BrainMRI" });
    expect(files.get("imagesTr/scans/a.jpg")).toEqual({ copyFrom: "/data/raw/scans/a.jpg" });
    expect(files.get("imagesTs/c.jpg")).toEqual({ copyFrom: "/data/raw/c.jpg" });
    expect(rowsOfPng(bytesOf(files, "labelsTr/scans/a.png"))).toEqual(["001"]);
    expect(JSON.parse(textOf(files, "dataset.json"))).toEqual({
      name: "BrainMRI",
      description: "Written by maskport",
      labels: { "0": "background", "1": "tumor", "2": "edema" },
      numTraining: 1,
      numTest: 1,
      training: [{ image: "./imagesTr/scans/a.jpg", label: "./labelsTr/scans/a.png" }],
      validation: [{ image: "./imagesTr/b.jpg", label: "./labelsTr/b.png" }],
      test: [{ image: "./imagesTs/c.jpg", label: "./labelsTs/c.png" }],
    });
  });

  it("always writes a training list, and no empty validation or test list", async () => {
    const { files } = await exportSamples(monaiExporter, labelmap, []);
    expect(JSON.parse(textOf(files, "dataset.json"))).toEqual({ name: "maskport", description: "Written by maskport", labels: { "0": "background", "1": "tumor", "2": "edema" }, numTraining: 0, numTest: 0, training: [] });
  });

  it("refuses a sample without a raw image, or skips it with a warning", async () => {
    const bare = makeSample({ id: "bare", width: 1, height: 1 });
    await expect(exportSamples(monaiExporter, labelmap, [bare])).rejects.toMatchObject({ code: "IMAGE_MISSING" });
    const { diagnostics } = await exportSamples(monaiExporter, labelmap, [bare], { missingImage: "skip" });
    expect(diagnostics.map((d) => d.code)).toEqual(["IMAGE_MISSING"]);
  });
});
