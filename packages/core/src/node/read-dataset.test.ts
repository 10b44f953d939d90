import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isMaskportError, type ErrorCode } from "../errors.ts";
import type { Diagnostic } from "../plugin.ts";
import type { Sample } from "../types.ts";
import { vocColor } from "../model/voc-palette.ts";
import { detectMaskLayout } from "./detect-layout.ts";
import { readMaskDataset, type MaskRef, type ReadMaskDatasetOptions } from "./read-dataset.ts";

type Rgb = readonly [number, number, number];
const TUMOR: Rgb = [250, 50, 83];
const BLACK: Rgb = [0, 0, 0];
const CVAT_LABELMAP = "# label:color_rgb:parts:actions\nTumor:250,50,83::\nbackground:0,0,0::\n";

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "maskport-read-"));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Writes a PNG with pngjs: `rows` of pixel colours; gray when every colour is [v, v, v] and `gray` is set. */
async function writeMask(file: string, rows: readonly (readonly Rgb[])[], gray = false): Promise<void> {
  const height = rows.length;
  const width = rows[0]?.length ?? 0;
  const png = new PNG({ width, height });
  rows.forEach((row, y) => row.forEach((color, x) => png.data.set([...color, 255], 4 * (y * width + x))));
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, PNG.sync.write(png, gray ? { colorType: 0, inputColorType: 6 } : { colorType: 2, inputColorType: 6 }));
}

async function writeText(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, text);
}

let count = 0;
async function folder(): Promise<string> {
  const dir = join(root, `d${++count}`);
  await mkdir(dir, { recursive: true });
  return dir;
}

async function readAll(input: string, options: Omit<ReadMaskDatasetOptions, "report"> = {}): Promise<{ samples: Sample[]; subsets: readonly string[]; diagnostics: Omit<Diagnostic, "plugin">[] }> {
  const diagnostics: Omit<Diagnostic, "plugin">[] = [];
  const dataset = await readMaskDataset(input, { ...options, report: (d) => diagnostics.push(d) });
  const samples: Sample[] = [];
  for await (const ref of dataset.refs()) samples.push(await dataset.load(structuredClone(ref)));
  return { samples, subsets: dataset.subsets, diagnostics };
}

