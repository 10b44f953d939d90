import { describe, expect, it } from "vitest";
import { applyTransforms, transformLabelmap } from "../run-pipeline.ts";
import type { Diagnostic } from "../plugin.ts";
import { validatePlugin } from "../validate-plugin.ts";
import { resolveOptions } from "../resolve-options.ts";
import { bitmapFromRows, makeInstance, makeLabelmap, makeSample } from "../testing/make-sample.ts";
import { builtinTransforms, fillHoles, minArea, remapLabels } from "./index.ts";

describe("builtinTransforms", () => {
  it("lists the six transforms under unique names, each a valid transform plugin", () => {
    expect(builtinTransforms.map((t) => t.name)).toEqual(["remap-labels", "drop-labels", "keep-labels", "min-area", "largest-component", "fill-holes"]);
    for (const transform of builtinTransforms) {
      expect(validatePlugin(transform, transform.name).kind).toBe("transform");
      expect(Object.isFrozen(transform)).toBe(true);
    }
  });

  it("chain in the pipeline: each transform sees the labelmap its predecessor made", () => {
    const labelmap = makeLabelmap(["background", "Tumor", "edema"]);
    const ring = bitmapFromRows(["###", "#.#", "###"]);
    const sample = makeSample({
      width: 8,
      height: 4,
      instances: [makeInstance(ring, { label: 1, instanceId: 1 }), makeInstance(bitmapFromRows(["##"]), { label: 2, instanceId: 2, x: 5 })],
    });
    const steps = [
      { transform: remapLabels, options: resolveOptions("remap-labels", remapLabels.options, { map: "Tumor=lesion,edema=lesion" }) },
      { transform: fillHoles, options: {} },
      { transform: minArea, options: resolveOptions("min-area", minArea.options, { area: "3" }) },
    ];
    const diagnostics: Diagnostic[] = [];
    const result = applyTransforms(sample, labelmap, steps, (d) => diagnostics.push(d));
    expect(transformLabelmap(labelmap, steps).labels.map((l) => [l.id, l.name])).toEqual([
      [0, "background"],
      [1, "lesion"],
    ]);
    expect(result.instances.map((i) => [i.instanceId, i.label, i.area])).toEqual([[1, 1, 9]]);
    expect(diagnostics.map((d) => [d.plugin, d.code, d.instanceId])).toEqual([
      ["fill-holes", "MASK_MODIFIED", 1],
      ["min-area", "INSTANCE_DROPPED", 2],
    ]);
    // min-area names the label by the remapped labelmap it received.
    expect(diagnostics[1]?.message).toMatch(/label "lesion": 2 px is below 3 px/);
  });
});
