// Windowed rasterisation (issue 21): rasterising into a box of the frame gives exactly the
// full frame's pixels there, for both targets, so importers can allocate an instance's box
// instead of its frame; and the work follows the window, not how far the vertices lie outside.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isMaskportError } from "../errors.ts";
import type { BBox, Bitmap } from "../types.ts";
import { polygonWindow, rasterizePolygons } from "./rasterize-polygons.ts";
import type { PolygonTarget, Ring } from "./types.ts";

const TARGETS: readonly PolygonTarget[] = ["pycocotools", "fillpoly"];

interface Vector {
  readonly kind: string;
  readonly size: [number, number];
  readonly polygon: number[];
}
const golden = JSON.parse(readFileSync(fileURLToPath(new URL("../../../../fixtures/golden/polygon_rasterisers.json", import.meta.url)), "utf8")) as Record<PolygonTarget, Vector[]>;

function ringOf(flat: readonly number[]): Ring {
  const ring: [number, number][] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) ring.push([flat[i] as number, flat[i + 1] as number]);
  return ring;
}

/** The window's part of a full-frame bitmap, row by row as text (readable diffs). */
function cropRows(frame: Bitmap, window: BBox): string[] {
  return Array.from({ length: window.height }, (_, y) => {
    const from = (window.y + y) * frame.width + window.x;
    return Array.from(frame.data.subarray(from, from + window.width)).join("");
  });
}

function rowsOf(bitmap: Bitmap): string[] {
  return Array.from({ length: bitmap.height }, (_, y) => Array.from(bitmap.data.subarray(y * bitmap.width, (y + 1) * bitmap.width)).join(""));
}

/** Every set pixel of the full frame lies inside `window` (undefined: none is set). */
function expectCovered(frame: Bitmap, window: BBox | undefined): void {
  for (let y = 0; y < frame.height; y++) {
    for (let x = 0; x < frame.width; x++) {
      if (frame.data[y * frame.width + x] === 0) continue;
      const inside = window !== undefined && x >= window.x && x < window.x + window.width && y >= window.y && y < window.y + window.height;
      if (!inside) expect.fail(`pixel (${x}, ${y}) is set but outside the window ${JSON.stringify(window)}`);
    }
  }
}

/** A window inside a width × height frame, from four fractions in [0, 1). */
function windowOf(width: number, height: number, [a, b, c, d]: readonly [number, number, number, number]): BBox {
  const x = Math.floor(a * width);
  const y = Math.floor(b * height);
  return { x, y, width: Math.floor(c * (width - x + 1)), height: Math.floor(d * (height - y + 1)) };
}

const fraction = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const windowFractions = fc.tuple(fraction, fraction, fraction, fraction);
/** Coordinates inside, near and far outside a frame of at most 40 px, integral and fractional, halves included. */
const coordinate = fc.oneof(
  fc.integer({ min: -3, max: 43 }),
  fc.double({ min: -3, max: 43, noNaN: true }),
  fc.integer({ min: -3, max: 43 }).map((v) => v + 0.5),
  fc.integer({ min: -5000, max: 5000 }),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
);
const rings = fc.array(fc.array(fc.tuple(coordinate, coordinate), { minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 3 });

describe("rasterizePolygons into a window equals the full frame cropped", () => {
  for (const target of TARGETS) {
    it(`${target}: every golden vector, in its polygonWindow (which holds every set pixel) and in three other windows`, () => {
      for (const [i, vector] of golden[target].entries()) {
        const [height, width] = vector.size;
        const ring = [ringOf(vector.polygon)];
        const frame = rasterizePolygons(ring, target, width, height);
        const tight = polygonWindow(ring, width, height);
        expectCovered(frame, tight);
        const windows = [tight, windowOf(width, height, [0.5, 0, 0.5, 0.99]), windowOf(width, height, [0, 0.3, 0.99, 0.4]), windowOf(width, height, [0.2, 0.7, 0.3, 0.99])];
        for (const window of windows) {
          if (window === undefined) continue;
          expect(rowsOf(rasterizePolygons(ring, target, width, height, window)), `vector ${i} (${vector.kind}) in ${JSON.stringify(window)}`).toEqual(cropRows(frame, window));
        }
      }
    });

    it(`${target}: random rings reaching far outside the frame, in random windows (property)`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }), rings, windowFractions, (width, height, polygons, fractions) => {
          const frame = rasterizePolygons(polygons, target, width, height);
          expectCovered(frame, polygonWindow(polygons, width, height));
          const window = windowOf(width, height, fractions);
          expect(rowsOf(rasterizePolygons(polygons, target, width, height, window))).toEqual(cropRows(frame, window));
        }),
        { numRuns: 3000 },
      );
    });
  }

  it("pycocotools: tall thin frames, where toggles below the frame meet the next column's top (property)", () => {
    const near = fc.oneof(fc.integer({ min: -2, max: 8 }), fc.double({ min: -2, max: 8, noNaN: true }));
    const tall = fc.oneof(fc.integer({ min: -5, max: 125 }), fc.double({ min: -5, max: 125, noNaN: true }));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 120 }), fc.array(fc.tuple(near, tall), { minLength: 3, maxLength: 8 }), windowFractions, (width, height, ring, fractions) => {
        const frame = rasterizePolygons([ring], "pycocotools", width, height);
        const window = windowOf(width, height, fractions);
        expect(rowsOf(rasterizePolygons([ring], "pycocotools", width, height, window))).toEqual(cropRows(frame, window));
      }),
      { numRuns: 3000 },
    );
  });
});

