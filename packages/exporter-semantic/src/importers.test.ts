import type { Importer, Labelmap, Sample } from "@maskport/core";
import { resolveOptions } from "@maskport/core";
import { afterAll, describe, expect, it } from "vitest";
import { grayPng, tempTree } from "./__fixtures__/tree.ts";
import { monaiImporter } from "./monai-importer.ts";
import { nnunetImporter } from "./nnunet-importer.ts";
import { semanticImporter } from "./semantic-importer.ts";

const { root, write, remove } = tempTree("maskport-semantic-importers-");
afterAll(remove);

async function read(importer: Importer<any>, input: string): Promise<{ labelmap: Labelmap; subsets: readonly string[]; samples: Sample[] }> {
  const dataset = await importer.read(input, resolveOptions(importer.name, importer.options, {}), { report: () => {} });
  const samples: Sample[] = [];
  for await (const ref of dataset.refs()) samples.push(await dataset.load(ref));
  return { labelmap: dataset.labelmap, subsets: dataset.subsets, samples };
}

/** Each instance as `label name: (x,y) (x,y) …`, in instance order. */
function described(sample: Sample, labelmap: Labelmap): string[] {
  return sample.instances.map((instance) => {
    const pixels: string[] = [];
    for (let y = 0; y < instance.bitmap.height; y++)
      for (let x = 0; x < instance.bitmap.width; x++) if (instance.bitmap.data[y * instance.bitmap.width + x] === 1) pixels.push(`(${instance.bbox.x + x},${instance.bbox.y + y})`);
    return `${labelmap.labels.find((label) => label.id === instance.label)?.name}: ${pixels.join(" ")}`;
  });
}

describe("importers of the index layouts", () => {
  it("semantic: instances from the instance mask, labelled by the class mask; subsets from splits/", async () => {
    write("semantic/labelmap.txt", "0: background\n1: tumor\n2: edema\n");
    write("semantic/masks/scans/a.png", grayPng([[0, 1, 1], [2, 2, 0]]));
    write("semantic/instances/scans/a.png", grayPng([[0, 1, 2], [3, 3, 0]], true));
    write("semantic/masks/b.png", grayPng([[1, 0, 1]]));
    write("semantic/splits/train.txt", "scans/a\n");
    write("semantic/splits/val.txt", "b\n");
    const { labelmap, subsets, samples } = await read(semanticImporter, `${root}/semantic`);
    expect(subsets).toEqual(["train", "val"]);
    expect(samples.map((s) => [s.id, s.subset])).toEqual([["scans/a", "train"], ["b", "val"]]);
    expect(described(samples[0] as Sample, labelmap)).toEqual(["tumor: (1,0)", "tumor: (2,0)", "edema: (0,1) (1,1)"]);
    // No instance mask: connected components of each class.
    expect(described(samples[1] as Sample, labelmap)).toEqual(["tumor: (0,0)", "tumor: (2,0)"]);
  });

  it("nnunet: labels name → value, sample ids from case_ids.json, imagesTr/<case>_0000 as the raw image, labelsTs as test", async () => {
    write("nnunet/dataset.json", JSON.stringify({ channel_names: { "0": "T2" }, labels: { background: 0, edema: 2, tumor: 1 }, numTraining: 1, file_ending: ".png" }));
    write("nnunet/labelsTr/scans_a.png", grayPng([[0, 1, 1], [2, 2, 0]]));
    write("nnunet/imagesTr/scans_a_0000.png", grayPng([[5, 5, 5], [5, 5, 5]]));
    write("nnunet/labelsTs/t.png", grayPng([[2]]));
    write("nnunet/case_ids.json", JSON.stringify({ scans_a: "scans/a" }));
    const { labelmap, subsets, samples } = await read(nnunetImporter, `${root}/nnunet`);
    expect(labelmap.labels.map((label) => [label.id, label.name])).toEqual([[0, "background"], [1, "tumor"], [2, "edema"]]);
    expect(subsets).toEqual(["default", "test"]);
    expect(samples.map((s) => [s.id, s.subset, s.image?.fileName])).toEqual([["scans/a", "default", "scans_a_0000.png"], ["t", "test", undefined]]);
    expect(described(samples[0] as Sample, labelmap)).toEqual(["tumor: (1,0) (2,0)", "edema: (0,1) (1,1)"]);
  });

  it("monai: the Decathlon's value → name labels; image-only test entries give no sample", async () => {
    write("msd/dataset.json", JSON.stringify({ name: "x", modality: { "0": "MRI" }, labels: { "0": "background", "1": "tumour" }, training: [{ image: "./imagesTr/a.png", label: "./labelsTr/sub/a.png" }], test: ["./imagesTs/b.png"] }));
    write("msd/labelsTr/sub/a.png", grayPng([[1, 0]]));
    write("msd/imagesTr/a.png", grayPng([[9, 9]]));
    expect(await nnunetImporter.detect(`${root}/msd`)).toBe(false);
    const { labelmap, samples } = await read(monaiImporter, `${root}/msd/dataset.json`);
    expect(samples.map((s) => [s.id, s.subset, s.image?.fileName])).toEqual([["sub/a", "train", "a.png"]]);
    expect(described(samples[0] as Sample, labelmap)).toEqual(["tumour: (0,0)"]);
  });

  it("leaves an original Decathlon NIfTI dataset to the nifti importer, and refuses it with a named error when asked", async () => {
    write("nii/dataset.json", JSON.stringify({ labels: { "0": "background", "1": "edema" }, training: [{ image: "./imagesTr/BRATS_001.nii.gz", label: "./labelsTr/BRATS_001.nii.gz" }] }));
    expect(await monaiImporter.detect(`${root}/nii`)).toBe(false); // the nifti importer's
    await expect(read(monaiImporter, `${root}/nii`)).rejects.toMatchObject({ code: "INVALID_INPUT", message: expect.stringContaining("not a PNG") });
  });
});
