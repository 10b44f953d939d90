import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADDED_COLOR, BACKGROUND_GRAY, colorInstances, contactSheetSize, LOST_COLOR, type Instance } from "@maskport/core";
import { contactCell } from "../src/commands/preview.ts";
import { readPng, runInProcess, writeMaskDataset } from "./in-process.ts";

const SAMPLE = join(import.meta.dirname, "../../../examples/mri-brain-tumor");

// A 40×40 image, drawn at --scale 1 (the caption covers the top 11 rows, the legend the bottom 11).
// Instance 1: two 2×2 blocks, rows 14–15, columns 5–6 and 11–12 (one instance, two parts).
// Instance 2: a 10×10 block, columns 20–29, rows 15–24, with a 1-pixel bump at (25, 14).
function raster(): string[] {
  const rows: string[][] = Array.from({ length: 40 }, () => Array.from({ length: 40 }, () => "0"));
  for (const y of [14, 15]) for (const x of [5, 6, 11, 12]) rows[y]![x] = "1";
  for (let y = 15; y <= 24; y++) for (let x = 20; x <= 29; x++) rows[y]![x] = "2";
  rows[14]![25] = "2";
  return rows.map((row) => row.join(""));
}

// Fill of instance 2: gray 96 under its own colour at opacity 0.45, round(96·0.55 + c·0.45). The
// second tumour of an image is not drawn in the label colour (250, 50, 83) but hue-turned from
// it (colorInstances), so touching tumours are told apart.
const second = colorInstances([{ label: 1, instanceId: 1 }, { label: 1, instanceId: 2 }] as Instance[], () => [250, 50, 83]).get(2)!;
const FILLED = [...second.map((c) => Math.round(96 * 0.55 + c * 0.45)), 255];

describe("contactCell", () => {
  it("keeps 192-px cells up to 12 columns, then shrinks to ~2400 px wide, never under 72", () => {
    // 144 images = 12 columns: 2400/12 − 8 = 192; 169 = 13 columns: floor(2400/13) − 8 = 176; 900 = 30: 72; 10000 = 100: 72.
    expect([1, 3, 144, 169, 900, 10000].map(contactCell)).toEqual([192, 192, 192, 176, 72, 72]);
  });
});

