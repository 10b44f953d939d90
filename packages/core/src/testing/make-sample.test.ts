import { describe, expect, it } from "vitest";
import { ConformanceError } from "./_run.ts";
import { checkLabelmapInvariants, checkSampleInvariants } from "./check-sample.ts";
import { degenerateLabelmap, degenerateSamples } from "./degenerate-samples.ts";
import { bitmapFromRows, makeInstance, makeLabelmap, makeSample } from "./make-sample.ts";

describe("bitmapFromRows", () => {
  it("reads # and 1 as set, row-major", () => {
    const bitmap = bitmapFromRows([".#.", "1.#"]);
    expect(bitmap.width).toBe(3);
    expect(bitmap.height).toBe(2);
    expect([...bitmap.data]).toEqual([0, 1, 0, 1, 0, 1]);
  });
  it("refuses ragged rows", () => {
    expect(() => bitmapFromRows(["##", "#"])).toThrow(/row 1 has 1 characters/);
  });
});

describe("makeInstance", () => {
  it("crops to the set pixels and offsets the bbox", () => {
    // Set pixels at bitmap (1,1), (2,1), (1,2): crop columns 1..2, rows 1..2.
    const instance = makeInstance(bitmapFromRows(["....", ".##.", ".#..", "...."]), { x: 10, y: 20, label: 2, instanceId: 7 });
    expect(instance.bbox).toEqual({ x: 11, y: 21, width: 2, height: 2 });
    expect(instance.area).toBe(3);
    expect(instance.label).toBe(2);
    expect(instance.instanceId).toBe(7);
    expect([...instance.bitmap.data]).toEqual([1, 1, 1, 0]);
  });
  it("makes an all-zero bitmap an empty instance with a 0×0 bbox", () => {
    const instance = makeInstance(bitmapFromRows(["..", ".."]), { x: 3, y: 4 });
    expect(instance.area).toBe(0);
    expect(instance.bbox).toEqual({ x: 3, y: 4, width: 0, height: 0 });
    expect(instance.bitmap.data.length).toBe(0);
  });
});

describe("makeSample and makeLabelmap", () => {
  it("sorts instances by instanceId", () => {
    const a = makeInstance(bitmapFromRows(["#"]), { instanceId: 5 });
    const b = makeInstance(bitmapFromRows(["#"]), { instanceId: 2 });
    expect(makeSample({ width: 2, height: 2, instances: [a, b] }).instances.map((i) => i.instanceId)).toEqual([2, 5]);
  });
  it("gives background black and the others distinct VOC colours", () => {
    const labelmap = makeLabelmap(["background", "tumor", "edema", "necrosis"]);
    expect(labelmap.backgroundId).toBe(0);
    // Pascal VOC palette: 1 = (128,0,0), 2 = (0,128,0), 3 = (128,128,0).
    expect(labelmap.labels.map((l) => l.color)).toEqual([
      [0, 0, 0],
      [128, 0, 0],
      [0, 128, 0],
      [128, 128, 0],
    ]);
    expect(makeLabelmap(["tumor"]).backgroundId).toBeUndefined();
  });
});

describe("degenerateSamples", () => {
  it("are valid samples of the degenerate labelmap", () => {
    checkLabelmapInvariants(degenerateLabelmap);
    const cases = degenerateSamples();
    expect(cases.length).toBeGreaterThanOrEqual(12);
    for (const { name, sample } of cases) checkSampleInvariants(sample, degenerateLabelmap, name);
    expect(new Set(cases.map((c) => c.sample.id)).size).toBe(cases.length);
  });
  it("cover the edge cases by area", () => {
    const area = (name: string): number[] => degenerateSamples().find((c) => c.name === name)?.sample.instances.map((i) => i.area) ?? [];
    expect(area("one-pixel instance")).toEqual([1]);
    expect(area("instance filling the image")).toEqual([48]);
    expect(area("instance with a hole")).toEqual([17]);
    expect(area("empty instance (area 0)")).toEqual([0]);
    expect(area("instance touching every border")).toEqual([13]);
  });
  it("are fresh copies on each call", () => {
    const first = degenerateSamples()[0]?.sample.instances[0]?.bitmap.data;
    const second = degenerateSamples()[0]?.sample.instances[0]?.bitmap.data;
    expect(first).not.toBe(second);
  });
});

describe("checkSampleInvariants", () => {
  const good = makeInstance(bitmapFromRows(["##", "#."]), { x: 1, y: 1 });
  const sample = (instances: unknown[]): Parameters<typeof checkSampleInvariants>[0] =>
    makeSample({ width: 4, height: 4, instances: instances as never });
  it("accepts a valid sample", () => {
    expect(() => checkSampleInvariants(sample([good]), degenerateLabelmap)).not.toThrow();
  });
  it.each([
    ["a loose bbox", { ...good, bbox: { x: 0, y: 1, width: 3, height: 2 }, bitmap: { width: 3, height: 2, data: Uint8Array.from([0, 1, 1, 0, 1, 0]) } }, /not tight/],
    ["a wrong area", { ...good, area: 4 }, /area 4, but 3 pixels are set/],
    ["a bitmap of another size", { ...good, bitmap: { width: 1, height: 2, data: Uint8Array.from([1, 1]) } }, /bitmap 1×2 differs from bbox 2×2/],
    ["a value 255", { ...good, bitmap: { ...good.bitmap, data: Uint8Array.from([255, 1, 1, 0]) } }, /value 255 at crop pixel \(x=0, y=0\)/],
    ["an unknown label", { ...good, label: 9 }, /label 9 is not in the labelmap/],
    ["a bbox outside the image", { ...good, bbox: { ...good.bbox, x: 3 } }, /outside the 4×4 image/],
  ])("refuses %s", (_name, instance, message) => {
    expect(() => checkSampleInvariants(sample([instance]), degenerateLabelmap)).toThrow(message);
  });
  it("refuses duplicate instance ids", () => {
    const twice = { ...sample([]), instances: [good, good] };
    expect(() => checkSampleInvariants(twice, degenerateLabelmap)).toThrow(ConformanceError);
  });
});
