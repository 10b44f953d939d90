import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { encodeCocoRleFromBitmap } from "../rle/coco-rle.ts";
import type { Bitmap } from "../types.ts";
import { bitmapOf, rowsOf } from "./__fixtures__/bitmaps.ts";
import { blobMask, blobs, checkerMask, lineMask, mulberry32, noiseMask } from "./__fixtures__/random-masks.ts";
import { polygonFidelity } from "./fidelity.ts";
import { rasterizePolygons } from "./rasterize-polygons.ts";
import { toPolygons } from "./to-polygons.ts";
import type { PolygonTarget, Ring } from "./types.ts";

function decode(polygons: readonly Ring[], target: PolygonTarget, bitmap: Bitmap): string[] {
  return rowsOf(rasterizePolygons(polygons, target, bitmap.width, bitmap.height));
}

/** Number of 8-connected components, by an independent flood fill. */
function countParts(bitmap: Bitmap): number {
  const { width, height, data } = bitmap;
  const seen = new Uint8Array(data.length);
  let parts = 0;
  for (let start = 0; start < data.length; start++) {
    if (data[start] === 0 || seen[start] === 1) continue;
    parts++;
    const queue = [start];
    seen[start] = 1;
    while (queue.length > 0) {
      const i = queue.pop() as number;
      const x = i % width;
      const y = (i - x) / width;
      for (let dy = -1; dy <= 1; dy++)
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          const ny = y + dy;
          const j = ny * width + nx;
          if (nx >= 0 && ny >= 0 && nx < width && ny < height && data[j] === 1 && seen[j] === 0) {
            seen[j] = 1;
            queue.push(j);
          }
        }
    }
  }
  return parts;
}

