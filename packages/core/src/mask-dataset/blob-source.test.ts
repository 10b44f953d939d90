// The mask importer reading the files a browser user picked (blobFileSource) gives the samples
// it gives on the disk, and its errors name files as the user picked them.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { isMaskportError } from "../errors.ts";
import { blobFileSource, type PickedFile } from "../files/blob-files.ts";
import type { FileSource } from "../files/file-source.ts";
import { nodeFiles } from "../node/node-files.ts";
import type { Diagnostic } from "../plugin.ts";
import type { Sample } from "../types.ts";
import { maskImporter } from "./mask-importer.ts";

const example = fileURLToPath(new URL("../../../../examples/mri-brain-tumor/", import.meta.url));

/** Every file under `folder`, as a browser's folder picker gives them (`/<folder name>/…`). */
function picked(folder: string, edit: (path: string, bytes: Uint8Array) => Uint8Array = (_, bytes) => bytes): PickedFile[] {
  const files: PickedFile[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else {
        const shown = `/${relative(dirname(folder), path)}`;
        files.push({ path: shown, blob: new Blob([edit(shown, readFileSync(path))]) });
      }
    }
  };
  walk(folder);
  return files;
}

async function readAll(files: FileSource, input: string, images?: string): Promise<{ samples: Sample[]; diagnostics: Omit<Diagnostic, "plugin">[] }> {
  const diagnostics: Omit<Diagnostic, "plugin">[] = [];
  const context = { files, report: (d: Omit<Diagnostic, "plugin">) => diagnostics.push(d), ...(images === undefined ? {} : { images }) };
  expect(await maskImporter.detect(input, files)).toBe(true);
  const dataset = await maskImporter.read(input, { connectivity: 8, grouping: "object" }, context);
  const samples: Sample[] = [];
  for await (const ref of dataset.refs()) samples.push(await dataset.load(ref));
  return { samples, diagnostics };
}

/** A sample without where its image file is (the two sources name it differently). */
const comparable = (sample: Sample): unknown => ({ ...sample, image: sample.image?.fileName });

describe("the mask importer on picked files", () => {
  it("reads the bundled sample (CLASS/OBJECT folders, images) as from the disk", async () => {
    const browser = blobFileSource([...picked(join(example, "segmentation_mask")), ...picked(join(example, "images"))]);
    const fromBrowser = await readAll(browser, "/segmentation_mask", "/images");
    const fromDisk = await readAll(nodeFiles, join(example, "segmentation_mask"), join(example, "images"));
    expect(fromBrowser.samples.length).toBe(12);
    expect(fromBrowser.samples.map(comparable)).toEqual(fromDisk.samples.map(comparable));
    expect(fromBrowser.samples.find((sample) => sample.id === "scans/Y10")?.image).toEqual({ path: "/images/scans/Y10.png", fileName: "scans/Y10.png" });
    // Y9: a ring, a touching pair and a 3-pixel speck (examples/mri-brain-tumor/README.md).
    expect(fromBrowser.samples.find((sample) => sample.id === "Y9")?.instances.length).toBe(4);
  });

  it("reads a CVAT Segmentation mask 1.1 export with its ImageSets list", async () => {
    const browser = blobFileSource(picked(join(example, "segmentation-mask-1.1")));
    const { samples } = await readAll(browser, "segmentation-mask-1.1");
    const fromDisk = await readAll(nodeFiles, join(example, "segmentation-mask-1.1"));
    expect(samples.map(comparable)).toEqual(fromDisk.samples.map(comparable));
  });

  it("names the picked file in its errors: a corrupt PNG, a colour not in labelmap.txt", async () => {
    const corrupt = "/segmentation_mask/brain_tumor_segmentation_mask_CLASS_png_format/Y3.png";
    const broken = blobFileSource(picked(join(example, "segmentation_mask"), (path, bytes) => (path === corrupt ? bytes.slice(0, 60) : bytes)));
    const error = await readAll(broken, "/segmentation_mask").catch((caught: unknown) => caught);
    expect(isMaskportError(error) && [error.code, error.file]).toEqual(["PNG_UNREADABLE", corrupt.slice(1)]);

    const labelmap = "/segmentation_mask/labelmap.txt";
    const unknown = blobFileSource(picked(join(example, "segmentation_mask"), (path, bytes) => (path === labelmap ? new TextEncoder().encode("background:0,0,0::\nTumor:1,2,3::\n") : bytes)));
    const colour = await readAll(unknown, "/segmentation_mask").catch((caught: unknown) => caught);
    expect(isMaskportError(colour) && colour.code).toBe("UNKNOWN_COLOR");
    expect(isMaskportError(colour) && colour.file?.startsWith("segmentation_mask/brain_tumor_segmentation_mask_CLASS_png_format/")).toBe(true);
  });

  it("refuses a folder with no masks, naming it", async () => {
    const empty = blobFileSource([{ path: "/notes/readme.txt", blob: new Blob(["hello"]) }]);
    expect(await maskImporter.detect("notes", empty)).toBe(false);
    const error = await maskImporter.read("notes", { connectivity: 8, grouping: "object" }, { files: empty, report: () => {} }).catch((caught: unknown) => caught);
    expect(isMaskportError(error) && [error.code, error.file]).toEqual(["UNKNOWN_INPUT_FORMAT", "notes"]);
  });
});
