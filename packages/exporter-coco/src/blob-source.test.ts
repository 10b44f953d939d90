// The coco and sa1b importers reading files a browser user picked (blobFileSource) give the
// samples they give on the disk, and their errors name the picked files as the user picked them.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { blobFileSource, imageSizeOf, isMaskportError, readSamples, type Diagnostic, type FileSource, type Importer, type Labelmap, type Sample } from "@maskport/core";
import { bitmapFromRows, makeInstance, makeLabelmap, makeSample } from "@maskport/core/testing";
import { exportSa1b } from "./__fixtures__/sa1b.ts";
import { exportCoco } from "./__fixtures__/samples.ts";
import { cocoImporter } from "./coco-importer.ts";
import { sa1bImporter } from "./sa1b-importer.ts";

const EXAMPLE_IMAGES = fileURLToPath(new URL("../../../examples/mri-brain-tumor/images/", import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), "maskport-coco-blob-"));
let folders = 0;

type Files = ReadonlyMap<string, Uint8Array | { copyFrom: string }>;
const bytesOf = (contents: Uint8Array | { copyFrom: string }): Uint8Array => (contents instanceof Uint8Array ? contents : readFileSync(contents.copyFrom));

/** The files on disk, in a fresh folder (returned). */
function onDisk(files: Files): string {
  const root = join(scratch, `case-${++folders}`);
  for (const [path, contents] of files) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), bytesOf(contents));
  }
  return root;
}

/** The files as a browser's folder picker gives them, under `/<top>/`; `edit` may change one's bytes. */
function picked(top: string, files: Files, edit: (path: string, bytes: Uint8Array) => Uint8Array = (_, bytes) => bytes): FileSource {
  return blobFileSource([...files].map(([path, contents]) => ({ path: `/${top}/${path}`, blob: new Blob([edit(path, bytesOf(contents))]) })));
}

async function readAll(importer: Importer, input: string, files?: FileSource, images?: string): Promise<{ samples: Sample[]; diagnostics: Omit<Diagnostic, "plugin">[]; labelmap: Labelmap; subsets: readonly string[] }> {
  const diagnostics: Omit<Diagnostic, "plugin">[] = [];
  expect(await importer.detect(input, files)).toBe(true);
  const dataset = await importer.read(input, {}, { report: (d) => diagnostics.push(d), ...(files === undefined ? {} : { files }), ...(images === undefined ? {} : { images }) });
  const samples: Sample[] = [];
  for await (const sample of readSamples(dataset)) samples.push(sample);
  return { samples, diagnostics, labelmap: dataset.labelmap, subsets: dataset.subsets };
}

/** A sample without where its image file is (the two sources name it differently). */
const comparable = (sample: Sample): unknown => ({ ...sample, image: sample.image?.fileName });

async function caught(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => undefined,
    (error: unknown) => error,
  );
}

/** Two samples with raw images from the bundled example (sizes from their headers), one in a sub-folder. */
function exampleSamples(): { labelmap: Labelmap; samples: Sample[] } {
  const labelmap = makeLabelmap(["background", "tumor", "edema"]);
  const withImage = (id: string, subset: string, file: string): Sample => {
    const path = join(EXAMPLE_IMAGES, file);
    const size = imageSizeOf(readFileSync(path));
    if (size === undefined) throw new Error(`no size for ${path}`);
    return {
      ...makeSample({
        id,
        width: size.width,
        height: size.height,
        instances: [
          makeInstance(bitmapFromRows(["#####", "#...#", "#.#.#", "#...#", "#####"]), { label: 1, instanceId: 1, x: 2, y: 3 }),
          makeInstance(bitmapFromRows(["##.", "###"]), { label: 2, instanceId: 2, x: 10, y: 1 }),
        ],
      }),
      subset,
      image: { path, fileName: file },
    };
  };
  return { labelmap, samples: [withImage("Y1", "train", "Y1.png"), withImage("scans/Y10", "train", "scans/Y10.png"), withImage("N1", "val", "N1.png")] };
}

