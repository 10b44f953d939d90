// COCO inputs keep what they say: image names (extensions and sub-folders, images on disk or
// not), category ids and iscrowd. Inputs are hand-written JSON; expected values come from
// the input itself and FORMATS.md §2.4/§2.7 (`[3,2,1,3,1,1,1]` ↔ "32110N0", `[0,2,1,1,7,1]` ↔ "021O60").
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { collectFiles, dropLabels, readSamples, resolveOptions, runExport, type Diagnostic, type Exporter, type FragmentBase, type Labelmap, type Sample } from "@maskport/core";
import { cocoExporter } from "./coco-exporter.ts";
import { cocoImporter } from "./coco-importer.ts";
import { sa1bExporter } from "./sa1b-exporter.ts";
import { exportCoco, sampleOf, type CocoJson } from "./__fixtures__/samples.ts";

const scratch = mkdtempSync(join(tmpdir(), "maskport-coco-keep-"));
let cases = 0;

/** Two 4×3 images named with .jpg/.JPG and a sub-folder; categories 1, 13, 90 (listed out of order); two crowds. */
const INPUT = {
  images: [
    { id: 7, width: 4, height: 3, file_name: "scans/Y1.jpg" },
    { id: 9, width: 4, height: 3, file_name: "Y2.JPG" },
  ],
  categories: [
    { id: 90, name: "toothbrush", supercategory: "" },
    { id: 1, name: "person", supercategory: "" },
    { id: 13, name: "stop sign", supercategory: "" },
  ],
  annotations: [
    // §2.7: the pixel-corner polygon of rows 0110 / 0111 / 0010.
    { id: 1, image_id: 7, category_id: 13, iscrowd: 0, segmentation: [[1, 0, 3, 0, 3, 1, 4, 1, 4, 2, 3, 2, 3, 3, 2, 3, 2, 2, 1, 2]] },
    { id: 2, image_id: 7, category_id: 1, iscrowd: 1, segmentation: { size: [3, 4], counts: [0, 2, 1, 1, 7, 1] } },
    { id: 3, image_id: 9, category_id: 90, iscrowd: 1, segmentation: { size: [3, 4], counts: "32110N0" } },
  ],
};

