// The index-mask layouts copy raw images only when their files exist, say which named image
// is missing, and report once that they drop crowd flags. Samples are hand-made.
import type { Exporter, FragmentBase, Sample } from "@maskport/core";
import { bitmapFromRows, makeInstance, makeLabelmap, makeSample } from "@maskport/core/testing";
import { describe, expect, it } from "vitest";
import { exportSamples } from "./__fixtures__/export-files.ts";
import { monaiExporter } from "./monai-exporter.ts";
import { nnunetExporter } from "./nnunet-exporter.ts";
import { semanticExporter } from "./semantic-exporter.ts";

const labelmap = makeLabelmap(["background", "tumor"]);

/** A 3×1 sample whose input names `scans/<id>.jpg`, which is not on disk; its one instance a crowd when asked. */
function named(id: string, crowd = false): Sample {
  const instance = makeInstance(bitmapFromRows(["#"]), { label: 1, x: 2 });
  return { ...makeSample({ id, width: 3, height: 1, instances: [crowd ? { ...instance, crowd: true } : instance] }), imageName: `scans/${id}.jpg` };
}

describe("images the input names but that are not on disk", () => {
  it("semantic copies nothing for them", async () => {
    const { files } = await exportSamples(semanticExporter, labelmap, [named("a")]);
    expect([...files.keys()].filter((path) => path.startsWith("images/"))).toEqual([]);
  });

  it.each([
    ["monai", monaiExporter as Exporter<object, FragmentBase>, "Decathlon"],
    ["nnunet", nnunetExporter as Exporter<object, FragmentBase>, "nnU-Net"],
  ] as const)("%s names the missing image when it stops or skips", async (_name, exporter, layout) => {
    const message = `sample "a" has no raw image (the input names "scans/a.jpg", which was not found), and a ${layout} case needs one`;
    await expect(exportSamples(exporter, labelmap, [named("a")])).rejects.toMatchObject({ code: "IMAGE_MISSING", message: expect.stringContaining(message) });
    const { diagnostics } = await exportSamples(exporter, labelmap, [named("a")], { missingImage: "skip" });
    expect(diagnostics.map((d) => d.message)).toEqual([`${message}; skipped`]);
  });
});

describe("crowd flags: index masks have none", () => {
  it("semantic and monai paint crowds as their class and say so once, with the count", async () => {
    const withImage = (sample: Sample): Sample => ({ ...sample, image: { path: `/data/raw/${sample.id}.jpg`, fileName: `${sample.id}.jpg` } });
    for (const exporter of [semanticExporter, monaiExporter] as Exporter<object, FragmentBase>[]) {
      const { diagnostics } = await exportSamples(exporter, labelmap, [withImage(named("a", true)), withImage(named("b", true)), withImage(named("c"))]);
      expect(diagnostics.map((d) => [d.severity, d.code, d.plugin, d.message]), exporter.name).toEqual([
        ["info", "CROWD_FLAG_CHANGED", exporter.name, "2 crowd instance(s) (COCO iscrowd 1 in the input) written as ordinary instances: index masks have no crowd flag"],
      ]);
    }
  });
});
