import { describe, expect, it } from "vitest";
import { describeTransform, runTransform } from "../testing/index.ts";
import { bitmapFromRows, makeInstance, makeLabelmap, makeSample } from "../testing/make-sample.ts";
import { dropLabels } from "./drop-labels.ts";

describeTransform(dropLabels);
describeTransform(dropLabels, { options: { labels: "edema" } });
describeTransform(dropLabels, { options: { labels: "tumor, edema" } });

const labelmap = makeLabelmap(["background", "tumor", "edema", "necrosis"]);
const pixel = bitmapFromRows(["#"]);
const sample = makeSample({
  width: 5,
  height: 1,
  instances: [1, 2, 2, 3, 2].map((label, i) => makeInstance(pixel, { label, instanceId: i + 1, x: i })),
});

describe("drop-labels", () => {
  it("drops the instances of the named labels and reports them per label with counts", () => {
    const run = runTransform(dropLabels, sample, { labelmap, options: { labels: "necrosis,edema" } });
    expect(run.sample.instances.map((i) => i.instanceId)).toEqual([1]);
    expect(run.labelmap.labels.map((l) => l.name)).toEqual(["background", "tumor"]);
    expect(run.diagnostics).toEqual([
      { severity: "info", code: "INSTANCE_DROPPED", message: 'drop-labels: dropped 3 instances of label "edema" (instance ids 2, 3, 5)' },
      { severity: "info", code: "INSTANCE_DROPPED", message: 'drop-labels: dropped 1 instance of label "necrosis" (instance ids 4)' },
    ]);
  });

  it("clears backgroundId when background is dropped", () => {
    const run = runTransform(dropLabels, sample, { labelmap, options: { labels: "background" } });
    expect(run.labelmap.backgroundId).toBeUndefined();
    expect(run.sample.instances).toHaveLength(5);
    expect(run.diagnostics).toEqual([]);
  });

  it("drops nothing by default", () => {
    const run = runTransform(dropLabels, sample, { labelmap });
    expect(run.sample).toBe(sample);
    expect(run.labelmap.labels).toHaveLength(4);
  });

  it("refuses unknown names with INVALID_OPTION", () => {
    expect(() => runTransform(dropLabels, sample, { labelmap, options: { labels: "edema,Edema" } })).toThrow(
      expect.objectContaining({ code: "INVALID_OPTION", message: expect.stringMatching(/\[drop-labels\] option labels names a label the labelmap does not have: "Edema"/) }),
    );
  });
});
