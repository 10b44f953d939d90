// Issue 21: a YOLO label is decoded into its polygon's box clipped to the image, and an image
// size above the pixel limit is refused before anything is decoded: from the image's header
// (a 100-byte PNG declaring 65535×65535 took 4.27 GB and 5 minutes with one label line) or
// from the width and height options. Each check bounds time (5 s, where milliseconds are
// expected) and the growth of this process's peak RSS (200 MB).
import { deflateSync } from "node:zlib";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readSamples, resolveOptions, type Instance } from "@maskport/core";
import { MAX_PIXELS_ENV } from "@maskport/core/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { boundedRun, expectBounded, expectRefused } from "../../core/src/node/__fixtures__/bounded-run.ts";
import { headerData, pngFromChunks } from "../../core/src/node/__fixtures__/encode-png.ts";
import { writeTree } from "./__fixtures__/write-export.ts";
import { yoloImporter, type YoloImportOptions } from "./yolo-importer.ts";

/** A PNG of a header and a few bytes of image data: 65535×65535 RGB declared. */
const HUGE_PNG = pngFromChunks([
  ["IHDR", headerData(65535, 65535, 8, 2)],
  ["IDAT", deflateSync(new Uint8Array(10))],
  ["IEND", new Uint8Array(0)],
]);
const DATA_YAML = "path: .\ntrain: train.txt\nnames:\n  0: tumor\n";
/** One line covering the whole image. */
const COVERING = "0 0 0 1 0 1 1 0 1\n";

let root: string;
let cases = 0;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "maskport-yolo-bounded-"));
});
afterAll(() => rm(root, { recursive: true, force: true }));
afterEach(() => void delete process.env[MAX_PIXELS_ENV]);

/** A dataset of one listed image `a.png` (written when given) and its label; its folder. */
async function dataset(label: string, image?: Uint8Array, extra: Record<string, Uint8Array> = {}): Promise<string> {
  const dir = join(root, `case-${++cases}`);
  await writeTree(dir, { "data.yaml": DATA_YAML, "train.txt": "./images/train/a.png\n", "labels/train/a.txt": label, ...(image === undefined ? {} : { "images/train/a.png": image }), ...extra });
  return dir;
}

function importMeasured(dir: string, options: Partial<YoloImportOptions> = {}, images?: string) {
  return boundedRun(async () => {
    const read = await yoloImporter.read(dir, resolveOptions("yolo", yoloImporter.options, options), { report: () => {}, ...(images === undefined ? {} : { images }) });
    const instances: Instance[] = [];
    for await (const sample of readSamples(read)) instances.push(...sample.instances);
    return instances;
  });
}

describe("yolo importer: declared image sizes", () => {
  it(`refuses a ${HUGE_PNG.length}-byte PNG declaring 65535×65535 with a label line covering it (IMAGE_TOO_LARGE naming the image)`, async () => {
    const dir = await dataset(COVERING, HUGE_PNG);
    const run = await importMeasured(dir);
    expectRefused(run, "IMAGE_TOO_LARGE", join(dir, "images/train/a.png"), "declares 65535×65535 pixels");
    expectBounded(run);
  });

  it("refuses it found in the --images folder too (not taken for a missing image)", async () => {
    const dir = await dataset(COVERING, undefined, { "raw/a.png": HUGE_PNG });
    const run = await importMeasured(dir, { width: 64, height: 64 }, join(dir, "raw"));
    expectRefused(run, "IMAGE_TOO_LARGE", join(dir, "raw/a.png"), "declares 65535×65535 pixels");
    expectBounded(run);
  });

  it("refuses width and height options above the limit for a missing image (IMAGE_TOO_LARGE naming the label file)", async () => {
    const dir = await dataset(COVERING);
    const run = await importMeasured(dir, { width: 100_000, height: 100_000 });
    expectRefused(run, "IMAGE_TOO_LARGE", join(dir, "labels/train/a.txt"), "the assumed image size (--yolo.width and --yolo.height) declares 100000×100000 pixels");
    expectBounded(run);
  });

  it("with the limit raised, a small polygon on the 65535×65535 image costs only its box", async () => {
    process.env[MAX_PIXELS_ENV] = "5000000000";
    // x 0.1..0.1002 × 65535 = pixels 6553..6566, y likewise.
    const dir = await dataset("0 0.1 0.1 0.1002 0.1 0.1002 0.1002 0.1 0.1002\n", HUGE_PNG);
    const run = await importMeasured(dir);
    expect(run.error).toBeUndefined();
    expect(run.result?.map(({ bbox, area, bitmap }) => ({ bbox, area, size: bitmap.data.length }))).toEqual([{ bbox: { x: 6553, y: 6553, width: 14, height: 14 }, area: 196, size: 196 }]);
    expectBounded(run);
  });
});
