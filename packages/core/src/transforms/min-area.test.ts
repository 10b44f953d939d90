import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { describeTransform, runTransform } from "../testing/index.ts";
import { bitmapFromRows, makeInstance, makeSample } from "../testing/make-sample.ts";
import { minArea } from "./min-area.ts";

describeTransform(minArea);
describeTransform(minArea, { options: { area: "2" } });
describeTransform(minArea, { options: { area: 100 } });

describe("min-area", () => {
  const sample = makeSample({
    width: 10,
    height: 3,
    instances: [
      makeInstance(bitmapFromRows(["#"]), { instanceId: 1, label: 1 }),
      makeInstance(bitmapFromRows(["##", "##"]), { instanceId: 2, label: 2, x: 2 }),
      makeInstance(bitmapFromRows(["###", "###", "###"]), { instanceId: 3, label: 1, x: 5 }),
    ],
  });

  it("drops instances below the area and reports each one", () => {
    const run = runTransform(minArea, sample, { options: { area: "4" } });
    expect(run.sample.instances.map((i) => i.instanceId)).toEqual([2, 3]);
    expect(run.diagnostics).toEqual([
      { severity: "info", code: "INSTANCE_DROPPED", instanceId: 1, message: 'min-area: dropped instance 1 of label "tumor": 1 px is below 4 px' },
    ]);
  });

  it("drops only empty instances by default", () => {
    const empty = makeInstance(bitmapFromRows([".."]), { instanceId: 4 });
    const run = runTransform(minArea, { ...sample, instances: [...sample.instances, empty] });
    expect(run.sample.instances.map((i) => i.instanceId)).toEqual([1, 2, 3]);
    expect(run.diagnostics.map((d) => d.instanceId)).toEqual([4]);
    expect(runTransform(minArea, sample).sample).toBe(sample);
  });

  it("refuses a negative area with INVALID_OPTION", () => {
    expect(() => runTransform(minArea, sample, { options: { area: -1 } })).toThrow(expect.objectContaining({ code: "INVALID_OPTION", message: expect.stringMatching(/\[min-area\] option area/) }));
  });

  it("keeps exactly the instances of at least `area` px and reports every other one", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 12 }), { maxLength: 8 }), fc.integer({ min: 0, max: 13 }), (areas, threshold) => {
        const instances = areas.map((area, i) => makeInstance({ width: 12, height: 1, data: Uint8Array.from({ length: 12 }, (_, x) => (x < area ? 1 : 0)) }, { instanceId: i + 1, y: i }));
        const run = runTransform(minArea, makeSample({ width: 12, height: 8, instances }), { options: { area: threshold } });
        const expected = areas.flatMap((area, i) => (area >= threshold ? [i + 1] : []));
        expect(run.sample.instances.map((i) => i.instanceId)).toEqual(expected);
        expect(run.diagnostics).toHaveLength(areas.length - expected.length);
      }),
    );
  });
});
