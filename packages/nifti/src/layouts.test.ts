// Inputs and label names: BraTS folders (new and old names), Decathlon folders, the label
// precedence, and image slices windowed to 8-bit grey.
import { readFileSync } from "node:fs";
import { decodePng } from "@maskport/core/node";
import { afterAll, describe, expect, it } from "vitest";
import { tempFolder } from "./__fixtures__/make-nifti.ts";
import { readSlices, removeImageFolders } from "./__fixtures__/read-slices.ts";
import { niftiImporter } from "./nifti-importer.ts";

const { root, write, remove } = tempFolder("maskport-nifti-layouts-");
afterAll(() => {
  remove();
  removeImageFolders();
});

const shape = [3, 2, 2];
const seg = { shape, values: [0, 1, 0, 0, 0, 2, 4, 0, 0, 0, 0, 1] };
const seg23 = { shape, values: [0, 1, 0, 0, 0, 2, 3, 0, 0, 0, 0, 1] };
// Image intensities 1..12 (int16), every voxel non-zero.
const t1c = { shape, values: Array.from({ length: 12 }, (_, i) => i + 1), datatype: "int16" as const };

write("brats23/BraTS-GLI-00000-000/BraTS-GLI-00000-000-seg.nii.gz", seg23);
write("brats23/BraTS-GLI-00000-000/BraTS-GLI-00000-000-t1c.nii.gz", t1c);
write("brats23/BraTS-GLI-00000-000/BraTS-GLI-00000-000-t2f.nii.gz", t1c);
write("brats23/BraTS-GLI-00001-000/BraTS-GLI-00001-000-seg.nii.gz", seg23);
write("brats23/BraTS-GLI-00001-000/BraTS-GLI-00001-000-t1c.nii.gz", t1c);
write("brats23/BraTS-GLI-00001-000/._BraTS-GLI-00001-000-seg.nii.gz", "macOS resource fork");
write("brats21/BraTS2021_00000/BraTS2021_00000_seg.nii", seg);
write("brats21/BraTS2021_00000/BraTS2021_00000_t1ce.nii", t1c);

describe("BraTS layouts", () => {
  it("detects a folder of cases, one case folder and one seg file; not a folder of anything else", async () => {
    expect(await niftiImporter.detect(`${root}/brats23`)).toBe(true);
    expect(await niftiImporter.detect(`${root}/brats23/BraTS-GLI-00000-000`)).toBe(true);
    expect(await niftiImporter.detect(`${root}/brats21/BraTS2021_00000/BraTS2021_00000_seg.nii`)).toBe(true);
    write("other/notes.txt", "hello");
    expect(await niftiImporter.detect(`${root}/other`)).toBe(false);
  });

  it("2023 names: ids <case>/axial_kkk, brats2023 names, the t1c slices as images", async () => {
    const { slices, labelNames } = await readSlices(`${root}/brats23`, { labels: "brats2023", image: "t1c" });
    expect(slices.map((s) => s.sample.id)).toEqual(["BraTS-GLI-00000-000/axial_000", "BraTS-GLI-00000-000/axial_001", "BraTS-GLI-00001-000/axial_000", "BraTS-GLI-00001-000/axial_001"]);
    expect(labelNames.get(3)).toBe("enhancing tumour");
    const first = slices[0]!.sample;
    expect(first.image?.fileName).toBe("BraTS-GLI-00000-000/axial_000.png");
    expect(first.nifti.case).toBe("BraTS-GLI-00000-000");
  });

  it("a value the preset does not define is an error naming the voxel: 4 under brats2023", async () => {
    await expect(readSlices(`${root}/brats23`, { labels: "brats2023" }).then(() => undefined)).resolves.toBeUndefined();
    await expect(readSlices(`${root}/brats21`, { labels: "brats2023" })).rejects.toThrow(/voxel \(0, 0, 1\) holds label 4, which the labelmap does not define/);
  });

  it("older names (_seg, _t1ce) with brats2021", async () => {
    const { slices, labelNames } = await readSlices(`${root}/brats21`, { labels: "brats2021", image: "t1ce" });
    expect(slices.map((s) => s.sample.id)).toEqual(["BraTS2021_00000/axial_000", "BraTS2021_00000/axial_001"]);
    expect(labelNames.get(4)).toBe("enhancing tumour");
    expect(slices[1]!.raster).toContain(4);
  });

  it("a missing modality is named", async () => {
    await expect(readSlices(`${root}/brats23`, { image: "t2w" })).rejects.toThrow(/case BraTS-GLI-00000-000 has no t2w image/);
  });

  it("windows the image between the 0.5th and 99.5th percentile of its non-zero voxels", async () => {
    const { slices } = await readSlices(`${root}/brats23/BraTS-GLI-00000-000`, { image: "t2f", emptySlices: "keep" });
    // 12 values 1..12: numpy percentile 0.5 → 1 + 0.055 = 1.055, 99.5 → 12 − 0.055 = 11.945.
    const lo = 1.055;
    const hi = 11.945;
    const grey = (v: number): number => Math.min(255, Math.max(0, Math.round(((v - lo) * 255) / (hi - lo))));
    // Axial slice 0, pixel (x, y) = voxel (2 − x, 1 − y, 0), value = i + 3j + 1.
    const png = decodePng(readFileSync(slices[0]!.sample.image!.path), "slice");
    if (png.kind !== "gray") throw new Error("not a grey PNG");
    const want = [];
    for (let y = 0; y < 2; y++) for (let x = 0; x < 3; x++) want.push(grey(2 - x + 3 * (1 - y) + 1));
    expect(Array.from(png.values)).toEqual(want);
    // The same intensities as float32 and as scaled uint8 (stored v × 0.5 + 0.5 = 1..12) give the same grey.
    for (const [name, image] of [
      ["float", { ...t1c, datatype: "float32" as const }],
      ["scaled", { shape, values: t1c.values.map((v) => 2 * v - 1), datatype: "uint8" as const, slope: 0.5, inter: 0.5 }],
    ] as const) {
      write(`${name}/W/W-seg.nii.gz`, seg);
      write(`${name}/W/W-t2f.nii.gz`, image);
      const other = await readSlices(`${root}/${name}`, { image: "t2f", emptySlices: "keep" });
      const decoded = decodePng(readFileSync(other.slices[0]!.sample.image!.path), name);
      expect(decoded.kind === "gray" && Array.from(decoded.values), name).toEqual(want);
    }
  });
});

