import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isMaskportError, type Instance, type Labelmap, type Sample } from "@maskport/core";
import { bitmapFromRows, makeInstance, makeLabelmap, makeSample } from "@maskport/core/testing";
import { exportSa1b, importSa1b, materialise } from "./__fixtures__/sa1b.ts";
import { instanceFromFrame, labelmapOf } from "./__fixtures__/samples.ts";
import { cocoImporter } from "./coco-importer.ts";
import { sa1bImporter } from "./sa1b-importer.ts";

/** An instance by label name, box and pixels (ids differ after a round trip: SA-1B numbers annotations over the export). */
const byName = (labelmap: Labelmap) => (i: Instance) => ({ label: labelmap.labels.find((l) => l.id === i.label)?.name, bbox: i.bbox, area: i.area, data: [...i.bitmap.data] });

/** Exports samples as SA-1B, writes the files to disk (raw images copied), imports them back and checks every instance pixel for pixel. */
async function roundTrip(labelmap: Labelmap, samples: readonly Sample[], images?: string): Promise<Awaited<ReturnType<typeof importSa1b>>> {
  const exported = await exportSa1b(labelmap, samples);
  const back = await importSa1b(materialise(exported.files), images);
  expect(back.diagnostics).toEqual([]);
  const sorted = [...samples].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  expect(back.samples.map((s) => [s.id, s.subset, s.width, s.height])).toEqual(sorted.map((s) => [s.id, "default", s.width, s.height]));
  back.samples.forEach((sample, i) => {
    const written = sorted[i]!.instances.filter((instance) => instance.area > 0 && instance.label !== labelmap.backgroundId);
    expect(sample.instances.map(byName(back.labelmap)), sample.id).toEqual(written.map(byName(labelmap)));
  });
  return back;
}