describe("maskport preview", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "maskport-preview-"));
    writeMaskDataset(join(dir, "data"), { a: raster(), b: raster(), c: raster() });
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const png = (...parts: string[]) => readPng(readFileSync(join(dir, ...parts)));

  it("yolo parts=bridge: the bridge between the two parts is drawn as added pixels, the fill in the instance's own colour", async () => {
    const result = await runInProcess(["preview", "data", "--out", "yolo", "--to", "yolo", "--yolo.parts=bridge", "--scale", "1", "--json"], dir);
    expect(result.error).toBeUndefined();
    const summary = JSON.parse(result.stdout);
    // fillPoly fills the zero-width bridge between the parts on one row: columns 7–10, 4 pixels per image.
    expect(summary).toMatchObject({ ok: true, images: 3, lost: 0, added: 12, to: "yolo" });
    const image = png("yolo", "a.png");
    expect([image.width, image.height]).toEqual([40, 40]);
    const bridgeRows = [14, 15].filter((y) => [7, 8, 9, 10].every((x) => image.at(x, y).join() === [...ADDED_COLOR, 255].join()));
    expect(bridgeRows).toHaveLength(1);
    expect(image.at(25, 19)).toEqual(FILLED);
    expect(image.at(35, 20)).toEqual([...BACKGROUND_GRAY, 255]);
    // The legend (bottom-left, black backdrop) appears because pixels differ.
    expect(image.at(1, 35)).toEqual([0, 0, 0, 255]);
  });

  it("yolo parts=separate is exact: no lost or added colour anywhere", async () => {
    const result = await runInProcess(["preview", "data", "--out", "separate", "--to", "yolo", "--yolo.parts=separate", "--scale", "1", "--json"], dir);
    expect(JSON.parse(result.stdout)).toMatchObject({ images: 3, lost: 0, added: 0 });
    const image = png("separate", "a.png");
    for (let y = 0; y < 40; y++) for (let x = 0; x < 40; x++) expect([image.at(x, y).join()]).not.toContain([...ADDED_COLOR, 255].join());
  });

  it("coco polygons simplified at tolerance 2 lose the 1-pixel bump, drawn in the lost colour", async () => {
    const result = await runInProcess(["preview", "data", "--out", "coco", "--to", "coco", "--coco.segmentation=polygon", "--coco.tolerance=2", "--coco.onLossy=report", "--scale", "1", "--json"], dir);
    expect(result.error).toBeUndefined();
    const summary = JSON.parse(result.stdout);
    expect(summary.lost).toBeGreaterThanOrEqual(3);
    expect(png("coco", "b.png").at(25, 14)).toEqual([...LOST_COLOR, 255]);
    expect(summary.diagnostics.some((d: { code: string }) => d.code === "LOSSY_ENCODING")).toBe(true);
  });

  it("writes a contact sheet of every image, and scales small images ×2 by default", async () => {
    const result = await runInProcess(["preview", "data", "--out", "sheet", "--to", "cvat"], dir);
    expect(result.error).toBeUndefined();
    expect(result.stdout).toContain("previewed 3 images from mask as cvat");
    expect(png("sheet", "a.png").width).toBe(80);
    const sheet = png("sheet", "contact-sheet.png");
    const expected = contactSheetSize(3, { cell: 192 });
    // 3 tiles → 2 columns, 2 rows of 192-px cells, 8-px gaps, 18-px captions (font ×2, readable at the sheet's size): 8 + 2·200 = 408 wide, 8 + 2·218 = 444 high.
    expect([sheet.width, sheet.height]).toEqual([408, 444]);
    expect([expected.width, expected.height]).toEqual([408, 444]);
    // Lossless cvat masks: the 10×10 block's centre is fill, at ×2 pixel (50, 39).
    expect(png("sheet", "a.png").at(50, 39)).toEqual(FILLED);
  });

  it("refuses a non-empty --out unless --force, and leaves it untouched", async () => {
    writeFileSync(join(dir, "keep.txt"), "");
    const refused = await runInProcess(["preview", "data", "--out", "sheet"], dir);
    expect(refused.error).toMatchObject({ code: "OUTPUT_EXISTS" });
    expect(existsSync(join(dir, "sheet", "contact-sheet.png"))).toBe(true);
    const forced = await runInProcess(["preview", "data", "--out", "sheet", "--force", "--quiet"], dir);
    expect(forced.error).toBeUndefined();
    expect(existsSync(join(dir, "sheet", "c.png"))).toBe(true);
  });

  // FORMATS.md / the exporters' own claims: these encodings decode to exactly the source pixels,
  // so decoding what each writes (decodeFragment, the format's own decoder) marks nothing on the
  // bundled sample (holes, touching tumours, border cuts, specks).
  it.each([
    ["coco", []],
    ["coco", ["--coco.segmentation=polygon"]],
    ["cvat", []],
    ["cvat", ["--cvat.shapes=polygon", "--cvat.complex=bridge"]],
    ["yolo", []],
    ["yolo", ["--yolo.parts=separate"]],
    ["mask", []],
  ] as const)("%s %j decodes back exactly on the bundled sample", async (format, options) => {
    const out = `exact-${format}-${options.length}`;
    const result = await runInProcess(["preview", join(SAMPLE, "segmentation_mask"), "--images", join(SAMPLE, "images"), "--to", format, ...options, "--out", out, "--json"], dir);
    expect(result.error).toBeUndefined();
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({ images: 12, lost: 0, added: 0 });
    // Really decoded: no "cannot decode what it writes" warning.
    expect(summary.diagnostics.filter((d: { code: string }) => d.code === "INVALID_OPTION")).toEqual([]);
  });

  it("marks exactly the pixels the exporter's own fidelity counts (coco, lossy polygons, per instance)", async () => {
    const args = ["--images", join(SAMPLE, "images"), "--to", "coco", "--coco.segmentation=polygon", "--coco.tolerance=1", "--coco.onLossy=report", "--json"];
    const preview = JSON.parse((await runInProcess(["preview", join(SAMPLE, "segmentation_mask"), ...args, "--out", "lossy-preview"], dir)).stdout);
    const converted = JSON.parse((await runInProcess(["convert", join(SAMPLE, "segmentation_mask"), ...args, "--out", "lossy-convert", "-j", "1"], dir)).stdout);
    expect(converted.targets[0].lost).toBeGreaterThan(0);
    expect([preview.lost, preview.added]).toEqual([converted.targets[0].lost, converted.targets[0].added]);
  });
});
