import { describe, expect, it } from "vitest";
import { API_VERSION, type Transform } from "../plugin.ts";
import type { Sample } from "../types.ts";
import { checkTransformApply, checkTransformLabelmap, checkTransformPure, runTransform } from "./check-transform.ts";
import { describeTransform } from "./describe-plugins.ts";
import { checkPluginShape } from "./check-plugin.ts";
import { bitmapFromRows, makeInstance, makeSample } from "./make-sample.ts";

/** A correct transform: moves every instance's label to `tumor` (id 1) and drops `edema` from the labelmap. */
const toTumor: Transform<{ note: string }> = {
  apiVersion: API_VERSION,
  kind: "transform",
  name: "to-tumor",
  description: "Relabel everything as tumor (conformance-suite test transform).",
  options: { note: { description: "Unused.", default: "" } },
  labelmap: (labelmap) => ({ ...labelmap, labels: labelmap.labels.filter((label) => label.name !== "edema") }),
  apply: (sample) => ({ ...sample, instances: sample.instances.map((instance) => ({ ...instance, label: 1 })) }),
};

const own: Sample[] = [makeSample({ id: "own", width: 3, height: 3, instances: [makeInstance(bitmapFromRows(["#.", ".#"]), { label: 2 })] })];

describeTransform(toTumor, { samples: own });

function broken(changes: Partial<Transform<{ note: string }>>): Transform<{ note: string }> {
  return { ...toTumor, ...changes };
}

describe("the transform checks catch broken transforms", () => {
  it("mutating the input sample", () => {
    const mutating = broken({
      apply(sample) {
        for (const instance of sample.instances) (instance as { label: number }).label = 1;
        return sample;
      },
    });
    expect(() => checkTransformPure(mutating)).toThrow(/modified its input sample/);
  });

  it("removing an instance silently", () => {
    const dropping = broken({ apply: (sample) => ({ ...sample, instances: sample.instances.slice(1) }) });
    expect(() => checkTransformApply(dropping)).toThrow(/instance 1 was removed without a diagnostic/);
  });

  it("changing pixels without re-tightening", () => {
    const growing = broken({
      apply: (sample) => ({
        ...sample,
        instances: sample.instances.map((i) => ({ ...i, bitmap: { ...i.bitmap, data: i.bitmap.data.map(() => 0) } })),
      }),
    });
    expect(() => checkTransformApply(growing)).toThrow(/area 1, but 0 pixels are set/);
  });

  it("a label the output labelmap lacks", () => {
    const stale = broken({ apply: (sample) => sample });
    expect(() => checkTransformApply(stale)).toThrow(/label 2 is not in the labelmap/);
  });

  it("renaming the sample", () => {
    expect(() => checkTransformApply(broken({ apply: (sample) => ({ ...sample, id: "other" }) }))).toThrow(/changed the sample's id/);
  });

  it("non-deterministic output", () => {
    let calls = 0;
    const moody = broken({ apply: (sample) => ({ ...sample, instances: calls++ % 2 === 0 ? sample.instances.map((i) => ({ ...i, label: 1 })) : [] }) });
    expect(() => checkTransformPure(moody)).toThrow(/two applications give different/);
  });

  it("throwing on an empty instance", () => {
    const fragile = broken({
      apply(sample, options, context) {
        if (sample.instances.some((i) => i.area === 0)) throw new RangeError("no pixels");
        return toTumor.apply(sample, options, context);
      },
    });
    expect(() => checkTransformApply(fragile)).toThrow(/throws on "empty instance \(area 0\)": RangeError: no pixels/);
  });

  it("a labelmap with duplicate names, or a mutated input labelmap", () => {
    expect(() => checkTransformLabelmap(broken({ labelmap: (l) => ({ ...l, labels: l.labels.map((label) => ({ ...label, name: "x" })) }) }))).toThrow(/"x" is not unique/);
    const mutating = broken({
      labelmap(labelmap) {
        (labelmap.labels as unknown as unknown[]).reverse();
        return labelmap;
      },
    });
    expect(() => checkTransformLabelmap(mutating, { labelmap: { labels: [...toTumorLabels()], backgroundId: undefined, dialect: "cvat" } })).toThrow(/modified its input labelmap/);
  });

  it("a wrong kind", () => {
    expect(() => checkPluginShape(toTumor, "exporter")).toThrow(/kind is "transform", expected "exporter"/);
  });

  it("runTransform resolves CLI-style options and returns the new labelmap", () => {
    const run = runTransform(toTumor, own[0] as Sample, { options: { note: "x" } });
    expect(run.sample.instances.map((i) => i.label)).toEqual([1]);
    expect(run.labelmap.labels.map((l) => l.name)).toEqual(["background", "tumor"]);
    expect(() => runTransform(toTumor, own[0] as Sample, { options: { nope: 1 } })).toThrow(/unknown option "nope"/);
  });
});

function toTumorLabels() {
  return [
    { id: 0, name: "background", color: [0, 0, 0] as const, parts: [], actions: [] },
    { id: 1, name: "tumor", color: [128, 0, 0] as const, parts: [], actions: [] },
  ];
}