async function importError(files: Record<string, string>, input = ""): Promise<{ code: string; message: string }> {
  try {
    await importSa1b(join(materialise(files), input));
  } catch (error) {
    if (isMaskportError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error("expected an error");
}

const image = { image_id: 1, width: 4, height: 3, file_name: "Y1.jpg" };
const worked = { id: 1, segmentation: { size: [3, 4], counts: "32110N0" }, bbox: [1, 0, 3, 3], area: 6, predicted_iou: 1, stability_score: 1, crop_box: [0, 0, 4, 3], point_coords: [[2, 1]] };
const WORKED_PIXELS = { bbox: { x: 1, y: 0, width: 3, height: 3 }, area: 6, data: [1, 1, 0, 1, 1, 1, 0, 1, 0] };

describe("sa1b: exporter → files on disk → importer", () => {
  it("gives back touching and overlapping instances, holes and several parts, sub-folder ids, label names and raw images", async () => {
    const labelmap = makeLabelmap(["background", "tumor", "edema", "necrosis"]);
    const raw = materialise({ "raw/scans/Y10.jpg": "jpeg bytes", "raw/N1.png": "png bytes" });
    const samples: Sample[] = [
      {
        ...makeSample({
          id: "scans/Y10",
          width: 12,
          height: 9,
          instances: [
            makeInstance(bitmapFromRows(["#####", "#...#", "#.#.#", "#...#", "#####"]), { label: 1, instanceId: 1, x: 0, y: 0 }),
            makeInstance(bitmapFromRows(["###", "###", "###"]), { label: 2, instanceId: 2, x: 5, y: 1 }),
            makeInstance(bitmapFromRows(["##....##", "##....##", "........", "...##..."]), { label: 3, instanceId: 3, x: 4, y: 2 }),
            makeInstance(bitmapFromRows(["#########"]), { label: 2, instanceId: 4, x: 3, y: 8 }),
          ],
        }),
        image: { path: join(raw, "raw/scans/Y10.jpg"), fileName: "scans/Y10.jpg" },
      },
      { ...makeSample({ id: "N1", width: 3, height: 2 }), image: { path: join(raw, "raw/N1.png"), fileName: "N1.png" } },
      makeSample({ id: "scans/deep/a b", width: 1, height: 1, instances: [makeInstance(bitmapFromRows(["#"]), { label: 3 })] }),
    ];
    const back = await roundTrip(labelmap, samples);
    expect(back.samples.map((s) => [s.id, s.image?.fileName])).toEqual([
      ["N1", "N1.png"],
      ["scans/Y10", "scans/Y10.jpg"],
      ["scans/deep/a b", undefined],
    ]);
    expect(back.labelmap.labels.map((l) => [l.id, l.name])).toEqual([
      [0, "background"],
      [1, "edema"],
      [2, "necrosis"],
      [3, "tumor"],
    ]);
  });

  it("gives back random overlapping instances pixel for pixel", async () => {
    const scene = fc.record({ width: fc.integer({ min: 1, max: 10 }), height: fc.integer({ min: 1, max: 10 }) }).chain(({ width, height }) =>
      fc.record({
        width: fc.constant(width),
        height: fc.constant(height),
        // Each instance its own frame, so instances overlap wherever two frames share a pixel.
        frames: fc.array(fc.uint8Array({ minLength: width * height, maxLength: width * height, min: 0, max: 1 }), { minLength: 0, maxLength: 4 }),
      }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(scene, { minLength: 1, maxLength: 3 }), async (scenes) => {
        const samples = scenes.map(({ width, height, frames }, s) =>
          makeSample({
            id: `dir${s % 2}/s${s}`,
            width,
            height,
            instances: frames.map((frame, i) => instanceFromFrame(frame, width, height, 1, 1 + (i % 3), i + 1)).filter((x) => x !== undefined),
          }),
        );
        await roundTrip(labelmapOf("a", "b", "c"), samples);
      }),
      { numRuns: 60 },
    );
  });
});

describe("sa1b importer: reading", () => {
  it("decodes compressed and uncompressed counts alike; bbox, area and the other fields are not trusted", async () => {
    const json = { image, annotations: [worked, { ...worked, id: 2, area: 99, bbox: [0, 0, 1, 1], segmentation: { size: [3, 4], counts: [3, 2, 1, 3, 1, 1, 1] } }] };
    const { samples } = await importSa1b(join(materialise({ "Y1.json": JSON.stringify(json) }), "Y1.json"));
    expect(samples.map((s) => s.id)).toEqual(["Y1"]);
    expect(samples[0]!.instances.map((i) => ({ bbox: i.bbox, area: i.area, data: [...i.bitmap.data] }))).toEqual([WORKED_PIXELS, WORKED_PIXELS]);
  });

  it("uses annotation ids when they are unique positive integers (instances sorted by them), else 1..n in file order", async () => {
    const { samples } = await importSa1b(
      materialise({
        "own.json": JSON.stringify({ image, annotations: [{ ...worked, id: 30 }, { ...worked, id: 7 }] }),
        "duplicate.json": JSON.stringify({ image, annotations: [{ ...worked, id: 5 }, { ...worked, id: 5 }, { ...worked, id: 8 }] }),
        "zero.json": JSON.stringify({ image, annotations: [{ ...worked, id: 0 }, { ...worked, id: 3 }] }),
      }),
    );
    expect(samples.map((s) => [s.id, s.instances.map((i) => i.instanceId)])).toEqual([
      ["duplicate", [1, 2, 3]],
      ["own", [7, 30]],
      ["zero", [1, 2]],
    ]);
  });

  it("builds the labelmap from label fields in code-point order, `object` for annotations without one", async () => {
    // U+FF5E sorts before U+1F600 by code point, after it by UTF-16 code unit.
    const labels = ["😀", "tumor", "～", "Zeta", undefined];
    const json = { image, annotations: labels.map((label, i) => ({ ...worked, id: i + 1, label })) };
    const { samples, labelmap } = await importSa1b(materialise({ "b.json": JSON.stringify({ image, annotations: [] }), "a.json": JSON.stringify(json) }));
    expect(labelmap).toEqual({
      labels: [
        { id: 0, name: "background", color: [0, 0, 0], parts: [], actions: [] },
        { id: 1, name: "Zeta", color: [128, 0, 0], parts: [], actions: [] },
        { id: 2, name: "object", color: [0, 128, 0], parts: [], actions: [] },
        { id: 3, name: "tumor", color: [128, 128, 0], parts: [], actions: [] },
        { id: 4, name: "～", color: [0, 0, 128], parts: [], actions: [] },
        { id: 5, name: "😀", color: [128, 0, 128], parts: [], actions: [] },
      ],
      backgroundId: 0,
      dialect: "cvat",
    });
    expect(samples[0]!.instances.map((i) => i.label)).toEqual([5, 3, 4, 1, 2]);
  });

  it("finds the raw image beside the JSON first, else in --images by sample id", async () => {
    const root = materialise({
      "scans/Y1.json": JSON.stringify({ image, annotations: [] }),
      "scans/Y1.jpg": "beside",
      "scans/Y2.json": JSON.stringify({ image: { ...image, file_name: "Y2.jpg" }, annotations: [] }),
      "images/scans/Y2.png": "elsewhere",
      "images/scans/Y1.png": "not used: one is beside",
    });
    const { samples } = await importSa1b(join(root, "scans"), join(root, "images"));
    expect(samples.map((s) => [s.id, s.image])).toEqual([
      ["Y1", { path: join(root, "scans/Y1.jpg"), fileName: "Y1.jpg" }],
      ["Y2", { path: join(root, "images/scans/Y2.png"), fileName: "scans/Y2.png" }],
    ]);
  });

  it("warns about and skips annotations without pixels", async () => {
    const { samples, diagnostics } = await importSa1b(materialise({ "a.json": JSON.stringify({ image, annotations: [{ ...worked, id: 4, segmentation: { size: [3, 4], counts: [12] } }, worked] }) }));
    expect(samples[0]!.instances.map((i) => i.instanceId)).toEqual([1]);
    expect(diagnostics.map((d) => [d.code, d.sampleId, d.instanceId])).toEqual([["INSTANCE_DROPPED", "a", 4]]);
  });

  it("loads refs in a dataset opened for loading only (as a worker thread does), with the same labelmap", async () => {
    const root = materialise({ "x/a.json": JSON.stringify({ image, annotations: [{ ...worked, label: "tumor" }] }), "b.json": JSON.stringify({ image, annotations: [worked] }) });
    const main = await sa1bImporter.read(root, {}, { report: () => {} });
    const worker = await sa1bImporter.read(root, {}, { report: () => {}, purpose: "load" });
    expect(worker.labelmap).toEqual(main.labelmap);
    for await (const ref of main.refs()) expect(await worker.load(structuredClone(ref))).toEqual(await main.load(ref));
  });
});

describe("sa1b importer: errors name the file and the annotation", () => {
  it("RLE size other than the image's [height, width]", async () => {
    const error = await importError({ "scans/Y1.json": JSON.stringify({ image, annotations: [{ ...worked, id: 17, segmentation: { size: [4, 3], counts: "32110N0" } }] }) });
    expect(error.code).toBe("SIZE_MISMATCH");
    expect(error.message).toMatch(/scans\/Y1\.json: annotations\[0\] \(id 17\): RLE size \[4, 3\] disagrees with image 1 \("Y1\.jpg"\), which is 4×3/);
  });

  it("polygon segmentations", async () => {
    const error = await importError({ "a.json": JSON.stringify({ image, annotations: [{ ...worked, id: 3, segmentation: [[1, 0, 3, 0, 3, 3]] }] }) });
    expect(error.code).toBe("INVALID_INPUT");
    expect(error.message).toMatch(/a\.json: annotations\[0\] \(id 3\): segmentation is a polygon list/);
  });

  it("counts that do not sum to h·w, compressed or not", async () => {
    for (const counts of [[3, 2, 1], "321"]) {
      const error = await importError({ "a.json": JSON.stringify({ image, annotations: [{ ...worked, id: 9, segmentation: { size: [3, 4], counts } }] }) });
      expect(error.code).toBe("INVALID_MASK");
      expect(error.message).toMatch(/a\.json: annotations\[0\] \(id 9\): RLE counts sum to 6, but size \[3, 4\]/);
    }
  });

  it("malformed JSON, with line and column; other JSON; bad image records and labels", async () => {
    const bad = await importError({ "a.json": '{"image": {},\n "annotations": [,]}' });
    expect(bad.code).toBe("INVALID_INPUT");
    expect(bad.message).toMatch(/a\.json:2: not valid JSON at line 2, column 18/);
    const coco = await importError({ "a.json": JSON.stringify({ images: [], annotations: [], categories: [] }) });
    expect(coco.message).toContain('an SA-1B file is a JSON object with an "image" object and an "annotations" list');
    const size = await importError({ "a.json": JSON.stringify({ image: { ...image, width: 0 }, annotations: [] }) });
    expect(size.message).toContain("width 0 and height 3 must be positive integers");
    const label = await importError({ "a.json": JSON.stringify({ image, annotations: [{ ...worked, label: 3 }] }) });
    expect(label.message).toContain("annotations[0] (id 1): label 3 is not a non-empty string");
  });

  it("a folder without JSON files, a file that is not .json, a missing path", async () => {
    expect((await importError({ "notes.txt": "x" })).code).toBe("INVALID_INPUT");
    expect((await importError({ "notes.txt": "x" }, "notes.txt")).code).toBe("INVALID_INPUT");
    expect((await importError({ "notes.txt": "x" }, "missing")).code).toBe("INPUT_NOT_FOUND");
  });
});

describe("sa1b and coco importers: detect", () => {
  const cocoJson = JSON.stringify({ licenses: [], info: {}, categories: [{ id: 1, name: "tumor", supercategory: "" }], images: [], annotations: [] });
  const sa1bJson = JSON.stringify({ image, annotations: [worked] });

  it("never both claim one input", async () => {
    const root = materialise({
      "sa1b/scans/Y1.json": sa1bJson,
      "sa1b/labelmap.txt": "background:0,0,0::\n",
      "coco/annotations/instances_default.json": cocoJson,
      "coco.json": cocoJson,
      "sa1b.json": sa1bJson,
      // COCO keys first, then an image record: still COCO.
      "mixed.json": JSON.stringify({ images: [], image, annotations: [] }),
      "other.json": '{"names": ["a"]}',
      "list.json": "[]",
      "notes.txt": "not a dataset",
    });
    const answers: [string, boolean, boolean][] = [];
    for (const input of ["sa1b", "sa1b/scans/Y1.json", "sa1b.json", "coco", "coco/annotations/instances_default.json", "coco.json", "mixed.json", "other.json", "list.json", "notes.txt", "missing"]) {
      answers.push([input, await sa1bImporter.detect(join(root, input)), await cocoImporter.detect(join(root, input))]);
    }
    expect(answers).toEqual([
      ["sa1b", true, false],
      ["sa1b/scans/Y1.json", true, false],
      ["sa1b.json", true, false],
      ["coco", false, true],
      ["coco/annotations/instances_default.json", false, true],
      ["coco.json", false, true],
      ["mixed.json", false, true],
      ["other.json", false, false],
      ["list.json", false, false],
      ["notes.txt", false, false],
      ["missing", false, false],
    ]);
  });

  it("judges files over 1 MiB, and malformed ones, by the keys of their head", async () => {
    const big = { image, annotations: Array.from({ length: 20_000 }, (_, i) => ({ ...worked, id: i + 1 })) };
    const root = materialise({
      "big.json": JSON.stringify(big),
      "broken-sa1b.json": '{"image": {"image_id": 1}, "annotations": [,]}',
      "broken-coco.json": '{"images": [], "annotations": [,], "categories": []}',
    });
    for (const [file, sa1b] of [["big.json", true], ["broken-sa1b.json", true], ["broken-coco.json", false]] as const) {
      expect([file, await sa1bImporter.detect(join(root, file)), await cocoImporter.detect(join(root, file))]).toEqual([file, sa1b, !sa1b]);
    }
    expect(JSON.stringify(big).length).toBeGreaterThan(1 << 20);
  });
});
