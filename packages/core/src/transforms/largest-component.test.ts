import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { describeTransform, runTransform } from "../testing/index.ts";
import { bitmapFromRows, makeInstance, makeSample } from "../testing/make-sample.ts";
import type { Bitmap, Instance } from "../types.ts";
import { largestComponent } from "./largest-component.ts";

describeTransform(largestComponent);

const one = (instance: Instance, width = 10, height = 10) => makeSample({ width, height, instances: [instance] });

describe("largest-component", () => {
  it("keeps the larger part, re-tightens the bbox and reports the pixels removed", () => {
    const instance = makeInstance(bitmapFromRows(["##...", "##...", "....#"]), { x: 2, y: 3, instanceId: 7 });
    const run = runTransform(largestComponent, one(instance));
    const [kept] = run.sample.instances;
    expect(kept?.bbox).toEqual({ x: 2, y: 3, width: 2, height: 2 });
    expect(kept?.area).toBe(4);
    expect([...(kept?.bitmap.data ?? [])]).toEqual([1, 1, 1, 1]);
    expect(run.diagnostics).toEqual([
      { severity: "info", code: "MASK_MODIFIED", instanceId: 7, message: 'largest-component: removed 1 of 5 px (1 smaller part) from instance 7 of label "tumor"' },
    ]);
  });

  it("keeps the part that comes first in scan order on a tie", () => {
    const run = runTransform(largestComponent, one(makeInstance(bitmapFromRows(["..#", "#.."]), { x: 4, y: 1 })));
    // Parts of 1 px at (6,1) and (4,2): the first in scan order is (6,1).
    expect(run.sample.instances[0]?.bbox).toEqual({ x: 6, y: 1, width: 1, height: 1 });
    expect(run.diagnostics[0]?.message).toMatch(/removed 1 of 2 px \(1 smaller part\)/);
  });

  it("counts parts joined only by a corner as one (8-connectivity)", () => {
    const sample = one(makeInstance(bitmapFromRows(["#..", ".#.", "..#"])));
    const run = runTransform(largestComponent, sample);
    expect(run.sample).toBe(sample);
    expect(run.diagnostics).toEqual([]);
  });

  it("keeps a part with a hole whole, and reports several removed parts", () => {
    const rows = ["###.#", "#.#..", "###.#"];
    const run = runTransform(largestComponent, one(makeInstance(bitmapFromRows(rows))));
    expect(run.sample.instances[0]?.area).toBe(8);
    expect(run.sample.instances[0]?.bbox).toEqual({ x: 0, y: 0, width: 3, height: 3 });
    expect(run.diagnostics[0]?.message).toMatch(/removed 2 of 10 px \(2 smaller parts\)/);
  });

  it("equals a naive label-propagation reference on random bitmaps", () => {
    fc.assert(
      fc.property(randomBitmap(), (bitmap) => {
        const instance = makeInstance(bitmap, { x: 1, y: 2 });
        const run = runTransform(largestComponent, one(instance, bitmap.width + 1, bitmap.height + 2));
        const result = run.sample.instances[0];
        const expected = naiveLargest(bitmap);
        expect(result === undefined ? [] : framePixels(result)).toEqual(expected.map(([x, y]) => `${x + 1},${y + 2}`));
        expect(run.diagnostics).toHaveLength(instance.area === expected.length ? 0 : 1);
        // Applying it again changes nothing.
        expect(runTransform(largestComponent, run.sample).diagnostics).toEqual([]);
      }),
    );
  });
});

// --- test support: an independent, deliberately simple reference ---

function randomBitmap(): fc.Arbitrary<Bitmap> {
  return fc
    .record({ width: fc.integer({ min: 1, max: 9 }), height: fc.integer({ min: 1, max: 9 }) })
    .chain(({ width, height }) =>
      fc.uint8Array({ min: 0, max: 1, minLength: width * height, maxLength: width * height }).map((data) => ({ width, height, data })),
    );
}

/** Set pixels of an instance in image coordinates, `x,y` in scan order. */
function framePixels(instance: Instance): string[] {
  const result: string[] = [];
  const { bbox, bitmap } = instance;
  for (let y = 0; y < bitmap.height; y++) for (let x = 0; x < bitmap.width; x++) if (bitmap.data[y * bitmap.width + x]) result.push(`${bbox.x + x},${bbox.y + y}`);
  return result;
}

/** Pixels of the largest 8-connected part (ties: the part holding the earliest pixel), by repeated min-label propagation. */
function naiveLargest({ width, height, data }: Bitmap): [number, number][] {
  const label = Array.from(data, (v, p) => (v ? p : -1));
  for (let changed = true; changed; ) {
    changed = false;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const p = y * width + x;
        if (label[p] === -1) continue;
        for (let dy = -1; dy <= 1; dy++) {
          for (let dx = -1; dx <= 1; dx++) {
            const nx = x + dx;
            const ny = y + dy;
            if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
            const q = label[ny * width + nx] as number;
            if (q !== -1 && q < (label[p] as number)) {
              label[p] = q;
              changed = true;
            }
          }
        }
      }
    }
  }
  const sizes = new Map<number, number>();
  for (const l of label) if (l !== -1) sizes.set(l, (sizes.get(l) ?? 0) + 1);
  let best = -1;
  for (const [l, size] of sizes) if (best === -1 || size > (sizes.get(best) ?? 0) || (size === sizes.get(best) && l < best)) best = l;
  const result: [number, number][] = [];
  label.forEach((l, p) => {
    if (l === best && best !== -1) result.push([p % width, Math.floor(p / width)]);
  });
  return result;
}
