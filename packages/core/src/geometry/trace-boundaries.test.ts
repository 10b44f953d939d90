import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Bitmap } from "../types.ts";
import { bitmapOf } from "./__fixtures__/bitmaps.ts";
import { blobMask, checkerMask, lineMask, noiseMask } from "./__fixtures__/random-masks.ts";
import { rasterizePolygons } from "./rasterize-polygons.ts";
import { traceBoundaries } from "./trace-boundaries.ts";

describe("traceBoundaries", () => {
  it("gives a 3×3 square with a 1-pixel hole one outer ring and one hole ring", () => {
    const rings = traceBoundaries(bitmapOf(["111", "101", "111"]));
    expect(rings).toEqual([
      { points: [[0, 0], [3, 0], [3, 3], [0, 3]], hole: false, parent: -1 },
      { points: [[1, 1], [1, 2], [2, 2], [2, 1]], hole: true, parent: 0 },
    ]);
  });

  it("traces two corner-touching pixels as one ring through the shared corner", () => {
    const rings = traceBoundaries(bitmapOf(["10", "01"]));
    expect(rings).toEqual([
      { points: [[0, 0], [1, 0], [1, 1], [2, 1], [2, 2], [1, 2], [1, 1], [0, 1]], hole: false, parent: -1 },
    ]);
  });

  it("traces the anti-diagonal pair as one ring too", () => {
    const rings = traceBoundaries(bitmapOf(["01", "10"]));
    expect(rings).toHaveLength(1);
    expect(rings[0]?.points).toEqual([[1, 0], [2, 0], [2, 1], [1, 1], [1, 2], [0, 2], [0, 1], [1, 1]]);
  });

  it("traces an L shape with six corners", () => {
    const rings = traceBoundaries(bitmapOf(["10", "10", "11"]));
    expect(rings).toEqual([{ points: [[0, 0], [1, 0], [1, 2], [2, 2], [2, 3], [0, 3]], hole: false, parent: -1 }]);
  });

  it("traces a 1×N line as a rectangle and drops collinear points", () => {
    expect(traceBoundaries(bitmapOf(["0111110"]))).toEqual([
      { points: [[1, 0], [6, 0], [6, 1], [1, 1]], hole: false, parent: -1 },
    ]);
  });

  it("nests an island inside a hole inside an object, and keeps a corner-touching hole a hole", () => {
    const rings = traceBoundaries(
      bitmapOf([
        "1111111", //
        "1000001",
        "1011101",
        "1010101",
        "1011101",
        "1000001",
        "1111110",
      ]),
    );
    expect(rings.map((r) => [r.hole, r.parent])).toEqual([
      [false, -1],
      [true, 0],
      [false, 1],
      [true, 2],
    ]);
    // The outer hole touches the outside only at the corner (6, 6): it stays one hole.
    expect(rings[1]?.points).toContainEqual([6, 6]);
  });

  it("returns nothing for an empty bitmap and one rectangle for a full one", () => {
    expect(traceBoundaries(bitmapOf(["000", "000"]))).toEqual([]);
    expect(traceBoundaries(bitmapOf(["11", "11"]))).toEqual([{ points: [[0, 0], [2, 0], [2, 2], [0, 2]], hole: false, parent: -1 }]);
  });
});

/** Independent flood fill: component count with the given connectivity over pixels equal to `value`. */
function components(bitmap: Bitmap, value: number, connectivity: 4 | 8): { count: number; touchingBorder: number } {
  const { width, height, data } = bitmap;
  const seen = new Uint8Array(data.length);
  let count = 0;
  let touchingBorder = 0;
  for (let start = 0; start < data.length; start++) {
    if (data[start] !== value || seen[start] === 1) continue;
    count++;
    let border = false;
    const stack = [start];
    seen[start] = 1;
    while (stack.length > 0) {
      const i = stack.pop() as number;
      const x = i % width;
      const y = (i - x) / width;
      if (x === 0 || y === 0 || x === width - 1 || y === height - 1) border = true;
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++) {
          if ((dx === 0 && dy === 0) || (connectivity === 4 && dx !== 0 && dy !== 0)) continue;
          const nx = x + dx;
          const ny = y + dy;
          const j = ny * width + nx;
          if (nx >= 0 && ny >= 0 && nx < width && ny < height && data[j] === value && seen[j] === 0) {
            seen[j] = 1;
            stack.push(j);
          }
        }
    }
    if (border) touchingBorder++;
  }
  return { count, touchingBorder };
}

function shoelace(points: readonly (readonly [number, number])[]): number {
  let twice = 0;
  for (let i = 0; i < points.length; i++) {
    const [x1, y1] = points[i] as readonly [number, number];
    const [x2, y2] = points[(i + 1) % points.length] as readonly [number, number];
    twice += x1 * y2 - x2 * y1;
  }
  return twice / 2;
}

function checkRings(bitmap: Bitmap): void {
  const rings = traceBoundaries(bitmap);
  const parts = components(bitmap, 1, 8);
  const background = components(bitmap, 0, 4);
  expect(rings.filter((r) => !r.hole)).toHaveLength(parts.count);
  expect(rings.filter((r) => r.hole)).toHaveLength(background.count - background.touchingBorder);
  let area = 0;
  let pixels = 0;
  for (const v of bitmap.data) pixels += v;
  const xor = new Uint8Array(bitmap.data.length);
  rings.forEach((ring, index) => {
    const a = shoelace(ring.points);
    // Outer rings clockwise on screen (positive), holes counter-clockwise (negative).
    expect(a > 0).toBe(!ring.hole);
    area += a;
    // Parents come first and alternate outer/hole.
    expect(ring.parent).toBeLessThan(index);
    if (ring.hole) expect(rings[ring.parent]?.hole).toBe(false);
    else if (ring.parent >= 0) expect(rings[ring.parent]?.hole).toBe(true);
    // Axis-aligned edges on pixel corners, turning at every vertex.
    const n = ring.points.length;
    let wellFormed = true;
    for (let i = 0; i < n; i++) {
      const [ax, ay] = ring.points[(i + n - 1) % n] as readonly [number, number];
      const [bx, by] = ring.points[i] as readonly [number, number];
      const [cx] = ring.points[(i + 1) % n] as readonly [number, number];
      if (!Number.isInteger(bx) || !Number.isInteger(by) || (ax !== bx && ay !== by) || (ax === bx) === (bx === cx)) wellFormed = false;
    }
    expect(wellFormed).toBe(true);
    const own = rasterizePolygons([ring.points], "pycocotools", bitmap.width, bitmap.height);
    for (let i = 0; i < xor.length; i++) xor[i] = (xor[i] as number) ^ (own.data[i] as number);
  });
  // Green's theorem: the signed areas add up to the pixel count; the rings' fills XOR to the mask.
  expect(area).toBe(pixels);
  expect(xor.every((v, i) => v === bitmap.data[i])).toBe(true);
}

describe("traceBoundaries (properties)", () => {
  it("finds one outer ring per 8-connected part and one hole ring per enclosed 4-connected background", () => {
    fc.assert(fc.property(noiseMask(20), checkRings), { numRuns: 600 });
    fc.assert(fc.property(blobMask(48), checkRings), { numRuns: 150 });
    fc.assert(fc.property(lineMask(32), checkRings), { numRuns: 150 });
    fc.assert(fc.property(checkerMask(24), checkRings), { numRuns: 50 });
  });
});
