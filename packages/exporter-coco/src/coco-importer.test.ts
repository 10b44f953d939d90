import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decompressCounts, isMaskportError, readSamples, type Diagnostic, type Instance, type Sample } from "@maskport/core";
import { cocoImporter } from "./coco-importer.ts";
import { exportCoco, GOLDEN_DIR, instanceFromFrame, labelmapOf, sampleOf} from "./__fixtures__/samples.ts";

const scratch = mkdtempSync(join(tmpdir(), "maskport-coco-"));
let folders = 0;

/** Writes an export (or loose files) into a fresh folder and returns its path. */
function materialise(files: ReadonlyMap<string, Uint8Array | { copyFrom: string }> | Record<string, string>): string {
  const root = join(scratch, `case-${++folders}`);
  const entries = files instanceof Map ? [...files] : Object.entries(files);
  for (const [path, contents] of entries) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), contents instanceof Uint8Array || typeof contents === "string" ? contents : readFileSync(contents.copyFrom));
  }
  return root;
}

async function importAll(input: string, images?: string): Promise<{ samples: Sample[]; diagnostics: Diagnostic[]; subsets: readonly string[] }> {
  const diagnostics: Diagnostic[] = [];
  const dataset = await cocoImporter.read(input, {}, { report: (d) => diagnostics.push(d), ...(images === undefined ? {} : { images }) });
  const samples: Sample[] = [];
  for await (const sample of readSamples(dataset)) samples.push(sample);
  return { samples, diagnostics, subsets: dataset.subsets };
}

async function importError(json: unknown, name = "instances_default.json"): Promise<{ code: string; message: string }> {
  const root = materialise({ [`annotations/${name}`]: typeof json === "string" ? json : JSON.stringify(json) });
  try {
    await importAll(root);
  } catch (error) {
    if (isMaskportError(error)) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error("expected an error");
}

const plainInstance = (i: Instance) => ({ label: i.label, bbox: i.bbox, area: i.area, data: [...i.bitmap.data] });

const image = { id: 1, width: 4, height: 3, file_name: "scans/Y1.jpg" };
const categories = [{ id: 1, name: "tumor", supercategory: "" }];

describe("coco importer: round trips", () => {
  it("random masks → COCO RLE (every counts/iscrowd variant) → import → the same pixels", async () => {
    const scene = fc.record({ width: fc.integer({ min: 1, max: 9 }), height: fc.integer({ min: 1, max: 9 }) }).chain(({ width, height }) =>
      fc.record({
        width: fc.constant(width),
        height: fc.constant(height),
        frame: fc.uint8Array({ minLength: width * height, maxLength: width * height, min: 0, max: 3 }),
        variant: fc.constantFrom<Record<string, unknown>>({}, { counts: "uncompressed" }, { cvatCompatible: true }, { iscrowd: "all" }),
      }),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(scene, { minLength: 1, maxLength: 3 }), async (scenes) => {
        const samples = scenes.map(({ width, height, frame }, s) =>
          sampleOf(`s${s}`, width, height, [1, 2, 3].map((v) => instanceFromFrame(frame, width, height, v, v, v)).filter((x) => x !== undefined)),
        );
        const exported = await exportCoco(labelmapOf("a", "b", "c"), samples, scenes[0]!.variant);
        const back = await importAll(materialise(exported.files));
        expect(back.diagnostics).toEqual([]);
        expect(back.samples.map((s) => [s.id, s.width, s.height])).toEqual(samples.map((s) => [s.id, s.width, s.height]));
        back.samples.forEach((sample, i) => expect(sample.instances.map(plainInstance)).toEqual(samples[i]!.instances.map(plainInstance)));
      }),
      { numRuns: 60 },
    );
  });

  it("keeps subsets, file names and raw images", async () => {
    const worked = instanceFromFrame(Uint8Array.from([0, 1, 1, 0, 0, 1, 1, 1, 0, 0, 1, 0]), 4, 3, 1, 1, 1)!;
    const rawFolder = materialise({ "raw/scans/Y1.jpg": "jpeg bytes" });
    const samples: Sample[] = [
      { ...sampleOf("scans/Y1", 4, 3, [worked], "train"), image: { path: join(rawFolder, "raw/scans/Y1.jpg"), fileName: "scans/Y1.jpg" } },
      sampleOf("Y2", 4, 3, [], "val"),
    ];
    const root = materialise((await exportCoco(labelmapOf("tumor"), samples)).files);
    const back = await importAll(root);
    expect(back.subsets).toEqual(["train", "val"]);
    expect(back.samples.map((s) => [s.id, s.subset, s.image?.fileName])).toEqual([
      ["scans/Y1", "train", "scans/Y1.jpg"],
      ["Y2", "val", undefined],
    ]);
    expect(back.samples[0]!.image!.path).toBe(join(root, "images/train/scans/Y1.jpg"));
    const dataset = await cocoImporter.read(root, {}, { report: () => {} });
    expect(dataset.labelmap).toEqual({
      labels: [
        { id: 0, name: "background", color: [0, 0, 0], parts: [], actions: [] },
        { id: 1, name: "tumor", color: [128, 0, 0], parts: [], actions: [] },
      ],
      backgroundId: 0,
      dialect: "cvat",
      categoryIds: true,
    });
  });
});

