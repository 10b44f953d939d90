import { describe, expect, it } from "vitest";
import { checkOptionDefaults, describeTransform, runTransform } from "../testing/index.ts";
import { bitmapFromRows, makeInstance, makeLabelmap, makeSample } from "../testing/make-sample.ts";
import { keepLabels } from "./keep-labels.ts";

describeTransform(keepLabels, { options: { labels: "tumor" } });
describeTransform(keepLabels, { options: { labels: "edema,tumor" } });

const labelmap = makeLabelmap(["background", "tumor", "edema", "necrosis"]);
const pixel = bitmapFromRows(["#"]);
const sample = makeSample({
  width: 4,
  height: 1,
  instances: [3, 1, 2, 2].map((label, i) => makeInstance(pixel, { label, instanceId: i + 1, x: i })),
});

describe("keep-labels", () => {
  it("keeps the named labels and background, dropping and reporting the rest", () => {
    const run = runTransform(keepLabels, sample, { labelmap, options: { labels: "tumor" } });
    expect(run.sample.instances.map((i) => i.instanceId)).toEqual([2]);
    expect(run.labelmap.labels.map((l) => l.name)).toEqual(["background", "tumor"]);
    expect(run.labelmap.backgroundId).toBe(0);
    expect(run.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ["INSTANCE_DROPPED", 'keep-labels: dropped 2 instances of label "edema" (instance ids 3, 4)'],
      ["INSTANCE_DROPPED", 'keep-labels: dropped 1 instance of label "necrosis" (instance ids 1)'],
    ]);
  });

  it("keeps labelmap order whatever the option's order", () => {
    const run = runTransform(keepLabels, sample, { labelmap, options: { labels: "necrosis, tumor" } });
    expect(run.labelmap.labels.map((l) => l.id)).toEqual([0, 1, 3]);
    expect(run.sample.instances.map((i) => i.instanceId)).toEqual([1, 2]);
  });

  it("refuses an empty list and unknown names with INVALID_OPTION", () => {
    checkOptionDefaults(keepLabels);
    expect(() => runTransform(keepLabels, sample, { labelmap })).toThrow(expect.objectContaining({ code: "INVALID_OPTION", message: expect.stringMatching(/name at least one label/) }));
    expect(() => keepLabels.labelmap?.(labelmap, { labels: "tumour" })).toThrow(expect.objectContaining({ code: "INVALID_OPTION", message: expect.stringMatching(/"tumour"/) }));
  });
});
