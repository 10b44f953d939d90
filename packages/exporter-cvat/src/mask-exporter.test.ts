import { collectFiles, memoryDataset, runExport, type Diagnostic, type Labelmap, type Sample } from "@maskport/core";
import { bitmapFromRows, makeInstance, makeSample } from "@maskport/core/testing";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { maskExporter } from "./mask-exporter.ts";

const labelmap: Labelmap = {
  labels: [
    { id: 0, name: "background", color: [0, 0, 0], parts: [], actions: [] },
    { id: 1, name: "tumor", color: [250, 50, 83], parts: [], actions: [] },
    { id: 2, name: "Edema", color: [10, 20, 30], parts: [], actions: [] },
  ],
  backgroundId: 0,
  dialect: "cvat",
};

async function exportMasks(lm: Labelmap, samples: Sample[], subsets?: string[]) {
  const diagnostics: Diagnostic[] = [];
  const files = await collectFiles(runExport(memoryDataset(lm, samples, subsets), maskExporter, { saveImages: true }, { onDiagnostic: (d) => diagnostics.push(d) }));
  const text = (path: string): string => new TextDecoder().decode(files.get(path) as Uint8Array);
  return { files, text, diagnostics };
}

/** Pixels of an RGB PNG as "r,g,b" strings, row by row, read back with pngjs. */
function pixels(bytes: unknown): string[][] {
  const png = PNG.sync.read(Buffer.from(bytes as Uint8Array));
  return Array.from({ length: png.height }, (_, y) =>
    Array.from({ length: png.width }, (_, x) => {
      const i = (y * png.width + x) * 4;
      return `${png.data[i]},${png.data[i + 1]},${png.data[i + 2]}`;
    }),
  );
}

const two = makeSample({
  id: "scans/Y1",
  width: 4,
  height: 3,
  instances: [
    makeInstance(bitmapFromRows(["##", "#."]), { label: 1, instanceId: 1 }),
    makeInstance(bitmapFromRows(["#", "#"]), { label: 2, instanceId: 5, x: 3, y: 1 }),
  ],
});

