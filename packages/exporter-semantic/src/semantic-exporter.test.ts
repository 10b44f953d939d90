import { bitmapFromRows, makeInstance, makeLabelmap, makeSample } from "@maskport/core/testing";
import { describe, expect, it } from "vitest";
import { bytesOf, exportSamples, readPng, rowsOfPng, textOf } from "./__fixtures__/export-files.ts";
import { semanticExporter } from "./semantic-exporter.ts";

const labelmap = makeLabelmap(["background", "tumor", "edema"]);
// Two touching tumours (1, 2), and an edema (3) painted over one pixel of each.
const overlapping = makeSample({
  id: "scans/Y1",
  width: 6,
  height: 4,
  instances: [
    makeInstance(bitmapFromRows(["##", "##"]), { label: 1, instanceId: 1, x: 0, y: 0 }),
    makeInstance(bitmapFromRows(["#", "#"]), { label: 1, instanceId: 2, x: 2, y: 0 }),
    makeInstance(bitmapFromRows(["###", "###"]), { label: 2, instanceId: 3, x: 1, y: 1 }),
  ],
});

describe("semantic exporter", () => {
  it("writes 8-bit gray class indices in labelmap order, the later instance winning, and an index labelmap", async () => {
    const { files, diagnostics } = await exportSamples(semanticExporter, labelmap, [overlapping]);
    const mask = bytesOf(files, "masks/scans/Y1.png");
    expect([readPng(mask).depth, readPng(mask).colorType]).toEqual([8, 0]);
    expect(rowsOfPng(mask)).toEqual(["111000", "122200", "022200", "000000"]);
    expect(textOf(files, "labelmap.txt")).toBe("0: background\n1: tumor\n2: edema\n");
    expect(textOf(files, "splits/default.txt")).toBe("scans/Y1\n");
    expect(diagnostics.map((d) => [d.code, d.instanceId, d.message])).toEqual([
      ["INSTANCES_OVERLAP", 1, 'instance 1 ("tumor") and the later instance 3 ("edema") overlap on 1 px, first at (1, 1): written as "edema"'],
      ["INSTANCES_OVERLAP", 2, 'instance 2 ("tumor") and the later instance 3 ("edema") overlap on 1 px, first at (2, 1): written as "edema"'],
    ]);
  });

  it("reports each instance's lost pixels as fidelity", async () => {
    const fragment = await semanticExporter.encodeSample(overlapping, { instances: false, binary: false, saveImages: true }, { labelmap, report: () => {} });
    expect(fragment.fidelity.map((f) => [f.instanceId, f.lost, f.added])).toEqual([
      [1, 1, 0],
      [2, 1, 0],
      [3, 0, 0],
    ]);
  });

  it("numbers instances 1..K in a 16-bit instance mask, touching tumours apart", async () => {
    const { files } = await exportSamples(semanticExporter, labelmap, [overlapping], { instances: true });
    const png = readPng(bytesOf(files, "instances/scans/Y1.png"));
    expect([png.depth, png.colorType]).toEqual([16, 0]);
    expect(rowsOfPng(bytesOf(files, "instances/scans/Y1.png"))).toEqual(["112000", "133300", "033300", "000000"]);
  });

  it("writes one 0/255 binary mask per non-background label", async () => {
    const { files } = await exportSamples(semanticExporter, labelmap, [overlapping], { binary: true });
    const tumor = readPng(bytesOf(files, "binary/tumor/scans/Y1.png"));
    expect([0, 1, 2, 3, 4].map((x) => tumor.pixel(x, 0)[0])).toEqual([255, 255, 255, 0, 0]);
    const edema = readPng(bytesOf(files, "binary/edema/scans/Y1.png"));
    expect([0, 1, 2, 3, 4].map((x) => edema.pixel(x, 1)[0])).toEqual([0, 255, 255, 255, 0]);
  });

  it("writes 16-bit class indices past 255 labels", async () => {
    const many = makeLabelmap(["background", ...Array.from({ length: 300 }, (_, i) => `l${i}`)]);
    const sample = makeSample({ width: 2, height: 1, instances: [makeInstance(bitmapFromRows(["#"]), { label: 300, x: 1 })] });
    const { files } = await exportSamples(semanticExporter, many, [sample]);
    const png = readPng(bytesOf(files, "masks/sample.png"));
    expect([png.depth, png.pixel(0, 0)[0], png.pixel(1, 0)[0]]).toEqual([16, 0, 300]);
  });

  it("refuses more labels than a 16-bit mask holds, before writing anything", async () => {
    const huge = makeLabelmap(["background", ...Array.from({ length: 65536 }, (_, i) => `l${i}`)]);
    await expect(exportSamples(semanticExporter, huge, [makeSample({ width: 1, height: 1 })])).rejects.toMatchObject({ code: "TOO_MANY_LABELS" });
  });

  it("refuses two labels whose binary folders would be the same", async () => {
    const clash = makeLabelmap(["background", "a/b", "a_b"]);
    await expect(exportSamples(semanticExporter, clash, [makeSample({ width: 1, height: 1 })], { binary: true })).rejects.toMatchObject({ code: "ID_COLLISION" });
  });

  it("copies a raw image to images/<id> with its own extension", async () => {
    const sample = { ...makeSample({ id: "scans/Y1", width: 1, height: 1 }), image: { path: "/data/raw/scans/Y1.jpg", fileName: "scans/Y1.jpg" } };
    const { files } = await exportSamples(semanticExporter, labelmap, [sample]);
    expect(files.get("images/scans/Y1.jpg")).toEqual({ copyFrom: "/data/raw/scans/Y1.jpg" });
    const without = await exportSamples(semanticExporter, labelmap, [sample], { saveImages: false });
    expect(without.files.has("images/scans/Y1.jpg")).toBe(false);
  });
});