describe("coco importer: decoding", () => {
  it("decodes pixel-corner polygons as pycocotools does (golden polygons)", async () => {
    const golden = JSON.parse(readFileSync(join(GOLDEN_DIR, "golden.json"), "utf8")) as {
      polygons: { name: string; size: [number, number]; polygons: number[][]; counts: string; area: number }[];
    };
    const usable = golden.polygons.filter((p) => p.polygons.every((part) => part.length >= 6));
    expect(usable.length).toBeGreaterThan(3);
    const json = {
      images: usable.map((p, i) => ({ id: i + 1, width: p.size[1], height: p.size[0], file_name: `${p.name}.png` })),
      annotations: usable.map((p, i) => ({ id: i + 1, image_id: i + 1, category_id: 1, segmentation: p.polygons, area: 0, bbox: [0, 0, 0, 0], iscrowd: 0 })),
      categories,
    };
    const { samples } = await importAll(materialise({ "annotations/instances_default.json": JSON.stringify(json) }));
    usable.forEach((p, i) => {
      const [h, w] = p.size;
      // Expected frame from pycocotools' counts (column-major), built independently here.
      const expected = new Uint8Array(w * h);
      let index = 0;
      decompressCounts(p.counts).forEach((count, k) => {
        for (let j = 0; j < count; j++, index++) if (k % 2 === 1) expected[(index % h) * w + Math.floor(index / h)] = 1;
      });
      const want = instanceFromFrame(expected, w, h, 1, 1, 1);
      const got = samples[i]!.instances[0];
      expect(got && plainInstance(got), p.name).toEqual(want && plainInstance(want));
      expect(got?.area ?? 0).toBe(p.area);
    });
  });

  it("decodes the §2.7 polygon, uncompressed and compressed RLE to the same mask; area and bbox of the input are ignored", async () => {
    const json = {
      licenses: [],
      images: [image],
      annotations: [
        { id: 1, image_id: 1, category_id: 1, iscrowd: 0, area: 18234.62355, bbox: [0, 0, 1, 1], segmentation: [[1, 0, 3, 0, 3, 1, 4, 1, 4, 2, 3, 2, 3, 3, 2, 3, 2, 2, 1, 2]] },
        { id: 2, image_id: 1, category_id: 1, iscrowd: 1, area: 5, segmentation: { size: [3, 4], counts: [3, 2, 1, 3, 1, 1, 1] } },
        { id: 3, image_id: 1, category_id: 1, iscrowd: 0, segmentation: { size: [3, 4], counts: "32110N0" } },
      ],
      categories,
    };
    const { samples } = await importAll(materialise({ "annotations/instances_default.json": JSON.stringify(json) }));
    const expected = { label: 1, bbox: { x: 1, y: 0, width: 3, height: 3 }, area: 6, data: [1, 1, 0, 1, 1, 1, 0, 1, 0] };
    expect(samples[0]!.instances.map(plainInstance)).toEqual([expected, expected, expected]);
    expect(samples[0]!.instances.map((i) => i.instanceId)).toEqual([1, 2, 3]);
    expect(samples[0]!.id).toBe("scans/Y1");
  });

  it("warns about and skips empty masks and parts with fewer than 3 points", async () => {
    const json = {
      images: [image],
      annotations: [
        { id: 7, image_id: 1, category_id: 1, segmentation: { size: [3, 4], counts: [12] } },
        { id: 8, image_id: 1, category_id: 1, segmentation: [] },
        { id: 9, image_id: 1, category_id: 1, segmentation: [[0, 0, 2, 0]] },
      ],
      categories,
    };
    const { samples, diagnostics } = await importAll(materialise({ "a.json": JSON.stringify(json) }).concat("/a.json"));
    expect(samples[0]!.instances).toEqual([]);
    expect(diagnostics.map((d) => [d.code, d.instanceId])).toEqual([
      ["INSTANCE_DROPPED", 1],
      ["INSTANCE_DROPPED", 2],
      ["SHAPE_SKIPPED", 3],
      ["INSTANCE_DROPPED", 3],
    ]);
    expect(diagnostics[0]!.message).toContain("annotation 7 of image 1");
  });
});

