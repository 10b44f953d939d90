import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isMaskportError, type MaskportError } from "../errors.ts";
import { parseLabelmap } from "../model/labelmap.ts";
import { vocColor } from "../model/voc-palette.ts";
import type { Diagnostic } from "../plugin.ts";
import type { Sample } from "../types.ts";
import { encodePng, headerData, pngFromChunks } from "./__fixtures__/encode-png.ts";
import { detectMaskLayout } from "./detect-layout.ts";
import { maskImporter } from "./mask-importer.ts";
import { readMaskDataset } from "./read-dataset.ts";

// The mask importer on real-export layouts and on files that used to be read wrongly in silence.

let root: string;
let count = 0;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "maskport-layouts-"));
});
afterAll(() => rm(root, { recursive: true, force: true }));

async function put(file: string, contents: string | Uint8Array): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, contents);
}

async function folder(): Promise<string> {
  const dir = join(root, `d${++count}`);
  await mkdir(dir, { recursive: true });
  return dir;
}

/** An 8-bit RGB mask, 3×2: `colors` row-major. */
const rgbMask = (colors: readonly (readonly number[])[]): Uint8Array => encodePng({ width: 3, height: 2, colorType: 2, bitDepth: 8, samples: colors.flat() });

const BLACK = [0, 0, 0];
const TUMOR = [250, 50, 83];
// Two objects: VOC 1 on the left two columns, VOC 2 on the right one.
const CLASS = rgbMask([TUMOR, TUMOR, TUMOR, BLACK, TUMOR, TUMOR]);
const OBJECT = rgbMask([vocColor(1), vocColor(1), vocColor(2), BLACK, vocColor(1), vocColor(2)]);
const CVAT_LABELMAP = "# label:color_rgb:parts:actions\nTumor:250,50,83::\nbackground:0,0,0::\n";

async function readAll(input: string, images?: string): Promise<{ samples: Sample[]; diagnostics: Omit<Diagnostic, "plugin">[] }> {
  const diagnostics: Omit<Diagnostic, "plugin">[] = [];
  const dataset = await readMaskDataset(input, { report: (d) => diagnostics.push(d), ...(images === undefined ? {} : { images }) });
  const samples: Sample[] = [];
  for await (const ref of dataset.refs()) samples.push(await dataset.load(ref));
  return { samples, diagnostics };
}

async function rejection(run: () => Promise<unknown>): Promise<MaskportError> {
  try {
    await run();
  } catch (error) {
    if (isMaskportError(error)) return error;
    throw error;
  }
  throw new Error("expected a MaskportError");
}

const instances = (sample: Sample | undefined) => sample?.instances.map((i) => [i.instanceId, i.label, i.area]);

