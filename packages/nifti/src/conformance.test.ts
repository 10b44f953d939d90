import { readFileSync } from "node:fs";
import { join } from "node:path";
import { validatePluginModule } from "@maskport/core";
import { bitmapFromRows, describeExporter, describeImporter, makeInstance, makeLabelmap, makeSample } from "@maskport/core/testing";
import { afterAll, describe, expect, it } from "vitest";
import { niftiBytes, tempFolder } from "./__fixtures__/make-nifti.ts";
import plugins, { niftiExporter, niftiImporter } from "./index.ts";

const { root, write, remove } = tempFolder("maskport-nifti-conformance-");
afterAll(remove);

describe("the package's default export", () => {
  it("is the nifti importer and exporter", () => {
    expect(validatePluginModule(plugins, "@maskport/nifti").map((p) => `${p.kind}:${p.name}`)).toEqual(["importer:nifti", "exporter:nifti"]);
  });
});

// A BraTS case folder with touching labels, a hole and an image.
const shape = [5, 4, 3];
const values = [0, 1, 1, 0, 0, 1, 0, 1, 2, 2, 1, 1, 1, 0, 2, 0, 0, 0, 0, 4, ...Array.from({ length: 20 }, () => 0), 4, 4, 0, 0, 1, 4, 0, 0, 0, 1, 2, 2, 2, 0, 0, 0, 0, 0, 0, 2];
write("case/C1/C1-seg.nii.gz", { shape, values });
write("case/C1/C1-t1c.nii.gz", { shape, values: values.map((v, i) => v * 10 + i), datatype: "int16" });
const good = niftiBytes({ shape, values });
const truncated = readFileSync(write("whole.nii.gz", good));
write("bad-gzip/C2/C2-seg.nii.gz", truncated.subarray(0, truncated.length - 8), false);
write("bad-2d/flat-seg.nii", { shape: [5, 4], values: values.slice(0, 20), rank: 2 });
write("bad-float/F-seg.nii", { shape: [2, 1, 1], values: [0, 0.25], datatype: "float32" });

describeImporter(niftiImporter, {
  input: join(root, "case"),
  // No image here: the suite cannot remove the slice-image folder (tests of images: layouts.test.ts).
  options: { labels: "brats2021" },
  invalidInputs: [join(root, "bad-gzip"), join(root, "bad-2d"), join(root, "bad-float")],
});

// Exporter samples with geometry: two axial slices of one 3×2×2 RAS volume.
const header = niftiBytes({ shape: [3, 2, 2], values: Array.from({ length: 12 }, () => 0) }).subarray(0, 348);
const geometry = (index: number) => ({ case: "vol", axis: "axial" as const, index, shape: [3, 2, 2] as const, orientation: [{ axis: 0, flip: false }, { axis: 1, flip: false }, { axis: 2, flip: false }] as const, header: Uint8Array.from(header) });
const samples = [
  { ...makeSample({ id: "vol/axial_000", width: 3, height: 2, instances: [makeInstance(bitmapFromRows(["##", "#."]), { label: 1, instanceId: 1, x: 0, y: 0 }), makeInstance(bitmapFromRows(["#"]), { label: 2, instanceId: 2, x: 2, y: 1 })] }), nifti: geometry(0) },
  { ...makeSample({ id: "vol/axial_001", width: 3, height: 2, instances: [makeInstance(bitmapFromRows(["###"]), { label: 2, instanceId: 1, x: 0, y: 1 }), makeInstance(bitmapFromRows(["#"]), { label: 1, instanceId: 2, x: 1, y: 1 })] }), nifti: geometry(1) },
];
describeExporter(niftiExporter, { samples, labelmap: makeLabelmap(["background", "tumor", "edema"]) });
