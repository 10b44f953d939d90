import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { isMaskportError } from "../errors.ts";
import type { Diagnostic } from "../plugin.ts";
import { describeImporter } from "../testing/describe-plugins.ts";
import { maskImporter } from "./mask-importer.ts";

const sample = fileURLToPath(new URL("../../../../examples/mri-brain-tumor/", import.meta.url));

// Inputs the importer must refuse: built once, synchronously, because describeImporter registers tests by path.
const bad = mkdtempSync(join(tmpdir(), "maskport-mask-importer-"));
// (A CVAT SegmentationClass/ folder without labelmap.txt is read with the Pascal VOC labels; the
// published CLASS/OBJECT layout has no such default.)
const noLabelmap = join(bad, "no-labelmap");
mkdirSync(join(noLabelmap, "x_CLASS_png"), { recursive: true });
writeFileSync(join(noLabelmap, "x_CLASS_png", "a.png"), new Uint8Array(8));
const malformed = join(bad, "malformed");
mkdirSync(join(malformed, "x_CLASS_png"), { recursive: true });
writeFileSync(join(malformed, "labelmap.txt"), "tumor:255,0,0\n");

describeImporter(maskImporter, { input: join(sample, "segmentation_mask"), invalidInputs: [noLabelmap, malformed] });

describe("maskImporter", () => {
  it("detects all three layouts of the bundled sample, and not a bare folder of images", async () => {
    for (const folder of ["segmentation_mask", "index-masks", "segmentation-mask-1.1", "multi-class"]) {
      expect(await maskImporter.detect(join(sample, folder)), folder).toBe(true);
    }
    expect(await maskImporter.detect(join(sample, "images"))).toBe(false);
    expect(await maskImporter.detect(join(sample, "nothing-here"))).toBe(false);
    expect(await maskImporter.detect(sample)).toBe(false); // several datasets: ambiguous
  });

  it("reads with its options and reports through the context", async () => {
    const diagnostics: Omit<Diagnostic, "plugin">[] = [];
    const dataset = await maskImporter.read(join(sample, "segmentation-mask-1.1"), { connectivity: 8, grouping: "class" }, { report: (d) => diagnostics.push(d) });
    expect(dataset.subsets).toEqual(["default"]);
    // N1 and scans/N2 are listed without PNGs and no image folder gives their size.
    expect(diagnostics.map((d) => d.sampleId)).toEqual(["N1", "scans/N2"]);
    const withImages = await maskImporter.read(join(sample, "segmentation-mask-1.1"), { connectivity: 8, grouping: "object" }, { images: join(sample, "images"), report: () => {} });
    expect(withImages.size).toBe(12);
  });

  it("refuses a connectivity other than 4 or 8", async () => {
    try {
      await maskImporter.read(join(sample, "segmentation_mask"), { connectivity: 6, grouping: "object" }, { report: () => {} });
      expect.unreachable();
    } catch (error) {
      expect(isMaskportError(error) && error.code).toBe("INVALID_OPTION");
    }
  });
});