describe("the coco importer on picked files", () => {
  it("reads a CVAT COCO 1.0 folder (two subsets, raw images) as from the disk", async () => {
    const { labelmap, samples } = exampleSamples();
    const exported = await exportCoco(labelmap, samples, {}, ["train", "val"]);
    const browser = picked("data", exported.files);
    expect(await sa1bImporter.detect("/data", browser)).toBe(false);
    const fromBrowser = await readAll(cocoImporter, "/data", browser);
    const fromDisk = await readAll(cocoImporter, onDisk(exported.files));
    expect(fromBrowser.samples.map((sample) => [sample.id, sample.instances.length])).toEqual([["Y1", 2], ["scans/Y10", 2], ["N1", 2]]);
    expect(fromBrowser.samples.map(comparable)).toEqual(fromDisk.samples.map(comparable));
    expect(fromBrowser.labelmap).toEqual(fromDisk.labelmap);
    expect(fromBrowser.subsets).toEqual(["train", "val"]);
    expect([fromBrowser.diagnostics, fromDisk.diagnostics]).toEqual([[], []]);
    expect(fromBrowser.samples[1]?.image).toEqual({ path: "/data/images/train/scans/Y10.png", fileName: "scans/Y10.png" });
    // One annotation file picked alone (named without the leading /): the same samples of its subset.
    const single = await readAll(cocoImporter, "data/annotations/instances_val.json", browser);
    expect(single.samples.map(comparable)).toEqual(fromDisk.samples.filter((sample) => sample.subset === "val").map(comparable));
  });

  it("names the picked file in its errors: a corrupt annotation file, a missing input", async () => {
    const { labelmap, samples } = exampleSamples();
    const exported = await exportCoco(labelmap, samples, {}, ["train", "val"]);
    const corrupt = picked("data", exported.files, (path, bytes) => (path === "annotations/instances_val.json" ? bytes.slice(0, 40) : bytes));
    const error = await caught(readAll(cocoImporter, "/data", corrupt));
    expect(isMaskportError(error) && [error.code, error.file]).toEqual(["INVALID_INPUT", "data/annotations/instances_val.json"]);

    expect(await cocoImporter.detect("/nothing", corrupt)).toBe(false);
    const missing = await caught(cocoImporter.read("/nothing/instances_x.json", {}, { files: corrupt, report: () => {} }));
    expect(isMaskportError(missing) && [missing.code, missing.file, missing.message]).toEqual(["INPUT_NOT_FOUND", "nothing/instances_x.json", "nothing/instances_x.json: cannot read nothing/instances_x.json"]);
  });
});

describe("the sa1b importer on picked files", () => {
  it("reads a folder of SA-1B files (images beside them, one from --images) as from the disk", async () => {
    const { labelmap, samples } = exampleSamples();
    const exported = await exportSa1b(labelmap, samples);
    // N1's image is not beside its JSON: it is found in the images folder.
    const files = new Map([...exported.files].filter(([path]) => path !== "N1.png"));
    const raw = new Map([["N1.png", { copyFrom: join(EXAMPLE_IMAGES, "N1.png") }]]);
    const browser = blobFileSource([...[...files].map(([path, contents]) => ({ path: `/sa/${path}`, blob: new Blob([bytesOf(contents)]) })), { path: "/raw/N1.png", blob: new Blob([bytesOf({ copyFrom: join(EXAMPLE_IMAGES, "N1.png") })]) }]);
    expect(await cocoImporter.detect("/sa", browser)).toBe(false);
    const fromBrowser = await readAll(sa1bImporter, "/sa", browser, "/raw");
    const fromDisk = await readAll(sa1bImporter, onDisk(files), undefined, onDisk(raw));
    expect(fromBrowser.samples.map((sample) => [sample.id, sample.instances.length])).toEqual([["N1", 2], ["Y1", 2], ["scans/Y10", 2]]);
    expect(fromBrowser.samples.map(comparable)).toEqual(fromDisk.samples.map(comparable));
    expect(fromBrowser.labelmap).toEqual(fromDisk.labelmap);
    expect([fromBrowser.diagnostics, fromDisk.diagnostics]).toEqual([[], []]);
    expect(fromBrowser.samples.map((sample) => sample.image?.path)).toEqual(["/raw/N1.png", "/sa/Y1.png", "/sa/scans/Y10.png"]);
  });

  it("names the picked file in its errors: a corrupt SA-1B file", async () => {
    const { labelmap, samples } = exampleSamples();
    const exported = await exportSa1b(labelmap, samples);
    const corrupt = picked("sa", exported.files, (path, bytes) => (path === "scans/Y10.json" ? bytes.slice(0, 30) : bytes));
    const error = await caught(readAll(sa1bImporter, "/sa", corrupt));
    expect(isMaskportError(error) && [error.code, error.file]).toEqual(["INVALID_INPUT", "sa/scans/Y10.json"]);
  });
});
