import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { validatePluginModule, type Instance, type Sample } from "@maskport/core";
import plugins, { cocoExporter } from "./index.ts";
import { exportCoco, GOLDEN_DIR, instanceFromFrame, labelmapOf, readGrayPng, sampleOf } from "./__fixtures__/samples.ts";

interface GoldenObject {
  value: number;
  counts: string;
  counts_uncompressed?: number[];
  area: number;
  bbox: [number, number, number, number];
}
interface GoldenFile {
  file: string;
  width: number;
  height: number;
  objects: GoldenObject[];
}
const golden = JSON.parse(readFileSync(join(GOLDEN_DIR, "golden.json"), "utf8")) as { files: GoldenFile[] };

/** The §2.7 mask: h=3, w=4, rows `0110 / 0111 / 0010`. */
const WORKED: Instance = {
  label: 1,
  instanceId: 1,
  bbox: { x: 1, y: 0, width: 3, height: 3 },
  area: 6,
  bitmap: { width: 3, height: 3, data: Uint8Array.from([1, 1, 0, 1, 1, 1, 0, 1, 0]) },
};

describe("coco exporter: pycocotools golden vectors", () => {
  for (const entry of golden.files) {
    it(`${entry.file}: counts, area and bbox byte for byte`, async () => {
      const png = readGrayPng(join(GOLDEN_DIR, entry.file));
      expect([png.width, png.height]).toEqual([entry.width, entry.height]);
      const values = entry.objects.map((o) => o.value);
      const instances = values.map((v, i) => instanceFromFrame(png.values, png.width, png.height, v, 1, i + 1)).filter((x) => x !== undefined);
      const result = await exportCoco(labelmapOf("object"), [sampleOf("golden", png.width, png.height, instances)]);
      const text = result.text();
      const json = result.json();
      expect(json.annotations).toHaveLength(entry.objects.length);
      entry.objects.forEach((object, i) => {
        const annotation = json.annotations[i]!;
        expect(annotation.segmentation).toEqual({ size: [entry.height, entry.width], counts: object.counts });
        expect(annotation.area).toBe(object.area);
        expect(annotation.bbox).toEqual(object.bbox);
        // Python writes these as floats; so do we (`900.0`, `[1.0, …]`).
        const pyBbox = object.bbox.map((v) => (Number.isInteger(v) ? `${v}.0` : String(v))).join(",");
        expect(text).toContain(`"counts":${JSON.stringify(object.counts)}},"area":${object.area}.0,"bbox":[${pyBbox}]`);
      });
      if (entry.objects.some((o) => o.counts_uncompressed !== undefined)) {
        const raw = (await exportCoco(labelmapOf("object"), [sampleOf("golden", png.width, png.height, instances)], { counts: "uncompressed" })).json();
        entry.objects.forEach((object, i) => {
          if (object.counts_uncompressed === undefined) return;
          expect(raw.annotations[i]!.segmentation).toEqual({ size: [entry.height, entry.width], counts: object.counts_uncompressed });
        });
      }
    });
  }
});