describe("toPolygons: hand-computed cases", () => {
  const square = bitmapOf(["111", "101", "111"]);

  it("bridges the 1-pixel hole of a 3×3 square through the object for pycocotools", () => {
    const polygons = toPolygons(square, { target: "pycocotools", parts: "bridge" });
    // Up the grid line x = 1 from the hole's top-left corner (1,1) to the outer ring at (1,0);
    // (1,1) is passed twice, so it stays a vertex.
    expect(polygons).toEqual([[[0, 0], [1, 0], [1, 1], [1, 2], [2, 2], [2, 1], [1, 1], [1, 0], [3, 0], [3, 3], [0, 3]]]);
    expect(decode(polygons, "pycocotools", square)).toEqual(["111", "101", "111"]);
  });

  it("bridges the same hole on pixel centres for fillPoly", () => {
    const polygons = toPolygons(square, { target: "fillpoly", parts: "bridge" });
    // The hole ring runs through the 4 pixels beside the hole; (0,1), (2,1), (1,2) are also
    // on the outer ring, so they stay vertices there too.
    expect(polygons).toEqual([[[0, 0], [1, 0], [0, 1], [1, 2], [2, 1], [1, 0], [2, 0], [2, 1], [2, 2], [1, 2], [0, 2], [0, 1]]]);
    expect(decode(polygons, "fillpoly", square)).toEqual(["111", "101", "111"]);
  });

  it("keeps two corner-touching pixels one part", () => {
    const pair = bitmapOf(["10", "01"]);
    const corner = toPolygons(pair, { target: "pycocotools", parts: "separate" });
    expect(corner).toEqual([[[0, 0], [1, 0], [1, 1], [2, 1], [2, 2], [1, 2], [1, 1], [0, 1]]]);
    expect(decode(corner, "pycocotools", pair)).toEqual(["10", "01"]);
    const centre = toPolygons(pair, { target: "fillpoly", parts: "separate" });
    expect(centre).toEqual([[[0, 0], [1, 1], [1, 1]]]);
    expect(decode(centre, "fillpoly", pair)).toEqual(["10", "01"]);
  });

  it("traces an L shape", () => {
    const l = bitmapOf(["10", "10", "11"]);
    expect(toPolygons(l, { target: "pycocotools", parts: "bridge" })).toEqual([[[0, 0], [1, 0], [1, 2], [2, 2], [2, 3], [0, 3]]]);
    // Centres follow the pixel right of each boundary crack: (0,1) → (1,2) cuts the inner corner.
    const centre = toPolygons(l, { target: "fillpoly", parts: "bridge" });
    expect(centre).toEqual([[[0, 0], [0, 1], [1, 2], [0, 2], [0, 1]]]);
    expect(decode(centre, "fillpoly", l)).toEqual(["10", "10", "11"]);
  });

  it("turns a 1×N line into a rectangle (corners) or a degenerate segment (centres)", () => {
    const line = bitmapOf(["0111110"]);
    expect(toPolygons(line, { target: "pycocotools", parts: "bridge" })).toEqual([[[1, 0], [6, 0], [6, 1], [1, 1]]]);
    const centre = toPolygons(line, { target: "fillpoly", parts: "bridge" });
    expect(centre).toEqual([[[1, 0], [5, 0], [5, 0]]]);
    expect(decode(centre, "fillpoly", line)).toEqual(["0111110"]);
    const single = bitmapOf(["000", "010"]);
    expect(toPolygons(single, { target: "fillpoly", parts: "bridge" })).toEqual([[[1, 1], [1, 1], [1, 1]]]);
  });

  it("joins two parts by a bridge: exact under pycocotools, the bridge pixels added under fillPoly", () => {
    const two = bitmapOf(["11000", "11000", "00011"]);
    const corner = toPolygons(two, { target: "pycocotools", parts: "bridge" });
    expect(corner).toHaveLength(1);
    expect(polygonFidelity(two, corner, "pycocotools")).toEqual({ lost: 0, added: 0, iou: 1 });
    const centre = toPolygons(two, { target: "fillpoly", parts: "bridge" });
    // Nearest vertices: pixel (1, 1) and pixel (3, 2); Bresenham adds pixel (2, 1) or (2, 2).
    expect(centre).toHaveLength(1);
    expect(polygonFidelity(two, centre, "fillpoly")).toEqual({ lost: 0, added: 1, iou: 6 / 7 });
    expect(toPolygons(two, { target: "fillpoly", parts: "separate" })).toHaveLength(2);
  });

  it("gives the worked example of FORMATS.md §2.7, which pycocotools decodes to counts [3,2,1,3,1,1,1]", () => {
    const mask = bitmapOf(["0110", "0111", "0010"]);
    const polygons = toPolygons(mask, { target: "pycocotools", parts: "bridge" });
    expect(polygons).toEqual([[[1, 0], [3, 0], [3, 1], [4, 1], [4, 2], [3, 2], [3, 3], [2, 3], [2, 2], [1, 2]]]);
    const decoded = rasterizePolygons(polygons, "pycocotools", 4, 3);
    expect(encodeCocoRleFromBitmap(decoded).counts).toEqual([3, 2, 1, 3, 1, 1, 1]);
  });

  it("returns no polygon for an empty bitmap", () => {
    expect(toPolygons(bitmapOf(["00", "00"]), { target: "pycocotools", parts: "bridge" })).toEqual([]);
  });
});

/**
 * Independent topology check: where a ring passes one point several times, the passes
 * (in-direction, out-direction) must not interleave around the point — touching is fine,
 * crossing is not. Returns the number of crossing pairs.
 */
function vertexCrossings(ring: Ring): number {
  const n = ring.length;
  const passes = new Map<string, [number, number][]>();
  for (let i = 0; i < n; i++) {
    const [px, py] = ring[i] as readonly [number, number];
    const [ax, ay] = ring[(i + n - 1) % n] as readonly [number, number];
    const [bx, by] = ring[(i + 1) % n] as readonly [number, number];
    const list = passes.get(`${px},${py}`) ?? [];
    list.push([Math.atan2(ay - py, ax - px), Math.atan2(by - py, bx - px)]);
    passes.set(`${px},${py}`, list);
  }
  const inside = (a: number, from: number, to: number): boolean => {
    const span = (to - from + 4 * Math.PI) % (2 * Math.PI);
    const at = (a - from + 4 * Math.PI) % (2 * Math.PI);
    return at > 1e-12 && at < span - 1e-12;
  };
  let crossings = 0;
  for (const list of passes.values()) {
    for (let i = 0; i < list.length; i++)
      for (let j = i + 1; j < list.length; j++) {
        const [a1, a2] = list[i] as [number, number];
        const [b1, b2] = list[j] as [number, number];
        if ([a1, a2].some((a) => Math.abs(a - b1) < 1e-12 || Math.abs(a - b2) < 1e-12)) continue; // shared direction: touching
        if (inside(b1, a1, a2) !== inside(b2, a1, a2)) crossings++;
      }
  }
  return crossings;
}

