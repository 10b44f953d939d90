import { join } from "node:path";
import * as core from "@maskport/core";
import { writePng } from "@maskport/core/node";
import { bitmapFromRows, describeExporter, describeImporter, makeInstance, makeLabelmap, makeSample } from "@maskport/core/testing";
import { afterAll, describe, expect, it } from "vitest";
import { grayPng, tempTree } from "./__fixtures__/tree.ts";
import plugins, { monaiExporter, monaiImporter, nnunetExporter, nnunetImporter, semanticExporter, semanticImporter } from "./index.ts";

const { root, write, remove } = tempTree("maskport-semantic-conformance-");
afterAll(remove);
const gray = grayPng;
const image = writePng({ width: 3, height: 2, channels: 3, data: Uint8Array.from({ length: 18 }, (_, i) => (i * 13) % 256) });

// Samples with holes, touching and overlapping instances and a raw image, beside the suite's degenerate ones.
const labelmap = makeLabelmap(["background", "tumor", "edema"]);
const imagePath = write("raw/scans/mixed.png", writePng({ width: 12, height: 8, channels: 1, data: new Uint8Array(96).fill(90) }));
const samples = [
  {
    ...makeSample({
      id: "scans/mixed",
      width: 12,
      height: 8,
      instances: [
        makeInstance(bitmapFromRows(["#####", "#...#", "#.#.#", "#...#", "#####"]), { label: 1, instanceId: 1, x: 1, y: 1 }),
        makeInstance(bitmapFromRows(["##..##", "##..##"]), { label: 2, instanceId: 2, x: 5, y: 5 }),
        makeInstance(bitmapFromRows(["###", "###"]), { label: 2, instanceId: 3, x: 4, y: 4 }),
      ],
    }),
    image: { path: imagePath, fileName: "scans/mixed.png" },
  },
];

describe("the package's default export", () => {
  it("is the semantic, nnunet and monai exporters and their importers", () => {
    expect(core.validatePluginModule(plugins, "@maskport/exporter-semantic").map((p) => `${p.kind}:${p.name}`)).toEqual([
      "exporter:semantic",
      "exporter:nnunet",
      "exporter:monai",
      "importer:semantic",
      "importer:nnunet",
      "importer:monai",
    ]);
  });
});

describeExporter(semanticExporter, { samples, labelmap });
describeExporter(semanticExporter, { samples, labelmap, options: { instances: "true", binary: "true" } });
// The suite's degenerate samples have no raw image: skipped, as a user would ask.
describeExporter(nnunetExporter, { samples, labelmap, options: { missingImage: "skip" } });
describeExporter(nnunetExporter, { samples, labelmap, options: { missingImage: "skip", channels: "rgb" } });
describeExporter(monaiExporter, { samples, labelmap, options: { missingImage: "skip" } });

// Importer inputs written by hand from each layout's documentation.
write("semantic/labelmap.txt", "0: background\n1: tumor\n2: edema\n");
write("semantic/masks/scans/a.png", gray([[0, 1, 1], [2, 2, 0]]));
write("semantic/instances/scans/a.png", gray([[0, 1, 2], [3, 3, 0]], true));
write("semantic/images/scans/a.png", image);
write("semantic/splits/train.txt", "scans/a\n");
write("semantic-bad-value/labelmap.txt", "0: background\n1: tumor\n");
write("semantic-bad-value/masks/a.png", gray([[0, 7, 1]]));
write("semantic-bad-size/labelmap.txt", "0: background\n1: tumor\n");
write("semantic-bad-size/masks/a.png", gray([[0, 1, 1]]));
write("semantic-bad-size/instances/a.png", gray([[0, 1]], true));
write("semantic-bad-labelmap/labelmap.txt", "0: background\n1: tumor\ntumor:1,2,3::\n");
write("semantic-bad-labelmap/masks/a.png", gray([[0]]));
describeImporter(semanticImporter, {
  input: join(root, "semantic"),
  invalidInputs: [join(root, "semantic-bad-value"), join(root, "semantic-bad-size"), join(root, "semantic-bad-labelmap")],
});

const nnunetJson = { channel_names: { "0": "MRI" }, labels: { background: 0, tumor: 1, edema: 2 }, numTraining: 1, file_ending: ".png" };
write("nnunet/dataset.json", JSON.stringify(nnunetJson));
write("nnunet/labelsTr/case_001.png", gray([[0, 1, 1], [2, 2, 0]]));
write("nnunet/imagesTr/case_001_0000.png", image);
write("nnunet-nifti/dataset.json", JSON.stringify({ ...nnunetJson, file_ending: ".nii.gz" }));
write("nnunet-nifti/labelsTr/case_001.nii.gz", "");
write("nnunet-regions/dataset.json", JSON.stringify({ ...nnunetJson, labels: { background: 0, whole: [1, 2], core: 2 } }));
write("nnunet-regions/labelsTr/case_001.png", gray([[0]]));
write("nnunet-undeclared/dataset.json", JSON.stringify(nnunetJson));
write("nnunet-undeclared/labelsTr/case_001.png", gray([[0, 5]]));
write("nnunet-malformed/dataset.json", "{ \"channel_names\": ");
write("nnunet-malformed/labelsTr/case_001.png", gray([[0]]));
describeImporter(nnunetImporter, {
  input: join(root, "nnunet"),
  invalidInputs: ["nnunet-nifti", "nnunet-regions", "nnunet-undeclared", "nnunet-malformed"].map((name) => join(root, name)),
});

const decathlon = { name: "t", labels: { "0": "background", "1": "tumour" }, numTraining: 1, training: [{ image: "./imagesTr/a.png", label: "./labelsTr/a.png" }], test: ["./imagesTs/b.png"] };
write("monai/dataset.json", JSON.stringify(decathlon));
write("monai/labelsTr/a.png", gray([[0, 1, 1], [1, 0, 0]]));
write("monai/imagesTr/a.png", image);
write("monai-nifti/dataset.json", JSON.stringify({ ...decathlon, training: [{ image: "./imagesTr/a.nii.gz", label: "./labelsTr/a.nii.gz" }] }));
write("monai-missing/dataset.json", JSON.stringify({ ...decathlon, training: [{ image: "./imagesTr/a.png", label: "./labelsTr/gone.png" }] }));
write("monai-entry/dataset.json", JSON.stringify({ ...decathlon, training: ["./labelsTr/a.png"] }));
describeImporter(monaiImporter, {
  input: join(root, "monai"),
  invalidInputs: ["monai-nifti", "monai-missing", "monai-entry"].map((name) => join(root, name)),
});
