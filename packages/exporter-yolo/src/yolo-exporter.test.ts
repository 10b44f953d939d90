import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { collectFiles, memoryDataset, resolveOptions, runExport } from "@maskport/core";
import type { Diagnostic, Labelmap, Sample } from "@maskport/core";
import { bitmapFromRows, describeExporter, makeInstance, makeLabelmap, makeSample } from "@maskport/core/testing";
import { components4, decodeLine, difference, instanceFrame, rasterizeLines } from "./__fixtures__/decode.ts";
import { yoloExporter } from "./yolo-exporter.ts";
import type { YoloExportOptions } from "./yolo-exporter.ts";

const labelmap = makeLabelmap(["background", "tumor", "edema"]);
const text = (bytes: Uint8Array | { copyFrom: string } | undefined): string => {
  if (bytes === undefined || !(bytes instanceof Uint8Array)) throw new Error("not a written file");
  return new TextDecoder().decode(bytes);
};

async function exportAll(samples: readonly Sample[], given: Record<string, unknown> = {}, map: Labelmap = labelmap) {
  const diagnostics: Diagnostic[] = [];
  const options = resolveOptions<YoloExportOptions>("yolo", yoloExporter.options, given);
  const files = await collectFiles(runExport(memoryDataset(map, samples), yoloExporter, options, { onDiagnostic: (d) => diagnostics.push(d) }));
  return { files, diagnostics };
}

/** Checks every label line: odd token count ≥ 7, integer class, coordinates in [0, 1]. */
function checkLines(lines: readonly string[], classCount: number): void {
  for (const line of lines) {
    const tokens = line.split(" ");
    expect(tokens.length % 2, line).toBe(1);
    expect(tokens.length, line).toBeGreaterThanOrEqual(7);
    const cls = Number(tokens[0]);
    expect(Number.isInteger(cls) && cls >= 0 && cls < classCount, line).toBe(true);
    for (const token of tokens.slice(1)) {
      const value = Number(token);
      expect(value >= 0 && value <= 1, `${token} in ${line}`).toBe(true);
    }
  }
}

