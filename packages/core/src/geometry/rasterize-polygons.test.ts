import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { decodeCocoRle, decompressCounts } from "../rle/coco-rle.ts";
import { rasterizePolygons } from "./rasterize-polygons.ts";
import type { PolygonTarget, Ring } from "./types.ts";

interface Vector {
  readonly kind: string;
  readonly size: [number, number];
  readonly polygon: number[];
  readonly counts: string;
  readonly area: number;
}
const golden = JSON.parse(
  readFileSync(fileURLToPath(new URL("../../../../fixtures/golden/polygon_rasterisers.json", import.meta.url)), "utf8"),
) as { pycocotools: Vector[]; fillpoly: Vector[] };
const goldenRle = JSON.parse(readFileSync(fileURLToPath(new URL("../../../../fixtures/golden/golden.json", import.meta.url)), "utf8")) as {
  polygons: { name: string; size: [number, number]; polygons: number[][]; counts: string; area: number }[];
};

function ringOf(flat: readonly number[]): Ring {
  const ring: [number, number][] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) ring.push([flat[i] as number, flat[i + 1] as number]);
  return ring;
}

function expectMatches(target: PolygonTarget, rings: Ring[], size: [number, number], counts: string, area: number): void {
  const [height, width] = size;
  const expected = decodeCocoRle({ size, counts: decompressCounts(counts) });
  const actual = rasterizePolygons(rings, target, width, height);
  let mismatches = 0;
  let ones = 0;
  for (let i = 0; i < expected.data.length; i++) {
    if (expected.data[i] !== actual.data[i]) mismatches++;
    ones += actual.data[i] as number;
  }
  expect(mismatches).toBe(0);
  expect(ones).toBe(area);
}

describe("rasterizePolygons reproduces pycocotools' rleFrPoly", () => {
  it.each(golden.pycocotools.map((v, i) => [i, v.kind, v] as const))("vector %i (%s)", (_i, _kind, v) => {
    expectMatches("pycocotools", [ringOf(v.polygon)], v.size, v.counts, v.area);
  });
  it.each(goldenRle.polygons.map((p) => [p.name, p] as const))("golden.json %s (frPyObjects + merge)", (_name, p) => {
    expectMatches("pycocotools", p.polygons.map(ringOf), p.size, p.counts, p.area);
  });
  it("covers exactly the 3×3 pixels of the corner square (1,1)-(4,4)", () => {
    const bitmap = rasterizePolygons([[[1, 1], [4, 1], [4, 4], [1, 4]]], "pycocotools", 5, 5);
    const rows = Array.from({ length: 5 }, (_, y) => Array.from(bitmap.data.subarray(y * 5, y * 5 + 5)).join(""));
    expect(rows).toEqual(["00000", "01110", "01110", "01110", "00000"]);
  });
});

describe("rasterizePolygons unions rings (frPyObjects + merge, one fillPoly per ring)", () => {
  const a: Ring = [[0, 0], [3, 0], [3, 2], [0, 2]];
  const b: Ring = [[2, 1], [4, 1], [4, 3], [2, 3]];
  it("pycocotools", () => {
    const rows = Array.from({ length: 3 }, (_, y) => Array.from(rasterizePolygons([a, b], "pycocotools", 4, 3).data.subarray(y * 4, y * 4 + 4)).join(""));
    expect(rows).toEqual(["1110", "1111", "0011"]);
  });
  it("fillpoly", () => {
    const rows = Array.from({ length: 4 }, (_, y) => Array.from(rasterizePolygons([a, b], "fillpoly", 5, 4).data.subarray(y * 5, y * 5 + 5)).join(""));
    expect(rows).toEqual(["11110", "11111", "11111", "00111"]);
  });
});

describe("rasterizePolygons reproduces cv2.fillPoly on int32-truncated vertices", () => {
  it.each(golden.fillpoly.map((v, i) => [i, v.kind, v] as const))("vector %i (%s)", (_i, _kind, v) => {
    expectMatches("fillpoly", [ringOf(v.polygon)], v.size, v.counts, v.area);
  });
  it("fills the centre contour of a 3×3 block to the 9 pixels (edges drawn inclusively)", () => {
    const bitmap = rasterizePolygons([[[1, 1], [3, 1], [3, 3], [1, 3]]], "fillpoly", 5, 5);
    const rows = Array.from({ length: 5 }, (_, y) => Array.from(bitmap.data.subarray(y * 5, y * 5 + 5)).join(""));
    expect(rows).toEqual(["00000", "01110", "01110", "01110", "00000"]);
  });
  it("draws a one-vertex ring as its single pixel", () => {
    const bitmap = rasterizePolygons([[[2, 1]]], "fillpoly", 4, 3);
    expect(Array.from(bitmap.data)).toEqual([0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0]);
  });
});
