// The cvat importer reading the files a browser user picked (blobFileSource) gives the samples it
// gives on the disk, and its errors name files as the user picked them.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { blobFileSource, isMaskportError, writePng, type Diagnostic, type FileSource, type MaskportError, type Sample } from "@maskport/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cvatImporter } from "./cvat-importer.ts";

const META = `<version>1.1</version><meta><task><subset>default</subset><labels><label><name>tumor</name><color>#fa3253</color><type>mask</type></label><label><name>edema</name><color>#00ff00</color><type>polygon</type></label></labels></task></meta>`;
const annotations = (images: string): string => `<?xml version="1.0" encoding="utf-8"?>\n<annotations>${META}${images}</annotations>\n`;
const IMAGES = [
  `<image id="0" name="scans/Y1.png" width="4" height="3"><mask label="tumor" source="manual" occluded="0" rle="0, 2, 1, 3, 1, 1, 1" left="1" top="0" width="3" height="3" z_order="0"></mask></image>`,
  `<image id="1" name="Y2.jpg" width="4" height="3"><polygon label="edema" points="0,0;3,0;3,2" z_order="0"></polygon></image>`,
].join("");

let folder: string;
beforeAll(async () => void (folder = await mkdtemp(join(tmpdir(), "maskport-cvat-blobs-"))));
afterAll(() => rm(folder, { recursive: true, force: true }));

/** `files` on the disk under `<folder>/<name>`, and as picked at `/data/…`. */
async function both(name: string, files: Record<string, string | Uint8Array>): Promise<{ disk: string; picked: FileSource }> {
  for (const [path, contents] of Object.entries(files)) {
    await mkdir(dirname(join(folder, name, path)), { recursive: true });
    await writeFile(join(folder, name, path), contents);
  }
  return { disk: join(folder, name), picked: blobFileSource(Object.entries(files).map(([path, contents]) => ({ path: `/data/${path}`, blob: new Blob([contents]) }))) };
}

async function readAll(input: string, files?: FileSource): Promise<{ samples: Sample[]; diagnostics: Omit<Diagnostic, "plugin">[] }> {
  const diagnostics: Omit<Diagnostic, "plugin">[] = [];
  expect(await cvatImporter.detect(input, files)).toBe(true);
  const dataset = await cvatImporter.read(input, {}, { report: (d) => void diagnostics.push(d), ...(files === undefined ? {} : { files }) });
  const samples: Sample[] = [];
  for await (const ref of dataset.refs()) samples.push(await dataset.load(ref));
  return { samples, diagnostics };
}

describe("the cvat importer on picked files", () => {
  it("reads annotations.xml and finds the images beside it as from the disk", async () => {
    const { disk, picked } = await both("task", {
      "annotations.xml": annotations(IMAGES),
      "images/scans/Y1.png": writePng({ width: 4, height: 3, channels: 1, data: new Uint8Array(12) }),
    });
    const fromDisk = await readAll(disk);
    const fromBrowser = await readAll("/data", picked);
    const comparable = (sample: Sample): unknown => ({ ...sample, image: sample.image?.fileName });
    expect(fromBrowser.samples.map(comparable)).toEqual(fromDisk.samples.map(comparable));
    expect(fromBrowser.diagnostics).toEqual(fromDisk.diagnostics);
    expect(fromBrowser.samples.map((s) => [s.id, s.instances.length, s.image?.path])).toEqual([
      ["scans/Y1", 1, "/data/images/scans/Y1.png"],
      ["Y2", 1, undefined],
    ]);
    // The XML file itself may be the input too.
    expect((await readAll("/data/annotations.xml", picked)).samples.map(comparable)).toEqual(fromDisk.samples.map(comparable));
  });

  it("names the picked file in an error", async () => {
    const { picked } = await both("bad", { "annotations.xml": annotations(`<image id="0" name="a.png" width="0" height="3"></image>`) });
    const error = await readAll("/data", picked).then(
      () => undefined,
      (thrown: unknown) => (isMaskportError(thrown) ? thrown : undefined),
    );
    expect([error?.code, error?.file]).toEqual(["INVALID_INPUT", "data/annotations.xml"]);
    const missing = (await cvatImporter.read("/nothing", {}, { files: picked, report: () => {} }).catch((thrown: unknown) => thrown)) as MaskportError;
    expect([missing.code, missing.file]).toEqual(["INPUT_NOT_FOUND", "nothing"]);
  });
});
