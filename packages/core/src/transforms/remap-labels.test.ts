import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isMaskportError } from "../errors.ts";
import { describeTransform, runTransform } from "../testing/index.ts";
import { bitmapFromRows, makeInstance, makeLabelmap, makeSample } from "../testing/make-sample.ts";
import type { Labelmap } from "../types.ts";
import { remapLabels } from "./remap-labels.ts";

describeTransform(remapLabels);
describeTransform(remapLabels, { options: { map: "tumor=lesion,edema=lesion" } });
describeTransform(remapLabels, { options: { map: "tumor=edema,edema=tumor" } });
describeTransform(remapLabels, {
  labelmap: makeLabelmap(["background", "Tumor", "edema", "enhancing"]),
  options: { map: "Tumor=tumor,edema=lesion,enhancing=lesion" },
});

const pixel = bitmapFromRows(["#"]);
const sampleWith = (...labels: number[]) =>
  makeSample({ width: 4, height: 4, instances: labels.map((label, i) => makeInstance(pixel, { label, instanceId: i + 1, x: i })) });
const summary = (labelmap: Labelmap) => labelmap.labels.map((l) => [l.id, l.name, l.color.join(" ")]);

describe("remap-labels", () => {
  const source = makeLabelmap(["background", "Tumor", "edema", "enhancing"]);
  // VOC colours of ids 1, 2, 3: (128,0,0), (0,128,0), (128,128,0).

  it("renames and merges several labels into one", () => {
    const run = runTransform(remapLabels, sampleWith(1, 2, 3, 3), { labelmap: source, options: { map: "Tumor=tumor,edema=lesion,enhancing=lesion" } });
    expect(summary(run.labelmap)).toEqual([
      [0, "background", "0 0 0"],
      [1, "tumor", "128 0 0"],
      [2, "lesion", "0 128 0"],
    ]);
    expect(run.labelmap.backgroundId).toBe(0);
    expect(run.sample.instances.map((i) => [i.instanceId, i.label])).toEqual([
      [1, 1],
      [2, 2],
      [3, 2],
      [4, 2],
    ]);
    expect(run.diagnostics).toEqual([]);
  });

  it("merges onto an existing label, which keeps its id and colour even when it comes later", () => {
    const labelmap = makeLabelmap(["background", "edema", "tumor"]);
    const run = runTransform(remapLabels, sampleWith(1, 2), { labelmap, options: { map: "edema=tumor" } });
    expect(summary(run.labelmap)).toEqual([
      [0, "background", "0 0 0"],
      [2, "tumor", "0 128 0"],
    ]);
    expect(run.sample.instances.map((i) => i.label)).toEqual([2, 2]);
  });

  it("swaps names without changing ids", () => {
    const labelmap = makeLabelmap(["background", "tumor", "edema"]);
    const run = runTransform(remapLabels, sampleWith(1, 2), { labelmap, options: { map: "tumor=edema, edema=tumor" } });
    expect(summary(run.labelmap)).toEqual([
      [0, "background", "0 0 0"],
      [1, "edema", "128 0 0"],
      [2, "tumor", "0 128 0"],
    ]);
    expect(run.sample.instances.map((i) => i.label)).toEqual([1, 2]);
  });

  it("follows the background label into a merge", () => {
    const labelmap = makeLabelmap(["unlabeled", "background", "tumor"]);
    expect(labelmap.backgroundId).toBe(1);
    const run = runTransform(remapLabels, sampleWith(2), { labelmap, options: { map: "background=unlabeled" } });
    expect(run.labelmap.backgroundId).toBe(0);
    expect(run.labelmap.labels.map((l) => l.name)).toEqual(["unlabeled", "tumor"]);
  });

  it("changes nothing with an empty map", () => {
    const sample = sampleWith(1, 2);
    const run = runTransform(remapLabels, sample, { labelmap: source });
    expect(run.sample).toBe(sample);
    expect(summary(run.labelmap)).toEqual(summary(source));
  });

  it.each([
    ["Tumour=tumor", /names a label the labelmap does not have: "Tumour"/],
    ["tumor=lesion,necrosis=lesion", /labels the labelmap does not have: "tumor", "necrosis"/],
    ["Tumor", /"Tumor" is not a from=to pair/],
    ["Tumor=a=b", /"Tumor=a=b" is not a from=to pair/],
    ["=tumor", /"=tumor" is not a from=to pair/],
    ["Tumor=a,Tumor=b", /renames "Tumor" twice, to "a" and to "b"/],
  ])("refuses map %s with INVALID_OPTION", (map, message) => {
    let caught: unknown;
    try {
      remapLabels.labelmap?.(source, { map });
    } catch (error) {
      caught = error;
    }
    expect(isMaskportError(caught) && caught.code).toBe("INVALID_OPTION");
    expect((caught as Error).message).toMatch(message);
    expect((caught as Error).message).toMatch(/^\[remap-labels\]/);
    expect(() => runTransform(remapLabels, sampleWith(1), { labelmap: source, options: { map } })).toThrow(message);
  });

  it("gives every instance the label named by the map, in a labelmap with unique names (random maps)", () => {
    const names = ["background", "a", "b", "c", "d", "e"];
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...names), fc.constantFrom(...names, "x", "y")), fc.array(fc.integer({ min: 0, max: 5 }), { maxLength: 6 }), (renames, labels) => {
        const labelmap = makeLabelmap(names);
        const map = Object.entries(renames).map(([from, to]) => `${from}=${to}`).join(",");
        const run = runTransform(remapLabels, sampleWith(...labels), { labelmap, options: { map } });
        const outNames = run.labelmap.labels.map((l) => l.name);
        expect(new Set(outNames).size).toBe(outNames.length);
        expect(new Set(run.labelmap.labels.map((l) => l.id)).size).toBe(outNames.length);
        expect(outNames.length).toBe(new Set(names.map((n) => renames[n] ?? n)).size);
        run.sample.instances.forEach((instance, i) => {
          const before = names[labels[i] as number] as string;
          expect(run.labelmap.labels.find((l) => l.id === instance.label)?.name).toBe(renames[before] ?? before);
        });
        const background = run.labelmap.labels.find((l) => l.id === run.labelmap.backgroundId);
        expect(background?.name).toBe(renames.background ?? "background");
      }),
    );
  });
});