describe("Decathlon layout and label names", () => {
  const json = {
    name: "BrainTumour",
    labels: { "0": "background", "1": "edema", "2": "non-enhancing tumor", "4": "enhancing tumour" },
    modality: { "0": "FLAIR", "1": "T1w" },
    training: [{ image: "./imagesTr/BRATS_001.nii.gz", label: "./labelsTr/BRATS_001.nii.gz" }],
    test: ["./imagesTs/BRATS_485.nii.gz"],
  };
  write("Task01/dataset.json", JSON.stringify(json));
  write("Task01/labelsTr/BRATS_001.nii.gz", seg);
  write("Task01/labelsTr/._BRATS_001.nii.gz", "resource fork");
  // A 4D image, FLAIR then T1w: the T1w volume runs the other way (13 − v).
  write("Task01/imagesTr/BRATS_001.nii.gz", { shape: [3, 2, 2, 2], values: [...t1c.values, ...t1c.values.map((v) => 13 - v)], datatype: "int16" });
  write("Task01/imagesTs/BRATS_485.nii.gz", t1c);

  it("reads only the training list, names labels from dataset.json, picks a 4D image's volume by modality", async () => {
    expect(await niftiImporter.detect(`${root}/Task01`)).toBe(true);
    const { slices, labelNames } = await readSlices(`${root}/Task01`, { image: "T1w" });
    expect(slices.map((s) => `${s.sample.subset} ${s.sample.id}`)).toEqual(["train BRATS_001/axial_000", "train BRATS_001/axial_001"]);
    expect(labelNames.get(1)).toBe("edema");
    const firstPixel = (path: string): number => {
      const png = decodePng(readFileSync(path), path);
      return png.kind === "gray" ? (png.values[0] as number) : -1;
    };
    // Axial slice 0, pixel (0, 0) = voxel (2, 1, 0): FLAIR value 6, T1w 13 − 6 = 7 (of 1..12).
    expect(firstPixel(slices[0]!.sample.image!.path)).toBe(Math.round(((7 - 1.055) * 255) / (11.945 - 1.055)));
    const flair = await readSlices(`${root}/Task01`, { image: "0" });
    expect(firstPixel(flair.slices[0]!.sample.image!.path)).toBe(Math.round(((6 - 1.055) * 255) / (11.945 - 1.055)));
    const unnamed = await readSlices(`${root}/Task01`, { image: "image" });
    expect(unnamed.diagnostics.some((d) => d.severity === "warning" && d.message.includes("the image holds 2 volumes; the slices show the first"))).toBe(true);
  });

  it("nnU-Net v2 name → value labels work too", async () => {
    write("nnunet/dataset.json", JSON.stringify({ ...json, labels: { background: 0, edema: 1, core: 2, enhancing: 4 } }));
    write("nnunet/labelsTr/BRATS_001.nii.gz", seg);
    const { labelNames } = await readSlices(`${root}/nnunet`);
    expect(labelNames.get(4)).toBe("enhancing");
  });

  it("labelmap.txt beside a file; else label_<value> with a warning", async () => {
    write("named/case.nii.gz", seg);
    write("named/labelmap.txt", "0: background\n1: a\n2: b\n4: c\n");
    expect((await readSlices(`${root}/named/case.nii.gz`)).labelNames.get(4)).toBe("c");
    write("unnamed/case.nii.gz", seg);
    const { labelNames, diagnostics } = await readSlices(`${root}/unnamed/case.nii.gz`);
    expect([...labelNames.values()]).toEqual(["background", "label_1", "label_2", "label_4"]);
    expect(diagnostics.some((d) => d.severity === "warning" && d.message.includes("label_1, label_2, label_4"))).toBe(true);
  });

  it("--nifti.labels wins over dataset.json", async () => {
    const { labelNames } = await readSlices(`${root}/Task01`, { labels: "brats2021" });
    expect(labelNames.get(1)).toBe("necrotic core");
  });

  it("reports the voxel size and orientation of each case", async () => {
    const { diagnostics } = await readSlices(`${root}/Task01`);
    expect(diagnostics.find((d) => d.code === "VOLUME_GEOMETRY")?.message).toBe("BRATS_001: 3×2×2 voxels of 1×1×1 mm (not resampled), stored RAS, reoriented to RAS by its sform");
  });
});