describe("real-export layouts", () => {
  it("reads a Segmentation mask export without labelmap.txt with the 21 Pascal VOC labels, and says so", async () => {
    const dir = await folder();
    // aeroplane (VOC 1) and person (VOC 15).
    await put(join(dir, "SegmentationClass/a.png"), rgbMask([vocColor(1), vocColor(1), BLACK, BLACK, vocColor(15), vocColor(15)]));
    await put(join(dir, "ImageSets/Segmentation/train.txt"), "a\n");
    const { samples, diagnostics } = await readAll(dir);
    expect(diagnostics.map((d) => [d.severity, d.code, d.message])).toEqual([
      ["info", "LABELMAP_MISSING", "no labelmap.txt: using the 21 Pascal VOC classes and colours (background, aeroplane, …, tvmonitor), as CVAT does"],
    ]);
    expect(instances(samples[0])).toEqual([
      [1, 1, 2],
      [2, 15, 2],
    ]);
    const { labelmap } = await readMaskDataset(dir);
    expect(labelmap.labels.map((label) => label.name).join(" ")).toBe(
      "background aeroplane bicycle bird boat bottle bus car cat chair cow diningtable dog horse motorbike person pottedplant sheep sofa train tvmonitor",
    );
    expect([labelmap.backgroundId, labelmap.labels[20]?.color]).toEqual([0, vocColor(20)]);
    // The CLASS/OBJECT layout has no such convention: there the labelmap is still required.
    const published = await folder();
    await put(join(published, "x_CLASS_png/a.png"), CLASS);
    expect((await rejection(() => readMaskDataset(published))).code).toBe("LABELMAP_MISSING");
  });

  it("finds an export nested below a repository root that holds labelmap.txt, instead of reading its object masks as class masks", async () => {
    const dir = await folder();
    await put(join(dir, "labelmap.txt"), CVAT_LABELMAP);
    await put(join(dir, "README.md"), "# cheetahs\n");
    await put(join(dir, "data/cheetah/SegmentationClass/c1.png"), CLASS);
    await put(join(dir, "data/cheetah/SegmentationObject/c1.png"), OBJECT);
    const layout = await detectMaskLayout(dir);
    expect([layout.kind, layout.root, layout.labelmapFile, layout.objectDir]).toEqual([
      "segmentation-mask-1.1",
      join(dir, "data/cheetah"),
      join(dir, "labelmap.txt"),
      join(dir, "data/cheetah/SegmentationObject"),
    ]);
    const { samples } = await readAll(dir);
    expect(samples.map((s) => s.id)).toEqual(["c1"]);
    expect(instances(samples[0])).toEqual([
      [1, 0, 3],
      [2, 0, 2],
    ]);
    // Two exports below: which one is meant is the user's call; the error names both.
    await put(join(dir, "data/fox/SegmentationClass/f1.png"), CLASS);
    const several = await rejection(() => readMaskDataset(dir));
    expect(several.code).toBe("UNKNOWN_INPUT_FORMAT");
    expect(several.message).toContain("several mask datasets below this folder (data/cheetah, data/fox): name one of them");
    expect(await maskImporter.detect(dir)).toBe(true); // a labelmap.txt is there: ours, and read() says what is wrong
  });

  it("claims an OBJECT folder without CLASS folder when a labelmap is there, so the specific error comes without --from", async () => {
    const dir = await folder();
    await put(join(dir, "labelmap.txt"), CVAT_LABELMAP);
    await put(join(dir, "Y_OBJECT_png/Y1.png"), OBJECT);
    expect(await maskImporter.detect(dir)).toBe(true);
    const error = await rejection(() => maskImporter.read(dir, { connectivity: 8, grouping: "object" }, { report: () => {} }));
    expect(error.code).toBe("OBJECT_WITHOUT_CLASS");
    // Without a labelmap nothing says these are masks.
    const bare = await folder();
    await put(join(bare, "Y_OBJECT_png/Y1.png"), OBJECT);
    expect(await maskImporter.detect(bare)).toBe(false);
  });
});

