import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../plugin.ts";
import { bitmapFromRows, makeInstance } from "../testing/make-sample.ts";
import { crowdCount, reportCrowdsWritten } from "./crowds.ts";
import { imageFileName } from "./image-file-name.ts";

describe("crowdCount", () => {
  const pixel = bitmapFromRows(["#"]);
  const instances = [makeInstance(pixel, { instanceId: 1 }), { ...makeInstance(pixel, { instanceId: 2, x: 1 }), crowd: true }, { ...makeInstance(pixel, { instanceId: 3, x: 2 }), crowd: true }];

  it("counts the crowd instances that were written (named by fidelity), and gives {} for none", () => {
    expect(crowdCount(instances, [{ instanceId: 1 }, { instanceId: 2 }, { instanceId: 3 }])).toEqual({ crowds: 2 });
    expect(crowdCount(instances, [{ instanceId: 1 }, { instanceId: 3 }])).toEqual({ crowds: 1 });
    expect(crowdCount(instances, [{ instanceId: 1 }])).toEqual({});
    expect(crowdCount([], [])).toEqual({});
  });

  it("reports a non-zero count once as an info diagnostic, and nothing for 0", () => {
    const diagnostics: Omit<Diagnostic, "plugin">[] = [];
    reportCrowdsWritten(0, "X has no crowd flag", { report: (d) => diagnostics.push(d) });
    reportCrowdsWritten(3, "X has no crowd flag", { report: (d) => diagnostics.push(d) });
    expect(diagnostics).toEqual([
      { severity: "info", code: "CROWD_FLAG_CHANGED", message: "3 crowd instance(s) (COCO iscrowd 1 in the input) written as ordinary instances: X has no crowd flag" },
    ]);
  });
});

describe("imageFileName", () => {
  it("is the found file's name, else the name the input gives, else undefined", () => {
    expect(imageFileName({ image: { path: "/raw/Y1.png", fileName: "Y1.png" }, imageName: "Y1.jpg" })).toBe("Y1.png");
    expect(imageFileName({ imageName: "scans/Y1.jpg" })).toBe("scans/Y1.jpg");
    expect(imageFileName({})).toBeUndefined();
  });
});
