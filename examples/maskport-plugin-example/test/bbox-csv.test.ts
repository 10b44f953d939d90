import { describe, expect, it } from "vitest";
import { collectFiles, memoryDataset, resolveOptions, runExport } from "@maskport/core";
import { bitmapFromRows, describeExporter, makeInstance, makeLabelmap, makeSample } from "@maskport/core/testing";
import bboxCsv from "../src/index.js";

const labelmap = makeLabelmap(["background", "tumor", "edema, peritumoral"]);
// An L of 4 pixels at (2..3, 1..3) and a single pixel at (0, 0), in a 6×4 image.
const sample = makeSample({
  id: "scans/Y1",
  width: 6,
  height: 4,
  instances: [
    makeInstance(bitmapFromRows(["#.", "#.", "##"]), { x: 2, y: 1, label: 1, instanceId: 1 }),
    makeInstance(bitmapFromRows(["#"]), { x: 0, y: 0, label: 2, instanceId: 2 }),
  ],
});

// Every third-party plugin gets core's conformance suite for free.
describeExporter(bboxCsv, { labelmap, samples: [sample] });

describe("bbox-csv output", () => {
  async function csv(options: Record<string, unknown> = {}): Promise<string> {
    const resolved = resolveOptions("bbox-csv", bboxCsv.options, options);
    const files = await collectFiles(runExport(memoryDataset(labelmap, [sample]), bboxCsv, resolved));
    expect([...files.keys()]).toEqual([resolved.file]);
    return new TextDecoder().decode(files.get(resolved.file) as Uint8Array);
  }

  it("writes one row per instance with the box in pixels (hand-computed)", async () => {
    expect(await csv()).toBe(
      "image,subset,image_width,image_height,label,instance,x,y,width,height,area\n" +
        "scans/Y1,default,6,4,tumor,1,2,1,2,3,4\n" +
        'scans/Y1,default,6,4,"edema, peritumoral",2,0,0,1,1,1\n',
    );
  });

  it("honours separator, header and file", async () => {
    expect(await csv({ separator: "tab", header: "false", file: "boxes.tsv" })).toBe(
      "scans/Y1\tdefault\t6\t4\ttumor\t1\t2\t1\t2\t3\t4\nscans/Y1\tdefault\t6\t4\tedema, peritumoral\t2\t0\t0\t1\t1\t1\n",
    );
  });

  it("reports the box's extra pixels as fidelity: the L fills 4 of its 2×3 box", async () => {
    const fragment = await bboxCsv.encodeSample(sample, resolveOptions("bbox-csv", bboxCsv.options), { labelmap, report: () => {} });
    expect(fragment.fidelity).toEqual([
      { instanceId: 1, label: 1, area: 4, encoding: "bbox", lost: 0, added: 2, iou: 4 / 6 },
      { instanceId: 2, label: 2, area: 1, encoding: "bbox", lost: 0, added: 0, iou: 1 },
    ]);
  });
});