async function failure(run: () => Promise<unknown>): Promise<{ code: ErrorCode; message: string }> {
  try {
    await run();
  } catch (error) {
    if (isMaskportError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error("expected a MaskportError");
}

const summary = (sample: Sample) => ({
  id: sample.id,
  subset: sample.subset,
  size: [sample.width, sample.height],
  instances: sample.instances.map((i) => [i.instanceId, i.label, i.area, [i.bbox.x, i.bbox.y, i.bbox.width, i.bbox.height]]),
});

// A 4×3 scene: two touching Tumor objects (1 left, 2 right) and nothing else.
const CLASS_ROWS: Rgb[][] = [
  [TUMOR, TUMOR, TUMOR, BLACK],
  [TUMOR, TUMOR, TUMOR, BLACK],
  [BLACK, BLACK, BLACK, BLACK],
];
const OBJECT_ROWS: Rgb[][] = [
  [vocColor(1), vocColor(1), vocColor(2), BLACK],
  [vocColor(1), vocColor(2), vocColor(2), BLACK],
  [BLACK, BLACK, BLACK, BLACK],
];
const TWO_OBJECTS = [
  [1, 0, 3, [0, 0, 2, 2]],
  [2, 0, 3, [1, 0, 2, 2]],
];

describe("readMaskDataset, CVAT Segmentation mask 1.1", () => {
  it("reads subsets in list order, keeps sub-folders, and skips a PNG-less item without an image", async () => {
    const dir = await folder();
    await writeText(join(dir, "labelmap.txt"), CVAT_LABELMAP);
    await writeText(join(dir, "ImageSets/Segmentation/train.txt"), "scans/b\na\nempty\n");
    await writeText(join(dir, "ImageSets/Segmentation/val.txt"), "# comment\nc\n");
    for (const id of ["a", "scans/b", "c"]) {
      await writeMask(join(dir, `SegmentationClass/${id}.png`), CLASS_ROWS);
      await writeMask(join(dir, `SegmentationObject/${id}.png`), OBJECT_ROWS);
    }
    const { samples, subsets, diagnostics } = await readAll(dir);
    expect(subsets).toEqual(["train", "val"]);
    expect(samples.map(summary)).toEqual([
      { id: "scans/b", subset: "train", size: [4, 3], instances: TWO_OBJECTS },
      { id: "a", subset: "train", size: [4, 3], instances: TWO_OBJECTS },
      { id: "c", subset: "val", size: [4, 3], instances: TWO_OBJECTS },
    ]);
    expect(diagnostics.map((d) => [d.code, d.sampleId, d.file, d.message])).toEqual([
      ["INVALID_INPUT", "empty", join(dir, "ImageSets/Segmentation/train.txt"), "empty is listed but has no mask and no image to give its size; skipped"],
    ]);
    expect((await detectMaskLayout(dir)).kind).toBe("segmentation-mask-1.1");
  });

  it("names the first class mask in no ImageSets list when it warns that such masks are ignored", async () => {
    const dir = await folder();
    await writeText(join(dir, "labelmap.txt"), CVAT_LABELMAP);
    await writeText(join(dir, "ImageSets/Segmentation/train.txt"), "a\n");
    for (const id of ["a", "b", "c"]) await writeMask(join(dir, `SegmentationClass/${id}.png`), CLASS_ROWS);
    const { samples, diagnostics } = await readAll(dir);
    expect(samples.map((sample) => sample.id)).toEqual(["a"]);
    expect(diagnostics.map((d) => [d.code, d.file, d.message])).toEqual([
      ["INVALID_INPUT", join(dir, "SegmentationClass/b.png"), "2 class mask(s) are in no ImageSets/Segmentation list and are ignored, as CVAT does (first: b)"],
    ]);
  });

  it("gives a PNG-less item an empty sample sized by its image (JPEG header only), from JPEGImages/", async () => {
    const dir = await folder();
    await writeText(join(dir, "labelmap.txt"), CVAT_LABELMAP);
    await writeText(join(dir, "ImageSets/Segmentation/default.txt"), "a\nempty\n");
    await writeMask(join(dir, "SegmentationClass/a.png"), CLASS_ROWS);
    await writeMask(join(dir, "JPEGImages/a.png"), CLASS_ROWS);
    // SOI, an APP0 segment, then SOF0 with height 7 and width 9.
    const jpeg = [0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0xff, 0xc0, 0, 11, 8, 0, 7, 0, 9, 1, 1, 0x11, 0, 0xff, 0xd9];
    await writeFile(join(dir, "JPEGImages/empty.jpg"), Uint8Array.from(jpeg));
    const { samples, diagnostics } = await readAll(dir);
    expect(diagnostics).toEqual([]);
    expect(samples.map((s) => [s.id, s.width, s.height, s.image?.fileName, s.instances.length])).toEqual([
      ["a", 4, 3, "a.png", 1],
      ["empty", 9, 7, "empty.jpg", 0],
    ]);
    // Without an object mask, the touching tumour is one connected component.
    expect(samples[0]?.instances[0]?.area).toBe(6);
  });

  it("reads an export without labelmap.txt with the Pascal VOC labels, and refuses an object mask without class mask", async () => {
    const dir = await folder();
    await writeMask(join(dir, "SegmentationClass/a.png"), CLASS_ROWS);
    // CVAT documents labelmap.txt as optional here (the 21 VOC labels then); this used to be
    // LABELMAP_MISSING. TUMOR's colour is no VOC colour, so the mask does not load.
    const { labelmap } = await readMaskDataset(dir);
    expect([labelmap.labels.length, labelmap.labels[1]?.name, labelmap.labels[1]?.color]).toEqual([21, "aeroplane", [128, 0, 0]]);
    expect((await failure(() => readAll(dir))).code).toBe("UNKNOWN_COLOR");
    await writeText(join(dir, "labelmap.txt"), CVAT_LABELMAP);
    await writeMask(join(dir, "SegmentationObject/b.png"), OBJECT_ROWS);
    const orphan = await failure(() => readMaskDataset(dir));
    expect(orphan.code).toBe("OBJECT_WITHOUT_CLASS");
    expect(orphan.message).toContain("SegmentationObject/b.png");
  });
});

describe("readMaskDataset, published CLASS/OBJECT layout", () => {
  it("finds labelmap.txt in a sub-folder, pairs files by relative path, and reads RGB and index masks per file", async () => {
    const dir = await folder();
    const base = join(dir, "segmentation_mask");
    await writeText(join(base, "labelmap.txt"), "0: Background\n1: Tumor\n");
    // RGB masks use the index dialect's generated colours: Tumor = VOC 1 = (128,0,0).
    const red: Rgb = [128, 0, 0];
    await writeMask(join(base, "x_segmentation_mask_CLASS_png_format/Y1.png"), CLASS_ROWS.map((row) => row.map((c) => (c === TUMOR ? red : c))));
    await writeMask(join(base, "x_segmentation_mask_OBJECT_png_format/Y1.png"), OBJECT_ROWS);
    const one: Rgb = [1, 1, 1];
    const two: Rgb = [2, 2, 2];
    await writeMask(join(base, "x_segmentation_mask_CLASS_png_format/scans/Y2.png"), CLASS_ROWS.map((row) => row.map((c) => (c === TUMOR ? one : c))), true);
    await writeMask(join(base, "x_segmentation_mask_OBJECT_png_format/scans/Y2.png"), [[one, one, two, BLACK], [one, two, two, BLACK], [BLACK, BLACK, BLACK, BLACK]], true);
    const layout = await detectMaskLayout(dir);
    expect([layout.kind, layout.labelmapFile?.endsWith("segmentation_mask/labelmap.txt")]).toEqual(["class-object-folders", true]);
    const { samples, subsets } = await readAll(dir);
    const tumor = [
      [1, 1, 3, [0, 0, 2, 2]],
      [2, 1, 3, [1, 0, 2, 2]],
    ];
    expect(subsets).toEqual(["default"]);
    expect(samples.map(summary)).toEqual([
      { id: "Y1", subset: "default", size: [4, 3], instances: tumor },
      { id: "scans/Y2", subset: "default", size: [4, 3], instances: tumor },
    ]);
  });

  it("matches raw images by stem and refuses one of another size", async () => {
    const dir = await folder();
    await writeText(join(dir, "labelmap.txt"), CVAT_LABELMAP);
    await writeMask(join(dir, "CLASS/Y1.png"), CLASS_ROWS);
    await writeMask(join(dir, "CLASS/Y2.png"), CLASS_ROWS);
    await writeMask(join(dir, "raw/Y1.png"), CLASS_ROWS);
    await writeMask(join(dir, "raw/nested/Y2.png"), [[BLACK, BLACK]]);
    const dataset = await readMaskDataset(dir, { images: join(dir, "raw") });
    const refs: MaskRef[] = [];
    for await (const ref of dataset.refs()) refs.push(ref);
    expect((await dataset.load(refs[0] as MaskRef)).image?.fileName).toBe("Y1.png");
    const error = await failure(() => dataset.load(refs[1] as MaskRef));
    expect(error.code).toBe("IMAGE_SIZE_MISMATCH");
    expect(error.message).toContain("nested/Y2.png: image is 2×1 but its mask");
  });

  it("with listing false (a worker's copy) lists nothing and loads another read's refs alike", async () => {
    const dir = await folder();
    await writeText(join(dir, "labelmap.txt"), CVAT_LABELMAP);
    await writeMask(join(dir, "CLASS/Y1.png"), CLASS_ROWS);
    await writeMask(join(dir, "raw/Y1.png"), CLASS_ROWS);
    const listed = await readMaskDataset(dir, { images: join(dir, "raw") });
    const loader = await readMaskDataset(dir, { images: join(dir, "raw"), listing: false });
    expect(listed.size).toBe(1);
    expect(loader.size).toBeUndefined();
    const loaderRefs: unknown[] = [];
    for await (const ref of loader.refs()) loaderRefs.push(ref);
    expect(loaderRefs).toEqual([]);
    for await (const ref of listed.refs()) expect(await loader.load(structuredClone(ref))).toEqual(await listed.load(ref));
  });

  it("reads <stem>_CLASS_.png / <stem>_OBJECT_.png pairs in one folder", async () => {
    const dir = await folder();
    await writeText(join(dir, "labelmap.txt"), CVAT_LABELMAP);
    await writeMask(join(dir, "masks/Y1_CLASS_.png"), CLASS_ROWS);
    await writeMask(join(dir, "masks/Y1_OBJECT_.png"), OBJECT_ROWS);
    await writeMask(join(dir, "masks/Y3_class_.png"), CLASS_ROWS);
    expect((await detectMaskLayout(dir)).kind).toBe("class-object-pairs");
    const { samples } = await readAll(dir);
    expect(samples.map(summary)).toEqual([
      { id: "masks/Y1", subset: "default", size: [4, 3], instances: TWO_OBJECTS },
      { id: "masks/Y3", subset: "default", size: [4, 3], instances: [[1, 0, 6, [0, 0, 3, 2]]] },
    ]);
  });

  it("reads a folder of class masks with the labelmap in its parent, with the chosen grouping", async () => {
    const dir = await folder();
    await writeText(join(dir, "labelmap.txt"), CVAT_LABELMAP);
    await writeMask(join(dir, "masks/Y1.png"), [[TUMOR, BLACK, TUMOR], [BLACK, TUMOR, BLACK]]);
    expect((await detectMaskLayout(join(dir, "masks"))).kind).toBe("class-only");
    const eight = await readAll(join(dir, "masks"));
    expect(eight.samples.map((s) => s.instances.length)).toEqual([1]);
    const four = await readAll(join(dir, "masks"), { connectivity: 4 });
    expect(four.samples.map((s) => s.instances.map((i) => i.area))).toEqual([[1, 1, 1]]);
    const byClass = await readAll(join(dir, "masks"), { grouping: "class", connectivity: 4 });
    expect(byClass.samples.map((s) => s.instances.map((i) => i.area))).toEqual([[3]]);
  });
});

describe("readMaskDataset, bad input", () => {
  it("names a missing input, an unknown layout and ambiguous datasets", async () => {
    expect((await failure(() => readMaskDataset(join(root, "nope")))).code).toBe("INPUT_NOT_FOUND");
    const text = await folder();
    await writeText(join(text, "notes.txt"), "hello\n");
    const unknown = await failure(() => readMaskDataset(text));
    expect(unknown.code).toBe("UNKNOWN_INPUT_FORMAT");
    expect((await failure(() => readMaskDataset(join(text, "notes.txt")))).code).toBe("UNKNOWN_INPUT_FORMAT");
    const two = await folder();
    await writeText(join(two, "a/labelmap.txt"), CVAT_LABELMAP);
    await writeText(join(two, "b/labelmap.txt"), CVAT_LABELMAP);
    const ambiguous = await failure(() => readMaskDataset(two));
    expect(ambiguous.code).toBe("UNKNOWN_INPUT_FORMAT");
    expect(ambiguous.message).toContain("several datasets here (a, b)");
  });

  it("refuses an OBJECT folder without a CLASS folder, and an empty dataset", async () => {
    const dir = await folder();
    await writeText(join(dir, "labelmap.txt"), CVAT_LABELMAP);
    await writeMask(join(dir, "Y_OBJECT_png/Y1.png"), OBJECT_ROWS);
    expect((await failure(() => readMaskDataset(dir))).code).toBe("OBJECT_WITHOUT_CLASS");
    const empty = await folder();
    await writeText(join(empty, "labelmap.txt"), CVAT_LABELMAP);
    await mkdir(join(empty, "Y_CLASS_png"));
    const error = await failure(() => readMaskDataset(empty));
    expect(error.code).toBe("EMPTY_DATASET");
    expect(error.message).toContain(empty);
  });

  it("refuses an object file without its class file, naming both paths", async () => {
    const dir = await folder();
    await writeText(join(dir, "labelmap.txt"), CVAT_LABELMAP);
    await writeMask(join(dir, "CLASS/Y1.png"), CLASS_ROWS);
    await writeMask(join(dir, "OBJECT/Y1.png"), OBJECT_ROWS);
    await writeMask(join(dir, "OBJECT/Y2.png"), OBJECT_ROWS);
    const error = await failure(() => readMaskDataset(dir));
    expect(error.code).toBe("OBJECT_WITHOUT_CLASS");
    expect(error.message).toMatch(/OBJECT\/Y2\.png: object mask has no class mask at .*CLASS\/Y2\.png/);
  });

  it("reports pixel and file problems when a sample loads, naming the file", async () => {
    const dir = await folder();
    await writeText(join(dir, "labelmap.txt"), CVAT_LABELMAP);
    await writeMask(join(dir, "CLASS/a.png"), [[TUMOR, [1, 2, 3]], [[1, 2, 3], BLACK]]);
    await writeMask(join(dir, "CLASS/b.png"), CLASS_ROWS);
    await writeMask(join(dir, "OBJECT/b.png"), [[BLACK]]);
    await writeFile(join(dir, "CLASS/c.jpg"), Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 74, 70, 73, 70]));
    await writeFile(join(dir, "CLASS/d.png"), PNG.sync.write(new PNG({ width: 3, height: 3 })).subarray(0, 40));
    const dataset = await readMaskDataset(dir);
    const results: [string, ErrorCode, string][] = [];
    for await (const ref of dataset.refs()) {
      const error = await failure(() => dataset.load(ref));
      results.push([ref.id, error.code, error.message]);
    }
    expect(results.map(([id, code]) => [id, code])).toEqual([
      ["a", "UNKNOWN_COLOR"],
      ["b", "SIZE_MISMATCH"],
      ["c", "MASK_NOT_PNG"],
      ["d", "PNG_UNREADABLE"],
    ]);
    expect(results[0]?.[2]).toMatch(/CLASS\/a\.png, pixel \(x=1, y=0\): colour \(1,2,3\) is not a label colour in the labelmap \(2 pixels\)$/);
    expect(results[1]?.[2]).toMatch(/OBJECT\/b\.png: object mask is 1×1 but its class mask .*CLASS\/b\.png is 4×3$/);
    expect(results[2]?.[2]).toContain("CLASS/c.jpg: mask is a JPEG");
    expect(results[3]?.[2]).toContain("CLASS/d.png: cannot read PNG");
  });

  it("passes class/object disagreements on as warnings naming the sample and file", async () => {
    const dir = await folder();
    await writeText(join(dir, "labelmap.txt"), CVAT_LABELMAP);
    await writeMask(join(dir, "CLASS/a.png"), CLASS_ROWS);
    await writeMask(join(dir, "OBJECT/a.png"), [[vocColor(1), BLACK, BLACK, BLACK], [BLACK, BLACK, BLACK, vocColor(1)], [BLACK, BLACK, BLACK, BLACK]]);
    const { samples, diagnostics } = await readAll(dir);
    expect(samples[0]?.instances.map((i) => [i.instanceId, i.area])).toEqual([
      [1, 1],
      [2, 5],
    ]);
    expect(diagnostics.map((d) => [d.code, d.sampleId, d.file?.endsWith("CLASS/a.png")])).toEqual([
      ["CLASS_DISAGREEMENT", "a", true],
      ["CLASS_DISAGREEMENT", "a", true],
    ]);
  });
});