describe("mask exporter: Segmentation mask 1.1 layout", () => {
  it("writes labelmap.txt in CVAT's dialect, sorted by code point (uppercase first)", async () => {
    const { text } = await exportMasks(labelmap, []);
    expect(text("labelmap.txt")).toBe("# label:color_rgb:parts:actions\nEdema:10,20,30::\nbackground:0,0,0::\ntumor:250,50,83::\n");
  });

  it("adds background:0,0,0 when the labelmap has no background", async () => {
    const noBackground: Labelmap = { labels: [{ id: 1, name: "tumor", color: [250, 50, 83], parts: [], actions: [] }], backgroundId: undefined, dialect: "cvat" };
    const { text } = await exportMasks(noBackground, []);
    expect(text("labelmap.txt")).toBe("# label:color_rgb:parts:actions\nbackground:0,0,0::\ntumor:250,50,83::\n");
  });

  it("paints class colours and VOC instance colours (hand-computed)", async () => {
    const { files } = await exportMasks(labelmap, [two]);
    const T = "250,50,83";
    const E = "10,20,30";
    const B = "0,0,0";
    expect(pixels(files.get("SegmentationClass/scans/Y1.png"))).toEqual([
      [T, T, B, B],
      [T, B, B, E],
      [B, B, B, E],
    ]);
    // VOC palette: index 1 = (128,0,0), index 2 = (0,128,0) (FORMATS.md §1.4), by position, not instanceId.
    const one = "128,0,0";
    const second = "0,128,0";
    expect(pixels(files.get("SegmentationObject/scans/Y1.png"))).toEqual([
      [one, one, B, B],
      [one, B, B, second],
      [B, B, B, second],
    ]);
  });

  it("writes 8-bit RGB PNGs (colour type 2, no palette, no alpha)", async () => {
    const { files } = await exportMasks(labelmap, [two]);
    for (const path of ["SegmentationClass/scans/Y1.png", "SegmentationObject/scans/Y1.png"]) {
      const bytes = files.get(path) as Uint8Array;
      // IHDR: width@16, height@20, bit depth@24, colour type@25
      expect([bytes[24], bytes[25]]).toEqual([8, 2]);
    }
  });

  it("paints unannotated pixels in the background label's own colour", async () => {
    const coloured: Labelmap = {
      labels: [
        { id: 0, name: "tumor", color: [1, 2, 3], parts: [], actions: [] },
        { id: 1, name: "background", color: [9, 9, 9], parts: [], actions: [] },
      ],
      backgroundId: 1,
      dialect: "cvat",
    };
    const { files } = await exportMasks(coloured, [makeSample({ width: 2, height: 1, instances: [makeInstance(bitmapFromRows(["#"]), { label: 0 })] })]);
    expect(pixels(files.get("SegmentationClass/sample.png"))).toEqual([["1,2,3", "9,9,9"]]);
  });

  it("lists every sample id per subset, empty ones included, and copies raw images to JPEGImages/", async () => {
    const samples: Sample[] = [
      { ...makeSample({ id: "a/1", subset: "train", width: 2, height: 2 }), image: { path: "/raw/a/1.jpeg", fileName: "a/1.jpeg" } },
      makeSample({ id: "b", subset: "val", width: 2, height: 2 }),
      makeSample({ id: "c", subset: "train", width: 2, height: 2 }),
    ];
    const { files, text } = await exportMasks(labelmap, samples, ["train", "val"]);
    expect(text("ImageSets/Segmentation/train.txt")).toBe("a/1\nc\n");
    expect(text("ImageSets/Segmentation/val.txt")).toBe("b\n");
    expect(files.get("JPEGImages/a/1.jpeg")).toEqual({ copyFrom: "/raw/a/1.jpeg" });
    expect(pixels(files.get("SegmentationObject/b.png"))).toEqual([
      ["0,0,0", "0,0,0"],
      ["0,0,0", "0,0,0"],
    ]);
  });

  it("paints overlaps in instance order and reports the hidden pixels as lost", async () => {
    const sample = makeSample({
      width: 3,
      height: 1,
      instances: [makeInstance(bitmapFromRows(["##"]), { label: 1, instanceId: 1 }), makeInstance(bitmapFromRows(["##"]), { label: 2, instanceId: 2, x: 1 })],
    });
    const { files } = await exportMasks(labelmap, [sample]);
    expect(pixels(files.get("SegmentationObject/sample.png"))).toEqual([["128,0,0", "0,128,0", "0,128,0"]]);
    const fragment = await maskExporter.encodeSample(sample, { saveImages: true }, { labelmap, report: () => {} });
    expect(fragment.fidelity.map((f) => [f.instanceId, f.lost, f.added, f.iou])).toEqual([
      [1, 1, 0, 0.5],
      [2, 0, 0, 1],
    ]);
  });

  it("refuses more than 255 instances in one image, naming the sample", async () => {
    const instances = Array.from({ length: 256 }, (_, i) => makeInstance(bitmapFromRows(["#"]), { label: 1, instanceId: i + 1, x: i % 16, y: Math.floor(i / 16) }));
    const sample = makeSample({ id: "crowded/slice", width: 16, height: 16, instances });
    await expect(exportMasks(labelmap, [sample])).rejects.toMatchObject({ code: "TOO_MANY_INSTANCES", message: expect.stringContaining('"crowded/slice" has 256 instances') });
    const fine = makeSample({ id: "ok", width: 16, height: 16, instances: instances.slice(0, 255) });
    const { files } = await exportMasks(labelmap, [fine]);
    // Index 255 is VOC (224,224,192) (FORMATS.md §1.4), at pixel (14, 15).
    expect(pixels(files.get("SegmentationObject/ok.png"))[15]?.[14]).toBe("224,224,192");
  });
});
