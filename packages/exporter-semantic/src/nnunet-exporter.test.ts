import { mkdtempSync, rmSync } from "node:fs";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Sample } from "@maskport/core";
import { writePng } from "@maskport/core/node";
import { bitmapFromRows, makeInstance, makeLabelmap, makeSample } from "@maskport/core/testing";
import { afterAll, describe, expect, it } from "vitest";
import { bytesOf, exportSamples, readPng, rowsOfPng, textOf } from "./__fixtures__/export-files.ts";
import { nnunetExporter } from "./nnunet-exporter.ts";

const labelmap = makeLabelmap(["background", "tumor", "edema"]);
const folder = mkdtempSync(join(tmpdir(), "maskport-nnunet-"));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** A 3×2 sample with a raw PNG image of the given RGB pixels (6 of them). */
function withImage(id: string, rgb: readonly (readonly [number, number, number])[], subset = "default"): Sample {
  const path = join(folder, `${id.replace(/\//g, "-")}.png`);
  writeFileSync(path, writePng({ width: 3, height: 2, channels: 3, data: Uint8Array.from(rgb.flat()) }));
  const sample = makeSample({ id, subset, width: 3, height: 2, instances: [makeInstance(bitmapFromRows(["#.", ".#"]), { label: 2, x: 1 })] });
  return { ...sample, image: { path, fileName: `${id}.png` } };
}
const grey = (v: number) => [v, v, v] as const;
const greyImage = [grey(0), grey(10), grey(20), grey(30), grey(40), grey(250)];
const red = [[255, 0, 0], [0, 255, 0], [0, 0, 255], grey(7), grey(8), grey(9)] as const;

describe("nnunet exporter", () => {
  it("writes imagesTr/<case>_0000.png, labelsTr/<case>.png and the dataset.json nnU-Net v2 documents", async () => {
    const { files } = await exportSamples(nnunetExporter, labelmap, [withImage("scans/Y1", greyImage), withImage("Y2", greyImage)]);
    expect([...files.keys()].sort()).toEqual(["case_ids.json", "dataset.json", "imagesTr/Y2_0000.png", "imagesTr/scans_Y1_0000.png", "labelsTr/Y2.png", "labelsTr/scans_Y1.png"]);
    expect(JSON.parse(textOf(files, "dataset.json"))).toEqual({ channel_names: { "0": "MRI" }, labels: { background: 0, tumor: 1, edema: 2 }, numTraining: 2, file_ending: ".png" });
    expect(JSON.parse(textOf(files, "case_ids.json"))).toEqual({ scans_Y1: "scans/Y1", Y2: "Y2" });
    expect(rowsOfPng(bytesOf(files, "labelsTr/scans_Y1.png"))).toEqual(["020", "002"]);
    // Every image R = G = B, so one grey channel, values kept.
    const image = readPng(bytesOf(files, "imagesTr/scans_Y1_0000.png"));
    expect([image.colorType, image.depth, image.pixel(2, 1)[0], image.pixel(1, 0)[0]]).toEqual([0, 8, 250, 10]);
  });

  it("makes every case RGB once one image is in colour (auto), grey ones expanded", async () => {
    const { files } = await exportSamples(nnunetExporter, labelmap, [withImage("a", greyImage), withImage("b", red)]);
    expect(JSON.parse(textOf(files, "dataset.json")).channel_names).toEqual({ "0": "R", "1": "G", "2": "B" });
    const a = readPng(bytesOf(files, "imagesTr/a_0000.png"));
    expect([a.colorType, ...a.pixel(2, 1)]).toEqual([2, 250, 250, 250]);
    const b = readPng(bytesOf(files, "imagesTr/b_0000.png"));
    expect([b.colorType, ...b.pixel(0, 0), ...b.pixel(2, 0)]).toEqual([2, 255, 0, 0, 0, 0, 255]);
  });

  it("reduces colour to BT.601 luma with channels=grey (Pillow's convert('L') integers)", async () => {
    const { files } = await exportSamples(nnunetExporter, labelmap, [withImage("b", red)], { channels: "grey" });
    const b = readPng(bytesOf(files, "imagesTr/b_0000.png"));
    // (255·19595 + 0x8000) >> 16 = 76; (255·38470 + 0x8000) >> 16 = 150; (255·7471 + 0x8000) >> 16 = 29.
    expect([b.colorType, b.pixel(0, 0)[0], b.pixel(1, 0)[0], b.pixel(2, 0)[0], b.pixel(0, 1)[0]]).toEqual([0, 76, 150, 29, 7]);
    expect(JSON.parse(textOf(files, "dataset.json")).channel_names).toEqual({ "0": "MRI" });
  });

  it("puts a test subset into imagesTs/labelsTs, outside numTraining", async () => {
    const { files } = await exportSamples(nnunetExporter, labelmap, [withImage("a", greyImage), withImage("t", greyImage, "test")], { channels: "rgb", channelName: "T2" });
    expect(files.has("imagesTs/t_0000.png") && files.has("labelsTs/t.png")).toBe(true);
    expect(JSON.parse(textOf(files, "dataset.json"))).toMatchObject({ numTraining: 1, channel_names: { "0": "R", "1": "G", "2": "B" } });
  });

  it("refuses a sample without a raw image, or skips it with a warning", async () => {
    const bare = makeSample({ id: "bare", width: 1, height: 1 });
    await expect(exportSamples(nnunetExporter, labelmap, [bare])).rejects.toMatchObject({ code: "IMAGE_MISSING", sampleId: "bare" });
    const { files, diagnostics } = await exportSamples(nnunetExporter, labelmap, [bare, withImage("a", greyImage)], { missingImage: "skip" });
    expect(diagnostics.map((d) => [d.code, d.sampleId])).toEqual([["IMAGE_MISSING", "bare"]]);
    expect(JSON.parse(textOf(files, "dataset.json")).numTraining).toBe(1);
  });

  it("refuses two sample ids that make the same case name", async () => {
    await expect(exportSamples(nnunetExporter, labelmap, [withImage("a/b", greyImage), withImage("a_b", greyImage)])).rejects.toMatchObject({ code: "ID_COLLISION" });
  });

  it("refuses an image whose size is not the mask's", async () => {
    const sample = { ...withImage("a", greyImage), width: 4 };
    await expect(exportSamples(nnunetExporter, labelmap, [sample])).rejects.toMatchObject({ code: "IMAGE_SIZE_MISMATCH" });
  });

  it("refuses a label named background that is not the background (nnU-Net reserves it)", async () => {
    const odd = { ...makeLabelmap(["bg", "background"]), backgroundId: 0 };
    await expect(exportSamples(nnunetExporter, odd, [withImage("a", greyImage)])).rejects.toMatchObject({ code: "ID_COLLISION" });
  });
});