describe("yolo exporter layout", () => {
  const hole = makeInstance(bitmapFromRows(["#####", "#...#", "#..##", "#####"]), { x: 4, y: 6, label: 1, instanceId: 1 });
  const dot = makeInstance(bitmapFromRows(["#"]), { x: 3, y: 7, label: 2, instanceId: 2 });
  const scan: Sample = { ...makeSample({ id: "scans/Y1", subset: "default", width: 10, height: 16, instances: [hole, dot] }), image: { path: "/data/scans/Y1.jpg", fileName: "scans/Y1.jpg" } };
  const empty = makeSample({ id: "scans/N1", subset: "Validation", width: 10, height: 16 });

  it("writes data.yaml, lists, label files (empty for an image without objects) and image copies", async () => {
    const { files, diagnostics } = await exportAll([scan, empty]);
    expect([...files.keys()].sort()).toEqual(["data.yaml", "images/train/scans/Y1.jpg", "labels/train/scans/Y1.txt", "labels/val/scans/N1.txt", "train.txt", "val.txt"]);
    expect(parse(text(files.get("data.yaml")))).toEqual({ path: "", train: "train.txt", val: "val.txt", names: { 0: "tumor", 1: "edema" }, nc: 2 });
    expect(text(files.get("train.txt"))).toBe("./images/train/scans/Y1.jpg\n");
    expect(text(files.get("val.txt"))).toBe("./images/val/scans/N1.png\n");
    expect(files.get("images/train/scans/Y1.jpg")).toEqual({ copyFrom: "/data/scans/Y1.jpg" });
    expect(text(files.get("labels/val/scans/N1.txt"))).toBe("");
    const lines = text(files.get("labels/train/scans/Y1.txt")).split("\n");
    expect(lines.pop()).toBe("");
    expect(lines).toHaveLength(2);
    checkLines(lines, 2);
    // The 1-pixel object at (3, 7) of a 10×16 image, hand-computed: x 0.3×10 = 3.0000001 → 3;
    // y: 0.47×16 = 7.52 → 7 (0.4 and 0.5 give 6 and 8); padded to 3 vertices.
    expect(lines[1]).toBe("1 0.3 0.47 0.3 0.47 0.3 0.47");
    // The ring with a hole decodes to exactly its pixels, in one line.
    expect(difference(instanceFrame(hole, 10, 16), rasterizeLines([lines[0] as string], 10, 16))).toEqual({ lost: 0, added: 0 });
    expect(diagnostics.filter((d) => d.code === "INPUT_NOT_FOUND")).toHaveLength(1); // N1 has no raw image
  });

  it("by default keeps an input without a val subset whole and points val at train.txt, as info naming the flag", async () => {
    const { files, diagnostics } = await exportAll([scan]);
    expect(files.has("val.txt")).toBe(false);
    expect(parse(text(files.get("data.yaml")))).toMatchObject({ train: "train.txt", val: "train.txt" });
    const split = diagnostics.filter((d) => d.code === "EMPTY_SPLIT");
    expect(split).toEqual([expect.objectContaining({ severity: "info", message: expect.stringContaining("--yolo.valRatio=0.2") })]);
    expect(diagnostics.filter((d) => d.severity === "warning" && d.code !== "INPUT_NOT_FOUND")).toEqual([]);
  });

  it("warns, naming --yolo.valRatio, when the asked-for ratio sends no sample to val", async () => {
    const { files, diagnostics } = await exportAll([scan], { valRatio: 1e-9 });
    expect(parse(text(files.get("data.yaml")))).toMatchObject({ val: "train.txt" });
    expect(diagnostics).toContainEqual(expect.objectContaining({ severity: "warning", code: "EMPTY_SPLIT", message: expect.stringContaining("--yolo.valRatio=1e-9") }));
  });

  it("names option errors as the user types the flag", async () => {
    await expect(exportAll([scan], { valRatio: 2 })).rejects.toThrow("--yolo.valRatio must be between 0 and 1, not 2");
  });

  it("splits by a seeded ratio instead of the subsets when valRatio is set", async () => {
    const samples = Array.from({ length: 40 }, (_, i) => makeSample({ id: `s${i}`, width: 12, height: 12 }));
    const a = await exportAll(samples, { valRatio: 0.5, seed: 3 });
    const b = await exportAll([...samples].reverse(), { valRatio: 0.5, seed: 3 });
    const lines = (files: typeof a.files, name: string) => text(files.get(name)).trim().split("\n").sort();
    expect(lines(a.files, "val.txt")).toEqual(lines(b.files, "val.txt"));
    expect(lines(a.files, "val.txt").length).toBeGreaterThan(5);
    expect(lines(a.files, "train.txt").length + lines(a.files, "val.txt").length).toBe(40);
  });

  it("reports instances below minArea and never drops silently", async () => {
    const { files, diagnostics } = await exportAll([scan], { minArea: 2 });
    expect(text(files.get("labels/train/scans/Y1.txt")).trim().split("\n")).toHaveLength(1);
    expect(diagnostics.filter((d) => d.code === "INSTANCE_DROPPED").map((d) => d.instanceId)).toEqual([2]);
  });

  it("writes one line per part with parts=separate, one bridged line by default", async () => {
    const twoParts = makeInstance(bitmapFromRows(["##....", "##....", "......", "....##"]), { x: 1, y: 1, label: 1 });
    const sample = makeSample({ id: "p", width: 12, height: 12, instances: [twoParts] });
    const separate = await exportAll([sample], { parts: "separate" });
    const separateLines = text(separate.files.get("labels/train/p.txt")).trim().split("\n");
    expect(separateLines).toHaveLength(2);
    checkLines(separateLines, 2);
    expect(difference(instanceFrame(twoParts, 12, 12), rasterizeLines(separateLines, 12, 12))).toEqual({ lost: 0, added: 0 });
    const bridged = await exportAll([sample]);
    const bridgedLines = text(bridged.files.get("labels/train/p.txt")).trim().split("\n");
    expect(bridgedLines).toHaveLength(1);
    checkLines(bridgedLines, 2);
  });
});

describe("yolo exporter duplicate rows", () => {
  it("warns when two lines share class and box, which Ultralytics de-duplicates", async () => {
    const a = makeInstance(bitmapFromRows(["#.", ".#"]), { x: 2, y: 2, label: 1, instanceId: 1 });
    const b = makeInstance(bitmapFromRows([".#", "#."]), { x: 2, y: 2, label: 1, instanceId: 2 });
    const c = makeInstance(bitmapFromRows([".#", "#."]), { x: 5, y: 2, label: 2, instanceId: 3 });
    const { diagnostics } = await exportAll([makeSample({ id: "x", width: 12, height: 12, instances: [a, b, c] })]);
    const duplicates = diagnostics.filter((d) => d.code === "LOSSY_ENCODING" && /same class and box/.test(d.message));
    expect(duplicates.map((d) => d.instanceId)).toEqual([2]);
  });
});