describe("coco exporter: FORMATS.md §2.7 worked example", () => {
  it("writes the annotation of the 3×4 example exactly", async () => {
    const result = await exportCoco(labelmapOf("tumor"), [sampleOf("scans/Y1", 4, 3, [WORKED])]);
    expect(result.text()).toBe(
      '{"licenses":[{"name":"","id":0,"url":""}],"info":{"contributor":"","date_created":"","description":"","url":"","version":"","year":""},' +
        '"categories":[{"id":1,"name":"tumor","supercategory":""}],' +
        '"annotations":[{"id":1,"image_id":1,"category_id":1,"segmentation":{"size":[3,4],"counts":"32110N0"},"area":6.0,"bbox":[1.0,0.0,3.0,3.0],"iscrowd":0,"attributes":{"occluded":false}}],' +
        '"images":[{"id":1,"width":4,"height":3,"file_name":"scans/Y1.png","license":0,"flickr_url":"","coco_url":"","date_captured":0}]}',
    );
  });

  it("uncompressed counts are [3,2,1,3,1,1,1]", async () => {
    const json = (await exportCoco(labelmapOf("tumor"), [sampleOf("a", 4, 3, [WORKED])], { counts: "uncompressed" })).json();
    expect(json.annotations[0]!.segmentation).toEqual({ size: [3, 4], counts: [3, 2, 1, 3, 1, 1, 1] });
    expect(json.annotations[0]!.iscrowd).toBe(0);
  });

  it("cvatCompatible writes what CVAT writes for masks: uncompressed counts, iscrowd 1", async () => {
    const json = (await exportCoco(labelmapOf("tumor"), [sampleOf("a", 4, 3, [WORKED])], { cvatCompatible: true })).json();
    expect(json.annotations[0]).toMatchObject({ segmentation: { size: [3, 4], counts: [3, 2, 1, 3, 1, 1, 1] }, iscrowd: 1, area: 6 });
  });

  it("iscrowd all writes iscrowd 1 with compressed counts", async () => {
    const json = (await exportCoco(labelmapOf("tumor"), [sampleOf("a", 4, 3, [WORKED])], { iscrowd: "all" })).json();
    expect(json.annotations[0]).toMatchObject({ segmentation: { counts: "32110N0" }, iscrowd: 1 });
  });

  it("order cvat puts images before annotations, as CVAT does", async () => {
    const json = (await exportCoco(labelmapOf("tumor"), [sampleOf("a", 4, 3, [WORKED])], { order: "cvat" })).json();
    expect(Object.keys(json)).toEqual(["licenses", "info", "categories", "images", "annotations"]);
  });
});

