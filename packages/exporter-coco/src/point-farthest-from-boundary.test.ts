import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { bitmapFromRows, makeInstance } from "@maskport/core/testing";
import { pointFarthestFromBoundary, squaredDistancesToBoundary } from "./point-farthest-from-boundary.ts";

/**
 * The reference, written from the definition over the whole image: for each instance pixel,
 * the smallest squared distance to any pixel of the image padded by one pixel all round that
 * is not in the instance (the padding never is). O(n²).
 */
function bruteForce(frame: readonly (readonly number[])[], width: number, height: number): { distances: number[][]; point: [number, number] | undefined } {
  const inInstance = (x: number, y: number): boolean => x >= 0 && y >= 0 && x < width && y < height && frame[y]![x] === 1;
  const distances: number[][] = [];
  let point: [number, number] | undefined;
  let best = 0;
  for (let y = 0; y < height; y++) {
    const row: number[] = [];
    for (let x = 0; x < width; x++) {
      let nearest = 0;
      if (inInstance(x, y)) {
        nearest = Number.POSITIVE_INFINITY;
        for (let v = -1; v <= height; v++) for (let u = -1; u <= width; u++) if (!inInstance(u, v)) nearest = Math.min(nearest, (x - u) ** 2 + (y - v) ** 2);
        if (nearest > best) {
          best = nearest;
          point = [x, y];
        }
      }
      row.push(nearest);
    }
    distances.push(row);
  }
  return { distances, point };
}

/** An instance at (x, y) made from text rows, and the crop's squared distances as rows. */
function instanceOf(rows: readonly string[], x = 0, y = 0) {
  return makeInstance(bitmapFromRows(rows), { x, y });
}

function distanceRows(rows: readonly string[]): number[][] {
  const bitmap = bitmapFromRows(rows);
  const values = [...squaredDistancesToBoundary(bitmap)];
  return rows.map((_, y) => values.slice(y * bitmap.width, (y + 1) * bitmap.width));
}

describe("pointFarthestFromBoundary: hand-computed cases", () => {
  it("a 5×5 square: its centre, offset by the box", () => {
    const square = instanceOf(["#####", "#####", "#####", "#####", "#####"], 10, 20);
    expect(pointFarthestFromBoundary(square.bitmap, square.bbox)).toEqual([12, 22]);
    // Centre: 3 pixels to the nearest outside pixel in every axis direction.
    expect(distanceRows(["#####", "#####", "#####", "#####", "#####"])[2]).toEqual([1, 4, 9, 4, 1]);
  });

  it("a 1-pixel instance: that pixel", () => {
    const dot = instanceOf(["#"], 7, 3);
    expect(pointFarthestFromBoundary(dot.bitmap, dot.bbox)).toEqual([7, 3]);
  });

  it("a 2×2 square: every pixel is 1 from the outside, so the top-left one", () => {
    const square = instanceOf(["##", "##"], 4, 5);
    expect(distanceRows(["##", "##"])).toEqual([
      [1, 1],
      [1, 1],
    ]);
    expect(pointFarthestFromBoundary(square.bitmap, square.bbox)).toEqual([4, 5]);
  });

  it("a 3×5 bar: three pixels tie at 2 from the outside; the first in row-major order wins", () => {
    const rows = ["###", "###", "###", "###", "###"];
    expect(distanceRows(rows).map((row) => row[1])).toEqual([1, 4, 4, 4, 1]);
    const bar = instanceOf(rows, 1, 1);
    expect(pointFarthestFromBoundary(bar.bitmap, bar.bbox)).toEqual([2, 2]);
  });

  it("a donut: the hole counts as boundary; the inner corners are √2 from it", () => {
    const rows = ["#######", "#######", "##...##", "##...##", "##...##", "#######", "#######"];
    expect(distanceRows(rows)[1]).toEqual([1, 2, 1, 1, 1, 2, 1]);
    expect(distanceRows(rows)[3]).toEqual([1, 1, 0, 0, 0, 1, 1]);
    const donut = instanceOf(rows, 0, 0);
    expect(pointFarthestFromBoundary(donut.bitmap, donut.bbox)).toEqual([1, 1]);
  });

  it("an L shape: the inner corner pixel, √2 from the notch", () => {
    const rows = ["##....", "##....", "##....", "######", "######"];
    expect(distanceRows(rows)[3]).toEqual([1, 2, 1, 1, 1, 1]);
    const shape = instanceOf(rows, 3, 2);
    expect(pointFarthestFromBoundary(shape.bitmap, shape.bbox)).toEqual([4, 5]);
  });

  it("FORMATS.md §2.7 mask 0110 / 0111 / 0010: pixel (2, 1) is the only one √2 from the outside", () => {
    const worked = instanceOf([".##.", ".###", "..#."]);
    expect(distanceRows([".##.", ".###", "..#."])).toEqual([
      [0, 1, 1, 0],
      [0, 1, 2, 1],
      [0, 0, 1, 0],
    ]);
    expect(pointFarthestFromBoundary(worked.bitmap, worked.bbox)).toEqual([2, 1]);
  });

  it("no set pixel: undefined", () => {
    expect(pointFarthestFromBoundary(bitmapFromRows(["..", ".."]), { x: 0, y: 0 })).toBeUndefined();
  });
});

describe("pointFarthestFromBoundary: against the brute-force definition", () => {
  const frames = fc
    .record({ width: fc.integer({ min: 1, max: 14 }), height: fc.integer({ min: 1, max: 14 }), density: fc.constantFrom(0.3, 0.6, 0.85, 1) })
    .chain(({ width, height, density }) =>
      fc.record({
        width: fc.constant(width),
        height: fc.constant(height),
        frame: fc.array(fc.array(fc.double({ min: 0, max: 1, noNaN: true }).map((r) => (r < density ? 1 : 0)), { minLength: width, maxLength: width }), {
          minLength: height,
          maxLength: height,
        }),
      }),
    );

  it("gives the same squared distances and the same point on random masks (the image edge as boundary)", () => {
    fc.assert(
      fc.property(frames, ({ width, height, frame }) => {
        const reference = bruteForce(frame, width, height);
        const instance = makeInstance({ width, height, data: Uint8Array.from(frame.flat()) });
        expect(pointFarthestFromBoundary(instance.bitmap, instance.bbox)).toEqual(reference.point);
        if (instance.area === 0) return;
        // The crop's distances equal the full image's inside the box.
        const { x, y, width: w, height: h } = instance.bbox;
        const got = [...squaredDistancesToBoundary(instance.bitmap)];
        const want = reference.distances.slice(y, y + h).flatMap((row) => row.slice(x, x + w));
        expect(got).toEqual(want);
      }),
      { numRuns: 400 },
    );
  });

  it("agrees on large filled blocks and thin shapes, where far pixels decide", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 39 }), (width, height, hole) => {
        const frame = Array.from({ length: height }, (_, y) => Array.from({ length: width }, (_, x) => (x === hole % width && y === Math.floor(height / 2) ? 0 : 1)));
        const reference = bruteForce(frame, width, height);
        const instance = makeInstance({ width, height, data: Uint8Array.from(frame.flat()) });
        expect(pointFarthestFromBoundary(instance.bitmap, instance.bbox)).toEqual(reference.point);
      }),
      { numRuns: 150 },
    );
  });
});
