// Issue 21: memory follows what a COCO or SA-1B file really holds, not the image size it
// declares. A polygon is rasterised in its own box, an RLE decoded into its set pixels' box;
// a declared size that is not sane or above the pixel limit is refused when the file is read,
// naming the file and the image. Each case is generated here; each check bounds time (5 s,
// where a few milliseconds are expected) and the growth of this process's peak RSS (200 MB,
// where the frames involved would take 0.9–20 GB).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { readSamples, type Instance } from "@maskport/core";
import { MAX_PIXELS_ENV } from "@maskport/core/node";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { boundedRun, expectBounded, expectRefused } from "../../core/src/node/__fixtures__/bounded-run.ts";
import { cocoImporter } from "./coco-importer.ts";
import { sa1bImporter } from "./sa1b-importer.ts";

const scratch = mkdtempSync(join(tmpdir(), "maskport-coco-bounded-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
afterEach(() => void delete process.env[MAX_PIXELS_ENV]);
let cases = 0;

/** A COCO file with one image of the declared size and one annotation per segmentation. */
function cocoFile(width: unknown, height: unknown, segmentations: readonly unknown[]): string {
  const file = join(scratch, `case-${++cases}`, "instances_default.json");
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(
    file,
    JSON.stringify({
      categories: [{ id: 1, name: "tumor" }],
      images: [{ id: 7, width, height, file_name: "scans/a.png" }],
      annotations: segmentations.map((segmentation, i) => ({ id: i + 1, image_id: 7, category_id: 1, iscrowd: 0, segmentation })),
    }),
  );
  return file;
}

/** Reads the file and loads every sample, measured; the instances of all samples. */
function importMeasured(importer: typeof cocoImporter | typeof sa1bImporter, file: string) {
  return boundedRun(async () => {
    const dataset = await importer.read(file, {}, { report: () => {} });
    const instances: Instance[] = [];
    for await (const sample of readSamples(dataset)) instances.push(...sample.instances);
    return instances;
  });
}

/** The corner square (10,10)–(20,20): 100 pixels for pycocotools. */
const SQUARE = [[10, 10, 20, 10, 20, 20, 10, 20]];

describe("coco importer: declared image sizes", () => {
  it("refuses a 10×10 polygon on an image declared 100000×100000 when the file is read (IMAGE_TOO_LARGE, naming the file and the image)", async () => {
    const file = cocoFile(100_000, 100_000, [SQUARE]);
    const run = await importMeasured(cocoImporter, file);
    expectRefused(run, "IMAGE_TOO_LARGE", file, 'images[0] (id 7, "scans/a.png") declares 100000×100000 pixels', "above the limit of 250 megapixels");
    expect((run.error as { hint?: string }).hint).toContain("--max-pixels 10000000000");
    expectBounded(run);
  });

  it("refuses a polygon covering a declared 30000×30000 image (IMAGE_TOO_LARGE)", async () => {
    const file = cocoFile(30_000, 30_000, [[[0, 0, 30_000, 0, 30_000, 30_000, 0, 30_000]]]);
    const run = await importMeasured(cocoImporter, file);
    expectRefused(run, "IMAGE_TOO_LARGE", file, 'images[0] (id 7, "scans/a.png") declares 30000×30000 pixels (900 megapixels)');
    expectBounded(run);
  });

  it("refuses a width or height of 2³² as INVALID_INPUT naming the image, even with the pixel limit raised", async () => {
    process.env[MAX_PIXELS_ENV] = String(2 ** 53 - 1);
    for (const [width, height, name] of [[2 ** 32, 1, "width"], [1, 2 ** 32, "height"]] as const) {
      const file = cocoFile(width, height, [SQUARE]);
      const run = await importMeasured(cocoImporter, file);
      expectRefused(run, "INVALID_INPUT", file, `images[0] (id 7, "scans/a.png"): ${name} 4294967296 is not a whole number of pixels from 1 to 2³¹`);
      expectBounded(run);
    }
  });

  it("a declared size past a raised limit costs only the instance's box: a polygon and an RLE on 100000² and 30000² images", async () => {
    process.env[MAX_PIXELS_ENV] = "10000000000";
    for (const side of [30_000, 100_000]) {
      // Column 10, rows 10..19, column-major over the whole frame.
      const rle = { size: [side, side], counts: [side * 10 + 10, 10, side * side - side * 10 - 20] };
      const run = await importMeasured(cocoImporter, cocoFile(side, side, [SQUARE, rle]));
      expect(run.error).toBeUndefined();
      expect(run.result?.map(({ bbox, area, bitmap }) => ({ bbox, area, size: bitmap.data.length }))).toEqual([
        { bbox: { x: 10, y: 10, width: 10, height: 10 }, area: 100, size: 100 },
        { bbox: { x: 10, y: 10, width: 1, height: 10 }, area: 10, size: 10 },
      ]);
      expectBounded(run);
    }
  });
});

describe("coco importer: polygons far outside their image", () => {
  it("decodes vertices 10⁸ px outside a 100×100 image in bounded time (the fine-grid walk took 34 s)", async () => {
    const run = await importMeasured(cocoImporter, cocoFile(100, 100, [[[10, 10, 2e8, 10, 2e8, 2e8, 10, 2e8]]]));
    expect(run.error).toBeUndefined();
    expect(run.result?.map(({ bbox, area }) => ({ bbox, area }))).toEqual([{ bbox: { x: 10, y: 10, width: 90, height: 90 }, area: 8100 }]);
    expectBounded(run);
  });

  it("refuses a vertex beyond ±2³¹ as INVALID_MASK naming the file and the annotation", async () => {
    const file = cocoFile(100, 100, [[[10, 10, 1e300, 10, 20, 20]]]);
    const run = await importMeasured(cocoImporter, file);
    expectRefused(run, "INVALID_MASK", file, "annotations[0] (id 1): polygon segmentation[0] has coordinate 1e+300, beyond ±2³¹");
    expectBounded(run);
  });
});

describe("sa1b importer: declared image sizes", () => {
  it("refuses an image declared 100000×100000 when the file is read (IMAGE_TOO_LARGE, naming the file and the image)", async () => {
    const file = join(scratch, `case-${++cases}`, "sa_1.json");
    mkdirSync(dirname(file), { recursive: true });
    const rle = { size: [100_000, 100_000], counts: [1_000_010, 10, 1e10 - 1_000_020] };
    writeFileSync(file, JSON.stringify({ image: { image_id: 1, width: 100_000, height: 100_000, file_name: "sa_1.jpg" }, annotations: [{ id: 1, segmentation: rle }] }));
    const run = await importMeasured(sa1bImporter, file);
    expectRefused(run, "IMAGE_TOO_LARGE", file, "image 1 declares 100000×100000 pixels");
    expectBounded(run);
  });
});