describe("coco exporter: structure", () => {
  const labelmap = labelmapOf("Tumor", "edema");
  const frame = (w: number, h: number, seed: number): Uint8Array => Uint8Array.from({ length: w * h }, (_, i) => ((i * 7 + seed * 13) % 11 < 3 ? 1 : (i * 5 + seed) % 17 < 2 ? 2 : 0));
  const samples: Sample[] = [];
  for (let s = 0; s < 6; s++) {
    const [w, h] = [9 + s, 7 + 2 * s];
    const values = frame(w, h, s);
    const instances = [1, 2].map((v) => instanceFromFrame(values, w, h, v, v, v)).filter((x) => x !== undefined);
    samples.push(sampleOf(`dir${s % 2}/img${s}`, w, h, instances, s < 4 ? "train" : "val"));
  }

  it("has unique ids, existing references, boxes inside images and compact JSON", async () => {
    const result = await exportCoco(labelmap, samples);
    expect([...result.files.keys()]).toEqual(["annotations/instances_train.json", "annotations/instances_val.json"]);
    for (const [subset, count] of [["train", 4], ["val", 2]] as const) {
      const path = `annotations/instances_${subset}.json`;
      const text = result.text(path);
      expect(text).toBe(JSON.stringify(JSON.parse(text)).replace(/"area":(\d+),/g, '"area":$1.0,').replace(/"bbox":\[([^\]]*)\]/g, (_, b: string) => `"bbox":[${b.split(",").map((v) => (v.includes(".") ? v : `${v}.0`)).join(",")}]`));
      const json = result.json(path);
      expect(json.categories).toEqual([
        { id: 1, name: "Tumor", supercategory: "" },
        { id: 2, name: "edema", supercategory: "" },
      ]);
      expect(json.images.map((i) => i.id)).toEqual(Array.from({ length: count }, (_, i) => i + 1));
      expect(json.annotations.map((a) => a.id)).toEqual(Array.from({ length: json.annotations.length }, (_, i) => i + 1));
      const images = new Map(json.images.map((i) => [i.id, i]));
      for (const a of json.annotations) {
        const image = images.get(a.image_id)!;
        expect(image).toBeDefined();
        expect([1, 2]).toContain(a.category_id);
        const [x, y, w, h] = a.bbox;
        expect(x >= 0 && y >= 0 && w > 0 && h > 0 && x + w <= image.width && y + h <= image.height).toBe(true);
      }
      expect(json.images.map((i) => i.file_name)).toEqual(samples.filter((s) => s.subset === subset).map((s) => `${s.id}.png`));
    }
  });

  it("gives the same bytes for the same input, in either order option's own layout", async () => {
    const a = await exportCoco(labelmap, samples);
    const b = await exportCoco(labelmap, samples);
    expect(a.text("annotations/instances_train.json")).toBe(b.text("annotations/instances_train.json"));
    expect(a.text("annotations/instances_val.json")).toBe(b.text("annotations/instances_val.json"));
    const cvat = await exportCoco(labelmap, samples, { order: "cvat" });
    for (const path of a.files.keys()) {
      const x = a.json(path), y = cvat.json(path);
      expect(y).toEqual(x);
    }
  });

  it("writes empty files for declared subsets and for an empty dataset", async () => {
    const empty = await exportCoco(labelmap, []);
    expect(empty.json()).toMatchObject({ categories: [{ id: 1 }, { id: 2 }], images: [], annotations: [] });
    const declared = await exportCoco(labelmap, [sampleOf("a", 4, 3, [WORKED])], {}, ["default", "test"]);
    expect([...declared.files.keys()]).toEqual(["annotations/instances_default.json", "annotations/instances_test.json"]);
    expect(declared.json("annotations/instances_test.json")).toMatchObject({ images: [], annotations: [] });
  });

  it("names images without a raw file <id>.<imageExtension>", async () => {
    const json = (await exportCoco(labelmapOf("tumor"), [sampleOf("scans/Y1", 4, 3, [WORKED])], { imageExtension: "jpg" })).json();
    expect(json.images[0]!.file_name).toBe("scans/Y1.jpg");
  });

  it("copies raw images to images/<subset>/<file_name> and names them in file_name", async () => {
    const sample: Sample = { ...sampleOf("scans/Y1", 4, 3, [WORKED]), image: { path: "/data/raw/scans/Y1.jpg", fileName: "scans/Y1.jpg" } };
    const result = await exportCoco(labelmapOf("tumor"), [sample]);
    expect(result.files.get("images/default/scans/Y1.jpg")).toEqual({ copyFrom: "/data/raw/scans/Y1.jpg" });
    expect(result.json().images[0]!.file_name).toBe("scans/Y1.jpg");
  });

  it("reports and skips background-labelled, unknown-label, empty and out-of-image instances", async () => {
    const bad: Instance[] = [
      { ...WORKED, instanceId: 1, label: 0 },
      { ...WORKED, instanceId: 2, label: 9 },
      { ...WORKED, instanceId: 3, area: 0, bitmap: { width: 3, height: 3, data: new Uint8Array(9) } },
      { ...WORKED, instanceId: 4, bbox: { ...WORKED.bbox, x: 2 } },
      { ...WORKED, instanceId: 5 },
    ];
    const result = await exportCoco(labelmapOf("tumor"), [sampleOf("a", 4, 3, bad)]);
    expect(result.json().annotations).toHaveLength(1);
    expect(result.diagnostics.map((d) => [d.code, d.instanceId, d.sampleId])).toEqual([
      ["INSTANCE_DROPPED", 1, "a"],
      ["INSTANCE_DROPPED", 2, "a"],
      ["INSTANCE_DROPPED", 3, "a"],
      ["INSTANCE_DROPPED", 4, "a"],
    ]);
    expect(result.diagnostics[1]!.message).toContain("label id 9");
  });

  it("refuses a negative tolerance", async () => {
    await expect(exportCoco(labelmapOf("tumor"), [sampleOf("a", 4, 3, [WORKED])], { segmentation: "polygon", tolerance: "-1" })).rejects.toMatchObject({ code: "INVALID_OPTION" });
  });

  it("is a valid plugin module", () => {
    expect(validatePluginModule(plugins, "@maskport/exporter-coco").map((p) => `${p.kind}:${p.name}`)).toContain("exporter:coco");
    expect(cocoExporter.options.segmentation.default).toBe("rle");
  });
});