describe("coco importer: errors", () => {
  it("bad JSON names file, line and column", async () => {
    const error = await importError('{\n  "images": [],\n  "annotations": [1,,2]\n}');
    expect(error.code).toBe("INVALID_INPUT");
    expect(error.message).toMatch(/instances_default\.json:3: not valid JSON at line 3, column 21 \(offset 38\)/);
  });

  it("unknown category id", async () => {
    const error = await importError({ images: [image], annotations: [{ id: 5, image_id: 1, category_id: 3, segmentation: [[0, 0, 1, 0, 1, 1]] }], categories });
    expect(error.code).toBe("UNKNOWN_VALUE");
    expect(error.message).toContain("annotations[0] (id 5): category_id 3 is not an id in categories (1)");
  });

  it("RLE size disagreeing with the image", async () => {
    const error = await importError({ images: [image], annotations: [{ id: 5, image_id: 1, category_id: 1, segmentation: { size: [4, 3], counts: [12] } }], categories });
    expect(error.code).toBe("SIZE_MISMATCH");
    expect(error.message).toContain("RLE size [4, 3] disagrees with image 1");
  });

  it("counts not summing to h·w, compressed or not", async () => {
    for (const counts of [[3, 2, 1], "321"]) {
      const error = await importError({ images: [image], annotations: [{ id: 5, image_id: 1, category_id: 1, segmentation: { size: [3, 4], counts } }], categories });
      expect(error.code).toBe("INVALID_MASK");
      expect(error.message).toContain("RLE counts sum to 6, but size [3, 4]");
    }
  });

  it("odd polygon coordinate counts, unknown image ids, missing sections", async () => {
    const odd = await importError({ images: [image], annotations: [{ id: 5, image_id: 1, category_id: 1, segmentation: [[0, 0, 1, 0, 1]] }], categories });
    expect(odd).toMatchObject({ code: "INVALID_MASK" });
    expect(odd.message).toContain("odd number of coordinates (5)");
    const orphan = await importError({ images: [image], annotations: [{ id: 5, image_id: 2, category_id: 1, segmentation: [] }], categories });
    expect(orphan.code).toBe("INVALID_INPUT");
    expect(orphan.message).toContain("image_id 2 is not an id in images");
    const missing = await importError({ images: [image], annotations: [] });
    expect(missing.message).toContain('"categories" is missing');
  });
});

describe("coco importer: detect", () => {
  it("recognises files and folders, and nothing else", async () => {
    const root = materialise({
      "annotations/instances_default.json": JSON.stringify({ licenses: [], info: {}, categories, images: [], annotations: [] }),
      "other.json": '{"names": ["a"]}',
      "labelmap.txt": "background:0,0,0::\n",
    });
    expect(await cocoImporter.detect(root)).toBe(true);
    expect(await cocoImporter.detect(join(root, "annotations/instances_default.json"))).toBe(true);
    expect(await cocoImporter.detect(join(root, "other.json"))).toBe(false);
    expect(await cocoImporter.detect(join(root, "labelmap.txt"))).toBe(false);
    expect(await cocoImporter.detect(join(root, "annotations"))).toBe(false);
    expect(await cocoImporter.detect(join(root, "missing"))).toBe(false);
  });
});