/** A COCO 1.0 folder holding INPUT and the given raw image files (path below the folder → bytes). */
function cocoFolder(images: Record<string, string> = {}): string {
  const root = join(scratch, `case-${++cases}`);
  for (const [path, text] of Object.entries({ "annotations/instances_default.json": JSON.stringify(INPUT), ...images })) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

interface Converted {
  readonly files: Map<string, Uint8Array | { copyFrom: string }>;
  readonly diagnostics: Diagnostic[];
  text(path: string): string;
}

/** Reads `input` with the coco importer and converts it in memory. */
async function convert<O extends object, F extends FragmentBase>(input: string, exporter: Exporter<O, F>, given: Record<string, unknown> = {}, dropped?: string): Promise<Converted> {
  const diagnostics: Diagnostic[] = [];
  const dataset = await cocoImporter.read(input, {}, { report: (d) => diagnostics.push(d) });
  const transforms = dropped === undefined ? [] : [{ transform: dropLabels, options: { labels: dropped } }];
  const options = resolveOptions(exporter.name, exporter.options, given);
  const files = await collectFiles(runExport(dataset, exporter, options, { transforms, onDiagnostic: (d) => diagnostics.push(d) }));
  const text = (path: string): string => {
    const bytes = files.get(path);
    if (!(bytes instanceof Uint8Array)) throw new Error(`no file ${path}; have ${[...files.keys()].join(", ")}`);
    return new TextDecoder().decode(bytes);
  };
  return { files, diagnostics, text };
}

const cocoJson = (converted: Converted): CocoJson => JSON.parse(converted.text("annotations/instances_default.json")) as CocoJson;
const crowdNotes = (diagnostics: readonly Diagnostic[]) => diagnostics.filter((d) => d.code === "CROWD_FLAG_CHANGED").map((d) => [d.severity, d.plugin, d.message]);

describe("coco importer: what the input says is on the sample", () => {
  it("names images as file_name does, found or not; flags crowds; label ids are the category ids", async () => {
    const root = cocoFolder({ "images/default/scans/Y1.jpg": "jpeg bytes" });
    const dataset = await cocoImporter.read(root, {}, { report: () => {} });
    const samples: Sample[] = [];
    for await (const sample of readSamples(dataset)) samples.push(sample);
    expect(samples.map((s) => [s.id, s.imageName, s.image?.fileName])).toEqual([
      ["scans/Y1", "scans/Y1.jpg", "scans/Y1.jpg"],
      ["Y2", "Y2.JPG", undefined],
    ]);
    expect(samples.map((s) => s.instances.map((i) => [i.label, i.crowd ?? false]))).toEqual([
      [
        [13, false],
        [1, true],
      ],
      [[90, true]],
    ]);
    expect(dataset.labelmap.categoryIds).toBe(true);
    expect(dataset.labelmap.labels.map((l) => [l.id, l.name])).toEqual([
      [0, "background"],
      [1, "person"],
      [13, "stop sign"],
      [90, "toothbrush"],
    ]);
  });
});

describe("COCO → COCO keeps image names, category ids and iscrowd", () => {
  it("writes the input's file_name, category ids and iscrowd; copies only the image that exists", async () => {
    const root = cocoFolder({ "images/default/scans/Y1.jpg": "jpeg bytes" });
    const out = await convert(root, cocoExporter, { imageExtension: "bmp" });
    expect([...out.files.keys()]).toEqual(["annotations/instances_default.json", "images/default/scans/Y1.jpg"]);
    expect(out.files.get("images/default/scans/Y1.jpg")).toEqual({ copyFrom: join(root, "images/default/scans/Y1.jpg") });
    const json = cocoJson(out);
    expect(json.images.map((i) => [i.id, i.file_name])).toEqual([
      [1, "scans/Y1.jpg"],
      [2, "Y2.JPG"],
    ]);
    expect(json.categories).toEqual([
      { id: 1, name: "person", supercategory: "" },
      { id: 13, name: "stop sign", supercategory: "" },
      { id: 90, name: "toothbrush", supercategory: "" },
    ]);
    expect(json.annotations.map((a) => [a.image_id, a.category_id, a.iscrowd, a.segmentation])).toEqual([
      [1, 13, 0, { size: [3, 4], counts: "32110N0" }],
      [1, 1, 1, { size: [3, 4], counts: "021O60" }],
      [2, 90, 1, { size: [3, 4], counts: "32110N0" }],
    ]);
    expect(crowdNotes(out.diagnostics)).toEqual([]);
  });

  it("names images as the input does when none is on disk (no copies)", async () => {
    const out = await convert(cocoFolder(), cocoExporter);
    expect([...out.files.keys()]).toEqual(["annotations/instances_default.json"]);
    expect(cocoJson(out).images.map((i) => i.file_name)).toEqual(["scans/Y1.jpg", "Y2.JPG"]);
  });

  it("polygon mode keeps crowds as RLE with iscrowd 1", async () => {
    const json = cocoJson(await convert(cocoFolder(), cocoExporter, { segmentation: "polygon" }));
    const [polygon, crowd, other] = json.annotations;
    expect(Array.isArray(polygon!.segmentation)).toBe(true);
    expect(polygon!.iscrowd).toBe(0);
    expect([crowd, other].map((a) => [a!.iscrowd, a!.segmentation])).toEqual([
      [1, { size: [3, 4], counts: "021O60" }],
      [1, { size: [3, 4], counts: "32110N0" }],
    ]);
  });

  it("iscrowd none writes 0 everywhere and says so once, with the count", async () => {
    const out = await convert(cocoFolder(), cocoExporter, { iscrowd: "none" });
    expect(cocoJson(out).annotations.map((a) => a.iscrowd)).toEqual([0, 0, 0]);
    expect(crowdNotes(out.diagnostics)).toEqual([
      ["info", "coco", "2 crowd instance(s) (COCO iscrowd 1 in the input) written as ordinary instances: --coco.iscrowd is none"],
    ]);
  });

  it("iscrowd all and cvatCompatible say once how many annotations became crowds", async () => {
    const all = await convert(cocoFolder(), cocoExporter, { iscrowd: "all" });
    expect(cocoJson(all).annotations.map((a) => a.iscrowd)).toEqual([1, 1, 1]);
    expect(crowdNotes(all.diagnostics)).toEqual([
      ["info", "coco", "1 annotation(s) written with iscrowd 1 although the input does not mark them as crowds: --coco.iscrowd is all"],
    ]);
    const cvat = await convert(cocoFolder(), cocoExporter, { cvatCompatible: true });
    expect(cocoJson(cvat).annotations.map((a) => [a.iscrowd, a.segmentation])).toEqual([
      [1, { size: [3, 4], counts: [3, 2, 1, 3, 1, 1, 1] }],
      [1, { size: [3, 4], counts: [0, 2, 1, 1, 7, 1] }],
      [1, { size: [3, 4], counts: [3, 2, 1, 3, 1, 1, 1] }],
    ]);
    expect(crowdNotes(cvat.diagnostics)).toEqual([
      ["info", "coco", "1 annotation(s) written with iscrowd 1 although the input does not mark them as crowds: --coco.cvatCompatible writes RLE with iscrowd 1"],
    ]);
  });

  it("keeps the remaining ids when a transform drops a category", async () => {
    const json = cocoJson(await convert(cocoFolder(), cocoExporter, {}, "stop sign"));
    expect(json.categories.map((c) => c.id)).toEqual([1, 90]);
    expect(json.annotations.map((a) => a.category_id)).toEqual([1, 90]);
  });
});

describe("category ids of labelmaps that are not COCO's", () => {
  it("numbers the labels 1..N when the labelmap does not say its ids are category ids", async () => {
    const labelmap: Labelmap = {
      labels: [
        { id: 0, name: "background", color: [0, 0, 0], parts: [], actions: [] },
        { id: 1, name: "tumor", color: [128, 0, 0], parts: [], actions: [] },
        { id: 13, name: "edema", color: [0, 128, 0], parts: [], actions: [] },
      ],
      backgroundId: 0,
      dialect: "index",
    };
    const json = (await exportCoco(labelmap, [sampleOf("a", 4, 3, [])])).json();
    expect(json.categories.map((c) => [c.id, c.name])).toEqual([
      [1, "tumor"],
      [2, "edema"],
    ]);
  });

  it("numbers them 1..N when flagged ids are not positive (a label with id 0 that is not the background)", async () => {
    const labelmap: Labelmap = {
      labels: [
        { id: 0, name: "tumor", color: [128, 0, 0], parts: [], actions: [] },
        { id: 5, name: "edema", color: [0, 128, 0], parts: [], actions: [] },
      ],
      backgroundId: undefined,
      dialect: "cvat",
      categoryIds: true,
    };
    expect((await exportCoco(labelmap, [])).json().categories.map((c) => c.id)).toEqual([1, 2]);
  });
});

describe("COCO → SA-1B", () => {
  it("keeps label names under the input's category ids, names images with the input's extension, and says once that crowds are dropped", async () => {
    const out = await convert(cocoFolder(), sa1bExporter);
    expect([...out.files.keys()]).toEqual(["labelmap.txt", "scans/Y1.json", "Y2.json"]);
    const y1 = JSON.parse(out.text("scans/Y1.json")) as { image: { file_name: string }; annotations: { label: string }[] };
    const y2 = JSON.parse(out.text("Y2.json")) as { image: { file_name: string }; annotations: { label: string }[] };
    expect([y1.image.file_name, y2.image.file_name]).toEqual(["Y1.jpg", "Y2.JPG"]);
    expect([...y1.annotations, ...y2.annotations].map((a) => a.label)).toEqual(["stop sign", "person", "toothbrush"]);
    expect(crowdNotes(out.diagnostics)).toEqual([["info", "sa1b", "2 crowd instance(s) (COCO iscrowd 1 in the input) written as ordinary instances: SA-1B has no crowd flag"]]);
  });
});