describe("files that used to be read wrongly, or dropped, in silence", () => {
  it("refuses a palette mask whose colours are no label colours (UNKNOWN_COLOR naming the file) instead of reading indices as ids", async () => {
    const dir = await folder();
    await put(join(dir, "labelmap.txt"), CVAT_LABELMAP);
    // Index 0 is a gray background colour no label has; read by index it became Tumor (id 0).
    const palette = encodePng({ width: 3, height: 2, colorType: 3, bitDepth: 8, samples: [0, 0, 1, 0, 0, 1], palette: [[40, 40, 40], [250, 50, 83]] });
    await put(join(dir, "CLASS/p.png"), palette);
    const error = await rejection(() => readAll(dir));
    expect(error.code).toBe("UNKNOWN_COLOR");
    expect(error.message).toMatch(/CLASS\/p\.png, pixel \(x=0, y=0\): colour \(40,40,40\) of palette index 0 is not a label colour in the labelmap \(4 pixels\)/);
  });

  it("follows a symlinked mask file, and warns about a broken link", async () => {
    const dir = await folder();
    await put(join(dir, "labelmap.txt"), CVAT_LABELMAP);
    await put(join(root, "elsewhere", "real.png"), CLASS);
    await mkdir(join(dir, "CLASS"));
    await symlink(join(root, "elsewhere", "real.png"), join(dir, "CLASS/linked.png"));
    await symlink(join(root, "elsewhere", "gone.png"), join(dir, "CLASS/broken.png"));
    const { samples, diagnostics } = await readAll(dir);
    expect(samples.map((s) => [s.id, s.instances.length])).toEqual([["linked", 1]]);
    expect(diagnostics.map((d) => [d.code, d.file?.endsWith("CLASS/broken.png"), d.message])).toEqual([["INVALID_INPUT", true, "skipped: a broken symbolic link"]]);
  });

  it("does not attach a raw image that is not an image (so no exporter copies it), with a warning naming it", async () => {
    const dir = await folder();
    await put(join(dir, "labelmap.txt"), CVAT_LABELMAP);
    await put(join(dir, "CLASS/a.png"), CLASS);
    await put(join(dir, "CLASS/b.png"), CLASS);
    await put(join(dir, "raw/a.jpg"), "<html>403 Forbidden</html>");
    await put(join(dir, "raw/b.png"), CLASS);
    const { samples, diagnostics } = await readAll(dir, join(dir, "raw"));
    expect(samples.map((s) => [s.id, s.image?.fileName])).toEqual([
      ["a", undefined],
      ["b", "b.png"],
    ]);
    expect(diagnostics.map((d) => [d.severity, d.code, d.sampleId, d.file?.endsWith("raw/a.jpg")])).toEqual([["warning", "IMAGE_UNREADABLE", "a", true]]);
    expect(diagnostics[0]?.message).toMatch(/raw\/a\.jpg is not an image \(no PNG, JPEG, GIF, BMP, TIFF or WebP header\): not attached to the sample, so not copied$/);
  });

  it("refuses an empty sample sized by a raw image whose header claims too many pixels (IMAGE_TOO_LARGE)", async () => {
    const dir = await folder();
    await put(join(dir, "labelmap.txt"), CVAT_LABELMAP);
    await put(join(dir, "ImageSets/Segmentation/default.txt"), "big\n");
    await put(join(dir, "SegmentationClass/.keep"), "");
    await put(join(dir, "JPEGImages/big.png"), pngFromChunks([["IHDR", headerData(60000, 60000, 8, 2)], ["IEND", new Uint8Array(0)]]));
    const error = await rejection(() => readAll(dir));
    expect(error.code).toBe("IMAGE_TOO_LARGE");
    expect(error.message).toMatch(/JPEGImages\/big\.png: declares 60000×60000 pixels \(3600 megapixels\), above the limit of 250 megapixels$/);
  });

  it("names a UTF-16 labelmap as such, not as a bad colour", async () => {
    const dir = await folder();
    const text = `\uFEFF${CVAT_LABELMAP}`;
    const utf16 = new Uint8Array(text.length * 2);
    for (let i = 0; i < text.length; i++) new DataView(utf16.buffer).setUint16(2 * i, text.charCodeAt(i), true);
    await put(join(dir, "labelmap.txt"), utf16);
    await put(join(dir, "CLASS/a.png"), CLASS);
    const error = await rejection(() => readMaskDataset(dir));
    expect(error.code).toBe("LABELMAP_MALFORMED");
    expect(error.message).toMatch(/labelmap\.txt: the labelmap is UTF-16 text \(a NUL byte beside every character\), not UTF-8$/);
    expect(error.hint).toContain("UTF-8");
  });
});

describe("parseLabelmap on text that is not UTF-8", () => {
  it("names UTF-16 (read as UTF-8: a NUL beside every character) and binary data, instead of a bad colour", () => {
    const asUtf8 = (bytes: Uint8Array): string => new TextDecoder().decode(bytes);
    const utf16be = Uint8Array.from([...new TextEncoder().encode("cat:1,2,3::\n")].flatMap((byte) => [0, byte]));
    expect(() => parseLabelmap(asUtf8(utf16be), "lm.txt")).toThrow(expect.objectContaining({ code: "LABELMAP_MALFORMED", message: expect.stringContaining("lm.txt: the labelmap is UTF-16 text") }));
    expect(() => parseLabelmap("cat:1,2,3::\n\u0000\u0001PK", "lm.txt")).toThrow(expect.objectContaining({ code: "LABELMAP_MALFORMED", message: "lm.txt: the labelmap holds NUL bytes: it is not a text file" }));
  });
});
