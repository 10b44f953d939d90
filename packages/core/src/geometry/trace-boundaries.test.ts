import { describe, expect, it } from "vitest";
import { bitmapOf } from "./__fixtures__/bitmaps.ts";
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