describe("rasterizePolygons: work and memory follow the window", () => {
  // Before issue 21 pycocotools' walk visited every fine-grid point of every edge: 34 s for
  // this triangle on a 100×100 image. Now a few milliseconds; 2 s leaves a margin of > 100×.
  it.each(TARGETS)("%s: a polygon with vertices 10⁸ px outside a 100×100 image decodes in bounded time", (target) => {
    const ring: Ring = [
      [10, 10],
      [2e8, 10],
      [2e8, 2e8],
      [10, 2e8],
      [-1e8, 50],
    ];
    const started = performance.now();
    const full = rasterizePolygons([ring], target, 100, 100);
    const window = polygonWindow([ring], 100, 100)!;
    const windowed = rasterizePolygons([ring], target, 100, 100, window);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(rowsOf(windowed)).toEqual(cropRows(full, window));
    expect(full.data.reduce((sum, v) => sum + v, 0)).toBeGreaterThan(8000);
  });

  it("pycocotools: near-vertical edges 4·10⁸ fine steps long cost no more than their columns", () => {
    const ring: Ring = [
      [40, -1e8],
      [41, 1e8],
      [60.5, 1e8],
      [59.5, -1e8],
    ];
    const window = { x: 30, y: 0, width: 40, height: 100 };
    const started = performance.now();
    const bitmap = rasterizePolygons([ring], "pycocotools", 100, 100, window);
    expect(performance.now() - started).toBeLessThan(2000);
    // Pixel centres 41.5..59.5 lie between the edges (x ≈ 40.5 and 60 in these rows).
    expect(bitmap.data.reduce((sum, v) => sum + v, 0)).toBe(19 * 100);
    expect(rowsOf(bitmap)).toEqual(cropRows(rasterizePolygons([ring], "pycocotools", 100, 100), window));
  });

  it("a 10×10 polygon in a 100000×100000 frame allocates its window only", () => {
    const ring: Ring = [
      [10, 10],
      [20, 10],
      [20, 20],
      [10, 20],
    ];
    const window = polygonWindow([ring], 100_000, 100_000)!;
    expect(window).toEqual({ x: 9, y: 9, width: 13, height: 13 });
    for (const target of TARGETS) {
      const bitmap = rasterizePolygons([ring], target, 100_000, 100_000, window);
      expect(bitmap.data.length).toBe(13 * 13);
      expect(bitmap.data.reduce((sum, v) => sum + v, 0)).toBe(target === "pycocotools" ? 100 : 121);
    }
  });

  it("polygonWindow: undefined for a polygon that misses the frame; the whole frame for a non-finite coordinate", () => {
    expect(polygonWindow([[[-50, -50], [-10, -50], [-10, -10]]], 10, 10)).toBeUndefined();
    expect(polygonWindow([[[0, 0], [Number.NaN, 3], [3, 3]]], 10, 8)).toEqual({ x: 0, y: 0, width: 10, height: 8 });
  });

  it("refuses a window outside the frame and a coordinate beyond ±2³¹ (INVALID_INPUT)", () => {
    const square: Ring = [
      [1, 1],
      [3, 1],
      [3, 3],
    ];
    for (const window of [{ x: 5, y: 0, width: 6, height: 1 }, { x: -1, y: 0, width: 2, height: 2 }, { x: 0, y: 0, width: 1.5, height: 1 }]) {
      expect(() => rasterizePolygons([square], "pycocotools", 10, 10, window)).toThrow(expect.objectContaining({ code: "INVALID_INPUT", message: expect.stringContaining("window") }));
    }
    try {
      rasterizePolygons([[[0, 0], [3e9, 0], [0, 3]]], "fillpoly", 10, 10);
      expect.unreachable();
    } catch (error) {
      expect(isMaskportError(error) && error.code).toBe("INVALID_INPUT");
      expect((error as Error).message).toContain("beyond ±2³¹");
    }
  });
});