describe("yolo exporter simplification", () => {
  it("with a tolerance writes fewer vertices and reports the real difference", async () => {
    const size = 40;
    const data = new Uint8Array(size * size);
    for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) data[y * size + x] = (x - 19.5) ** 2 + (y - 19.5) ** 2 < 17 ** 2 ? 1 : 0;
    const disc = makeInstance({ width: size, height: size, data }, { label: 1 });
    const sample = makeSample({ id: "d", width: size, height: size, instances: [disc] });
    const encode = (tolerance: number) =>
      yoloExporter.encodeSample(sample, resolveOptions<YoloExportOptions>("yolo", yoloExporter.options, { tolerance }), { labelmap, report: () => {} });
    const exact = await encode(0);
    const simple = await encode(1.5);
    expect(simple.lines[0]!.split(" ").length).toBeLessThan(exact.lines[0]!.split(" ").length);
    expect(exact.fidelity[0]).toMatchObject({ lost: 0, added: 0, iou: 1 });
    const real = difference(instanceFrame(disc, size, size), rasterizeLines(simple.lines, size, size));
    expect(real.lost + real.added).toBeGreaterThan(0);
    expect(simple.fidelity[0]).toMatchObject(real);
  });
});

describe("yolo exporter fidelity on random masks", () => {
  const W = 24;
  const H = 20;
  const masks = fc
    .record({ width: fc.integer({ min: 1, max: W }), height: fc.integer({ min: 1, max: H }), seed: fc.integer(), density: fc.double({ min: 0.2, max: 0.8, noNaN: true }) })
    .map(({ width, height, seed, density }) => {
      let state = seed >>> 0;
      const data = new Uint8Array(width * height);
      for (let i = 0; i < data.length; i++) {
        state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
        data[i] = state / 2 ** 32 < density ? 1 : 0;
      }
      return { width, height, data };
    });

  it("single-part instances (holes included) decode to exactly their pixels; lines are well-formed", async () => {
    await fc.assert(
      fc.asyncProperty(masks, fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 }), async (mask, dx, dy) => {
        const width = mask.width + dx;
        const height = mask.height + dy;
        const instances = components4(mask).map((part, i) => makeInstance(part, { x: dx, y: dy, label: 1 + (i % 2), instanceId: i + 1 }));
        const { files } = await exportAll([makeSample({ id: "r", width, height, instances })]);
        const body = text(files.get("labels/train/r.txt"));
        const lines = body === "" ? [] : body.trimEnd().split("\n");
        expect(lines).toHaveLength(instances.length);
        checkLines(lines, 2);
        lines.forEach((line, i) => {
          const instance = instances[i]!;
          expect(decodeLine(line, width, height).classIndex).toBe(instance.label - 1);
          expect(difference(instanceFrame(instance, width, height), rasterizeLines([line], width, height)), line).toEqual({ lost: 0, added: 0 });
        });
      }),
      { numRuns: 150 },
    );
  });

  it("reports, for a multi-part instance, exactly the difference its decoded line has", async () => {
    await fc.assert(
      fc.asyncProperty(masks, fc.constantFrom<"bridge" | "separate">("bridge", "separate"), async (mask, parts) => {
        const instance = makeInstance(mask, { label: 1 });
        if (instance.area === 0) return;
        const { width, height } = mask;
        const sample = makeSample({ id: "m", width, height, instances: [instance] });
        const fragment = await yoloExporter.encodeSample(sample, resolveOptions<YoloExportOptions>("yolo", yoloExporter.options, { parts }), { labelmap, report: () => {} });
        checkLines(fragment.lines, 2);
        const real = difference(instanceFrame(instance, width, height), rasterizeLines(fragment.lines, width, height));
        const reported = fragment.fidelity[0]!;
        expect({ lost: reported.lost, added: reported.added }).toEqual(real);
        const union = instance.area - real.lost + real.added;
        expect(reported.iou).toBeCloseTo((instance.area - real.lost) / union, 12);
        if (parts === "bridge") expect(fragment.lines).toHaveLength(1);
      }),
      { numRuns: 150 },
    );
  });
});

describeExporter(yoloExporter);
describeExporter(yoloExporter, { options: { parts: "separate", valRatio: "0.5" } });