function expectExact(bitmap: Bitmap): void {
  const multiPart = countParts(bitmap) > 1;
  for (const parts of ["bridge", "separate"] as const) {
    const corner = toPolygons(bitmap, { target: "pycocotools", parts });
    expect(polygonFidelity(bitmap, corner, "pycocotools")).toEqual({ lost: 0, added: 0, iou: 1 });
    const centre = toPolygons(bitmap, { target: "fillpoly", parts });
    const decoded = rasterizePolygons(centre, "fillpoly", bitmap.width, bitmap.height);
    if (parts === "separate" || !multiPart) {
      expect(rowsOf(decoded)).toEqual(rowsOf(bitmap));
    } else {
      // A bridge between parts never loses pixels; what it adds is reported exactly.
      let lost = 0;
      let added = 0;
      let kept = 0;
      for (let i = 0; i < bitmap.data.length; i++) {
        if (bitmap.data[i] === 1 && decoded.data[i] === 0) lost++;
        if (bitmap.data[i] === 0 && decoded.data[i] === 1) added++;
        if (bitmap.data[i] === 1 && decoded.data[i] === 1) kept++;
      }
      expect(lost).toBe(0);
      expect(polygonFidelity(bitmap, centre, "fillpoly")).toEqual({ lost, added, iou: kept / (kept + added) });
    }
    for (const ring of [...corner, ...centre]) expect(vertexCrossings(ring)).toBe(0);
    // Integer vertices inside the frame: corners in [0, w] × [0, h], centres on pixels.
    const inFrame = (rings: Ring[], maxX: number, maxY: number, minLength: number): boolean =>
      rings.every((ring) => ring.length >= minLength && ring.every(([x, y]) => Number.isInteger(x) && Number.isInteger(y) && x >= 0 && y >= 0 && x <= maxX && y <= maxY));
    expect(inFrame(corner, bitmap.width, bitmap.height, 4)).toBe(true);
    expect(inFrame(centre, bitmap.width - 1, bitmap.height - 1, 3)).toBe(true);
    if (parts === "bridge") expect(corner.length).toBeLessThanOrEqual(1);
    else expect(corner.length).toBe(countParts(bitmap));
  }
}

describe("toPolygons: regressions", () => {
  it("bridges no part into the object at a point another pass of the ring uses", () => {
    // The 1-pixel part at (14,0) has no clear gap until its neighbours join. A fallback bridge
    // to (1,1) would leave into the 1-pixel hole at (2,1), whose ring also passes (1,1), and
    // cross that pass there.
    const noise = bitmapOf([
      "..#...#.##..#.#.#.#..",
      ".#.###.....##....#..#",
      "###......#...#.#....#",
      "#..#....#.....##....#",
      ".##..........#.......",
      "...#...#..#........#.",
    ]);
    const [ring] = toPolygons(noise, { target: "fillpoly", parts: "bridge" });
    expect(vertexCrossings(ring as Ring)).toBe(0);
    expectExact(noise);
  });
});

describe("toPolygons: decodes back exactly (properties)", () => {
  it("salt-and-pepper noise (corner touches, holes, islands, border contact)", () => {
    fc.assert(fc.property(noiseMask(24), expectExact), { numRuns: 1500 });
  });
  it("blobs with holes and islands inside holes", () => {
    fc.assert(fc.property(blobMask(64), expectExact), { numRuns: 300 });
  });
  it("1-pixel lines and spirals", () => {
    fc.assert(fc.property(lineMask(40), expectExact), { numRuns: 400 });
  });
  it("checkerboards", () => {
    fc.assert(fc.property(checkerMask(32), expectExact), { numRuns: 100 });
  });
  it("noise with thousands of parts (the greedy bridging path)", () => {
    for (const seed of [11, 12]) {
      const random = mulberry32(seed);
      const data = new Uint8Array(160 * 160);
      for (let i = 0; i < data.length; i++) data[i] = random() < 0.3 ? 1 : 0;
      expectExact({ width: 160, height: 160, data });
    }
  });
  it("512×512 tumour-like masks", () => {
    for (const seed of [1, 2, 3]) expectExact(blobs(512, 512, seed, 3));
  });
});
