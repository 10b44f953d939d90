// NIfTI → COCO: per slice and label, the annotations equal an independent count of
// 8-connected components of the slice the rule defines.
import { collectFiles, resolveOptions, runExport } from "@maskport/core";
import { cocoExporter } from "@maskport/exporter-coco";
import { afterAll, expect, it } from "vitest";
import { blobVolume, componentCount } from "./__fixtures__/components.ts";
import { tempFolder } from "./__fixtures__/make-nifti.ts";
import { niftiImporter, type NiftiImporterOptions } from "./nifti-importer.ts";

const { write, remove } = tempFolder("maskport-nifti-coco-");
afterAll(remove);

it("NIfTI → COCO instance counts equal independent connected-component counts, every coronal slice", async () => {
  const shape = [10, 12, 8] as const;
  const values = blobVolume(shape, [1, 2, 4], 21);
  // Column i → +S, column j → +R, column k → −A (posterior).
  const sform = [
    [0, 1, 0, 0],
    [0, 0, -1, 0],
    [1, 0, 0, 0],
  ];
  const file = write("case.nii.gz", { shape, values, datatype: "int16", sform });
  const dataset = await niftiImporter.read(file, resolveOptions<NiftiImporterOptions>("nifti", niftiImporter.options, { axis: "coronal", labels: "brats2021" }), { report: () => {} });
  const files = await collectFiles(runExport(dataset, cocoExporter, resolveOptions("coco", cocoExporter.options, {}) as never));
  const json = JSON.parse(new TextDecoder().decode(files.get("annotations/instances_default.json") as Uint8Array)) as {
    images: { id: number; file_name: string }[];
    categories: { id: number; name: string }[];
    annotations: { image_id: number; category_id: number }[];
  };
  const got = new Map<string, number>();
  for (const a of json.annotations) {
    const image = json.images.find((i) => i.id === a.image_id)!.file_name.replace(/\.png$/, "");
    const name = json.categories.find((c) => c.id === a.category_id)!.name;
    got.set(`${image} ${name}`, (got.get(`${image} ${name}`) ?? 0) + 1);
  }
  // RAS sizes: R = j (12), A = k reversed (8), S = i (10). RAS voxel (r, a, s) = stored (s, r, 7 − a).
  const [nr, na, ns] = [12, 8, 10];
  const at = (r: number, a: number, s: number): number => values[s + 10 * (r + 12 * (7 - a))] as number;
  const names: Record<number, string> = { 1: "necrotic core", 2: "edema", 4: "enhancing tumour" };
  const want = new Map<string, number>();
  for (let j = 0; j < na; j++) {
    const slice: number[] = [];
    for (let y = 0; y < ns; y++) for (let x = 0; x < nr; x++) slice.push(at(nr - 1 - x, j, ns - 1 - y));
    const { owner, count } = componentCount(slice, nr, ns);
    const valueOf = new Map<number, number>();
    owner.forEach((id, p) => id >= 0 && valueOf.set(id, slice[p] as number));
    for (let id = 0; id < count; id++) {
      const key = `case/coronal_${String(j).padStart(3, "0")} ${names[valueOf.get(id) as number]}`;
      want.set(key, (want.get(key) ?? 0) + 1);
    }
  }
  expect(want.size).toBeGreaterThan(5);
  expect(Object.fromEntries([...got].sort())).toEqual(Object.fromEntries([...want].sort()));
});
