import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decompressCounts, parseLabelmap, type Instance, type Sample } from "@maskport/core";
import { bitmapFromRows, makeInstance, makeSample } from "@maskport/core/testing";
import { GOLDEN_DIR, instanceFromFrame, labelmapOf, readGrayPng, sampleOf } from "./__fixtures__/samples.ts";
import { exportSa1b } from "./__fixtures__/sa1b.ts";
import { sa1bExporter } from "./sa1b-exporter.ts";
import { encodeSa1bSample } from "./encode-sa1b-sample.ts";

/** FORMATS.md §2.7: h=3, w=4, rows `0110 / 0111 / 0010`. */
const WORKED: Instance = makeInstance(bitmapFromRows([".##.", ".###", "..#."]));

describe("sa1b exporter: FORMATS.md §2.7 / §2.4 worked example", () => {
  it("writes the RLE string, toBbox, area, point and framing of the 3×4 example exactly", async () => {
    const result = await exportSa1b(labelmapOf("tumor"), [sampleOf("scans/Y1", 4, 3, [WORKED])]);
    expect([...result.files.keys()]).toEqual(["labelmap.txt", "scans/Y1.json"]);
    // counts [3,2,1,3,1,1,1] → "32110N0" (§2.4), bbox [1,0,3,3] and area 6 (§2.5). The point is
    // pixel (2, 1): the only one whose nearest outside pixel is a diagonal neighbour (√2); every
    // other one has a 4-neighbour outside the mask or the image.
    expect(result.text("scans/Y1.json")).toBe(
      '{"image":{"image_id":1,"width":4,"height":3,"file_name":"Y1.jpg"},"annotations":[' +
        '{"id":1,"segmentation":{"size":[3,4],"counts":"32110N0"},"bbox":[1.0,0.0,3.0,3.0],"area":6,' +
        '"predicted_iou":1.0,"stability_score":1.0,"crop_box":[0,0,4,3],"point_coords":[[2,1]],"label":"tumor"}]}\n',
    );
    const annotation = result.json("scans/Y1.json").annotations[0]!;
    expect(annotation).toMatchObject({ segmentation: { size: [3, 4], counts: "32110N0" }, bbox: [1, 0, 3, 3], area: 6 });
    expect(decompressCounts(annotation.segmentation.counts)).toEqual([3, 2, 1, 3, 1, 1, 1]);
  });

  it("reports every instance as lossless RLE", async () => {
    const fragment = encodeSa1bSample(sampleOf("a", 4, 3, [WORKED]), { imageExtension: "jpg" }, { labelmap: labelmapOf("tumor"), report: () => {} });
    expect(fragment.fidelity).toEqual([{ instanceId: 1, label: 1, area: 6, encoding: "rle", lost: 0, added: 0, iou: 1 }]);
  });
});

describe("sa1b exporter: pycocotools golden vectors", () => {
  const golden = JSON.parse(readFileSync(join(GOLDEN_DIR, "golden.json"), "utf8")) as {
    files: { file: string; width: number; height: number; objects: { value: number; counts: string; area: number; bbox: number[] }[] }[];
  };
  for (const entry of golden.files.filter((f) => f.objects.length > 0)) {
    it(`${entry.file}: counts, area and bbox as pycocotools computes them`, async () => {
      const png = readGrayPng(join(GOLDEN_DIR, entry.file));
      const instances = entry.objects.map((o, i) => instanceFromFrame(png.values, png.width, png.height, o.value, 1, i + 1)!);
      const json = (await exportSa1b(labelmapOf("object"), [sampleOf("golden", png.width, png.height, instances)])).json("golden.json");
      expect(json.annotations.map((a) => [a.segmentation.counts, a.area, a.bbox])).toEqual(entry.objects.map((o) => [o.counts, o.area, o.bbox]));
    });
  }
});

