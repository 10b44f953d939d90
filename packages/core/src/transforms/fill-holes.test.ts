import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { describeTransform, runTransform } from "../testing/index.ts";
import { bitmapFromRows, makeInstance, makeSample } from "../testing/make-sample.ts";
import type { Bitmap, Instance } from "../types.ts";
import { fillHoles } from "./fill-holes.ts";

describeTransform(fillHoles);

const one = (instance: Instance) => makeSample({ width: 12, height: 12, instances: [instance] });
const rows = (instance: Instance | undefined): string[] => {
  if (instance === undefined) return [];
  const { width, height, data } = instance.bitmap;
  return Array.from({ length: height }, (_, y) => Array.from(data.subarray(y * width, (y + 1) * width), (v) => (v ? "#" : ".")).join(""));
};

describe("fill-holes", () => {
  it("fills a hole around an island and reports the pixels added", () => {
    const instance = makeInstance(bitmapFromRows(["#####", "#...#", "#.#.#", "#...#", "#####"]), { x: 3, y: 4, instanceId: 2, label: 2 });
    const run = runTransform(fillHoles, one(instance));
    expect(rows(run.sample.instances[0])).toEqual(["#####", "#####", "#####", "#####", "#####"]);
    expect(run.sample.instances[0]?.area).toBe(25);
    expect(run.sample.instances[0]?.bbox).toEqual({ x: 3, y: 4, width: 5, height: 5 });
    expect(run.diagnostics).toEqual([
      { severity: "info", code: "MASK_MODIFIED", instanceId: 2, message: 'fill-holes: added 8 px to instance 2 of label "edema" (17 → 25 px)' },
    ]);
  });

  it("leaves a bay open to the crop's edge alone", () => {
    const sample = one(makeInstance(bitmapFromRows(["#.#", "#.#", "###"])));
    const run = runTransform(fillHoles, sample);
    expect(run.sample).toBe(sample);
    expect(run.diagnostics).toEqual([]);
  });

  it("treats background as 4-connected: a diagonal gap does not let a hole out", () => {
    const run = runTransform(fillHoles, one(makeInstance(bitmapFromRows(["###", "#.#", "##."]))));
    expect(rows(run.sample.instances[0])).toEqual(["###", "###", "##."]);
    const diamond = runTransform(fillHoles, one(makeInstance(bitmapFromRows([".#.", "#.#", ".#."]))));
    expect(rows(diamond.sample.instances[0])).toEqual([".#.", "###", ".#."]);
  });

  it("fills every hole of a part, but not the gap between two parts", () => {
    const run = runTransform(fillHoles, one(makeInstance(bitmapFromRows(["###.###", "#.#.#.#", "###.###"]))));
    expect(rows(run.sample.instances[0])).toEqual(["###.###", "###.###", "###.###"]);
    expect(run.diagnostics[0]?.message).toMatch(/added 2 px/);
  });

  it("fills nested holes and the islands in them at once", () => {
    const run = runTransform(fillHoles, one(makeInstance(bitmapFromRows(["#######", "#.....#", "#.###.#", "#.#.#.#", "#.###.#", "#.....#", "#######"]))));
    expect(run.sample.instances[0]?.area).toBe(49);
  });

  it("equals a naive relaxation reference on random bitmaps", () => {
    fc.assert(
      fc.property(randomBitmap(), (bitmap) => {
        const instance = makeInstance(bitmap);
        const run = runTransform(fillHoles, one(instance));
        const result = run.sample.instances[0];
        const expected = naiveFill(instance.bitmap);
        expect(result?.bitmap.data ?? new Uint8Array(0)).toEqual(expected);
        expect(result?.bbox).toEqual(instance.bbox);
        expect(result?.area).toBe(expected.reduce((sum, v) => sum + v, 0));
        expect(run.diagnostics).toHaveLength(result?.area === instance.area ? 0 : 1);
        expect(runTransform(fillHoles, run.sample).diagnostics).toEqual([]);
      }),
    );
  });
});

// --- test support: an independent, deliberately simple reference ---

function randomBitmap(): fc.Arbitrary<Bitmap> {
  return fc
    .record({ width: fc.integer({ min: 1, max: 10 }), height: fc.integer({ min: 1, max: 10 }) })
    .chain(({ width, height }) =>
      fc.uint8Array({ min: 0, max: 1, minLength: width * height, maxLength: width * height }).map((data) => ({ width, height, data })),
    );
}

/** Background that cannot reach the crop's edge through 4-neighbours becomes set; found by relaxing until stable. */
function naiveFill({ width, height, data }: Bitmap): Uint8Array {
  const outside = Array.from(data, (v, p) => v === 0 && (p % width === 0 || p % width === width - 1 || p < width || p >= width * (height - 1)));
  for (let changed = true; changed; ) {
    changed = false;
    data.forEach((v, p) => {
      if (v !== 0 || outside[p]) return;
      const x = p % width;
      const near = (x > 0 && outside[p - 1]) || (x < width - 1 && outside[p + 1]) || outside[p - width] === true || outside[p + width] === true;
      if (near) {
        outside[p] = true;
        changed = true;
      }
    });
  }
  return Uint8Array.from(data, (v, p) => (v === 1 || !outside[p] ? 1 : 0));
}