describe("sa1b exporter: layout and numbering", () => {
  const labelmap = labelmapOf("tumor", "edema");
  const square = makeInstance(bitmapFromRows(["#####", "#####", "#####", "#####", "#####"]), { x: 2, y: 1, label: 2, instanceId: 4 });
  const samples: Sample[] = [
    sampleOf("scans/Y10", 4, 3, [WORKED, makeInstance(bitmapFromRows(["..."]), { instanceId: 9 })]),
    sampleOf("empty", 6, 5, []),
    { ...sampleOf("N1", 9, 7, [square, { ...WORKED, instanceId: 5 }]), image: { path: "/data/raw/N1.PNG", fileName: "raw/N1.PNG" } },
  ];

  it("writes one JSON per sample (sub-folders kept, empty samples too), images 1..N and annotations 1..M in input order", async () => {
    const result = await exportSa1b(labelmap, samples);
    expect([...result.files.keys()]).toEqual(["labelmap.txt", "scans/Y10.json", "empty.json", "N1.json", "N1.PNG"]);
    const files = ["scans/Y10.json", "empty.json", "N1.json"].map((path) => result.json(path));
    expect(files.map((f) => f.image)).toEqual([
      { image_id: 1, width: 4, height: 3, file_name: "Y10.jpg" },
      { image_id: 2, width: 6, height: 5, file_name: "empty.jpg" },
      { image_id: 3, width: 9, height: 7, file_name: "N1.PNG" },
    ]);
    expect(files.map((f) => f.annotations.map((a) => [a.id, a.label]))).toEqual([[[1, "tumor"]], [], [[2, "edema"], [3, "tumor"]]]);
    const [center, worked] = files[2]!.annotations;
    expect(center).toMatchObject({ bbox: [2, 1, 5, 5], area: 25, point_coords: [[4, 3]], crop_box: [0, 0, 9, 7], predicted_iou: 1, stability_score: 1 });
    expect(worked).toMatchObject({ segmentation: { size: [7, 9] }, bbox: [1, 0, 3, 3], area: 6, point_coords: [[2, 1]] });
    expect(result.files.get("N1.PNG")).toEqual({ copyFrom: "/data/raw/N1.PNG" });
    // Compact JSON on one line, a newline at the end.
    for (const path of ["scans/Y10.json", "empty.json", "N1.json"]) expect(result.text(path)).toMatch(/^\{"image":[^\n]*\}\n$/);
  });

  it("reports the empty instance instead of writing it", async () => {
    const result = await exportSa1b(labelmap, samples);
    expect(result.diagnostics.map((d) => [d.code, d.sampleId, d.instanceId])).toEqual([["INSTANCE_DROPPED", "scans/Y10", 9]]);
  });

  it("reports and skips background-labelled and unknown-label instances, as the coco exporter does", async () => {
    const result = await exportSa1b(labelmapOf("tumor"), [sampleOf("a", 4, 3, [{ ...WORKED, instanceId: 1, label: 0 }, { ...WORKED, instanceId: 2, label: 7 }, { ...WORKED, instanceId: 3 }])]);
    expect(result.json("a.json").annotations.map((a) => a.id)).toEqual([1]);
    expect(result.diagnostics.map((d) => [d.code, d.instanceId])).toEqual([
      ["INSTANCE_DROPPED", 1],
      ["INSTANCE_DROPPED", 2],
    ]);
    expect(result.diagnostics[0]!.message).toContain("background label");
    expect(result.diagnostics[1]!.message).toContain("label id 7");
  });

  it("names images without a raw file <base name>.<imageExtension> (a leading dot is dropped)", async () => {
    const json = (await exportSa1b(labelmap, [sampleOf("a/b/c", 4, 3, [])], { imageExtension: ".png" })).json("a/b/c.json");
    expect(json.image.file_name).toBe("c.png");
    expect(sa1bExporter.options.imageExtension.default).toBe("jpg");
  });

  it("writes the labelmap the labels come from, and still a labelmap for an empty dataset", async () => {
    const result = await exportSa1b(labelmap, []);
    expect([...result.files.keys()]).toEqual(["labelmap.txt"]);
    expect(parseLabelmap(result.text("labelmap.txt")).labels.map((l) => l.name)).toEqual(["background", "tumor", "edema"]);
  });

  it("warns instead of failing when a label name cannot be written to labelmap.txt", async () => {
    const result = await exportSa1b(labelmapOf("organ:liver"), [sampleOf("a", 4, 3, [WORKED])]);
    expect([...result.files.keys()]).toEqual(["a.json"]);
    expect(result.json("a.json").annotations[0]!.label).toBe("organ:liver");
    expect(result.diagnostics.map((d) => d.code)).toEqual(["LABELMAP_MALFORMED"]);
  });
});

describe("sa1b exporter: decodeFragment", () => {
  it("decodes each annotation back to the instance's pixels, full-frame", () => {
    const labelmap = labelmapOf("tumor", "edema");
    const sample = makeSample({ id: "a", width: 9, height: 7, instances: [makeInstance(bitmapFromRows(["#.#", "###"]), { x: 6, y: 5, label: 2, instanceId: 3 }), { ...WORKED, instanceId: 4 }] });
    const fragment = encodeSa1bSample(sample, { imageExtension: "jpg" }, { labelmap, report: () => {} });
    const shapes = sa1bExporter.decodeFragment!(fragment, sample, { imageExtension: "jpg" }, { labelmap });
    expect(shapes.map((s) => [s.label, s.instanceId])).toEqual([
      [2, 3],
      [1, 4],
    ]);
    const set = (i: number) => [...shapes[i]!.bitmap.data.keys()].filter((p) => shapes[i]!.bitmap.data[p] === 1).map((p) => [p % 9, Math.floor(p / 9)]);
    expect(set(0)).toEqual([
      [6, 5],
      [8, 5],
      [6, 6],
      [7, 6],
      [8, 6],
    ]);
    expect(set(1)).toEqual([
      [1, 0],
      [2, 0],
      [1, 1],
      [2, 1],
      [3, 1],
      [2, 2],
    ]);
  });
});
