import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Bitmap } from "../types.ts";
import { blobMask, noiseMask } from "./__fixtures__/random-masks.ts";
import { polygonFidelity } from "./fidelity.ts";
import { simplifyRings } from "./simplify-rings.ts";
import { toPolygons } from "./to-polygons.ts";
import type { Point, Ring } from "./types.ts";

/** Independent check: do two segments cross at a point interior to both? */
function properlyCross(a: Point, b: Point, c: Point, d: Point): boolean {
  const o = (p: Point, q: Point, r: Point): number => Math.sign((q[0] - p[0]) * (r[1] - p[1]) - (q[1] - p[1]) * (r[0] - p[0]));
  return o(a, b, c) * o(a, b, d) < 0 && o(c, d, a) * o(c, d, b) < 0;
}

function edgesOf(rings: readonly Ring[]): [Point, Point][] {
  const edges: [Point, Point][] = [];
  for (const ring of rings) for (let i = 0; i < ring.length; i++) edges.push([ring[i] as Point, ring[(i + 1) % ring.length] as Point]);
  return edges;
}

function segmentDistance(p: Point, a: Point, b: Point): number {
  const ux = b[0] - a[0];
  const uy = b[1] - a[1];
  const l = ux * ux + uy * uy;
  const t = l === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * ux + (p[1] - a[1]) * uy) / l));
  return Math.hypot(a[0] + t * ux - p[0], a[1] + t * uy - p[1]);
}

function checkSimplification(bitmap: Bitmap, tolerance: number): void {
  for (const target of ["pycocotools", "fillpoly"] as const) {
    for (const parts of ["bridge", "separate"] as const) {
      const exact = toPolygons(bitmap, { target, parts });
      const simple = toPolygons(bitmap, { target, parts, tolerance });
      expect(simple.length).toBe(exact.length);
      simple.forEach((ring, r) => {
        const original = exact[r] as Ring;
        expect(ring.length).toBeGreaterThanOrEqual(Math.min(3, original.length));
        // Vertices are a subsequence of the exact ring's vertices (never moved).
        let k = 0;
        for (const p of ring) {
          while (k < original.length && ((original[k] as Point)[0] !== p[0] || (original[k] as Point)[1] !== p[1])) k++;
          expect(k).toBeLessThan(original.length);
          k++;
        }
        // Every exact vertex stays within the tolerance of the simplified ring.
        const edges = edgesOf([ring]);
        for (const p of original) {
          const nearest = Math.min(...edges.map(([a, b]) => segmentDistance(p, a, b)));
          expect(nearest).toBeLessThanOrEqual(tolerance + 1e-9);
        }
      });
      // No two edges of the output cross.
      const edges = edgesOf(simple);
      for (let i = 0; i < edges.length; i++)
        for (let j = i + 1; j < edges.length; j++) {
          const [a, b] = edges[i] as [Point, Point];
          const [c, d] = edges[j] as [Point, Point];
          expect(properlyCross(a, b, c, d)).toBe(false);
        }
    }
  }
}

describe("simplifyRings", () => {
  it("keeps rings unchanged at tolerance 0", () => {
    const ring: Ring = [[0, 0], [5, 0], [5, 1], [6, 1], [6, 5], [0, 5]];
    expect(simplifyRings([ring], 0)).toEqual([ring]);
  });

  it("removes a 1-pixel step within tolerance 1 but not within 0.5", () => {
    const ring: Ring = [[0, 0], [10, 0], [10, 1], [20, 1], [20, 10], [0, 10]];
    expect(simplifyRings([ring], 0.5)).toEqual([ring]);
    expect(simplifyRings([ring], 1).length).toBe(1);
    expect((simplifyRings([ring], 1)[0] as Ring).length).toBeLessThan(ring.length);
  });

  it("never cuts a corner across another ring", () => {
    // A notch whose removal would swallow the small square sitting inside it.
    const outer: Ring = [[0, 0], [10, 0], [10, 10], [6, 10], [5, 6], [4, 10], [0, 10]];
    const island: Ring = [[4.8, 8], [5.2, 8], [5.2, 8.4], [4.8, 8.4]];
    const [simpleOuter] = simplifyRings([outer, island], 100);
    expect(simpleOuter).toContainEqual([5, 6]);
  });

  it("simplifies a large disc a lot with tolerance 1 and stays close", () => {
    const disc = { width: 256, height: 256, data: new Uint8Array(256 * 256) };
    for (let y = 0; y < 256; y++) for (let x = 0; x < 256; x++) disc.data[y * 256 + x] = (x - 128) ** 2 + (y - 120) ** 2 <= 90 ** 2 ? 1 : 0;
    const exact = toPolygons(disc, { target: "pycocotools", parts: "bridge" });
    const simple = toPolygons(disc, { target: "pycocotools", parts: "bridge", tolerance: 1 });
    const count = (rings: Ring[]): number => rings.reduce((n, r) => n + r.length, 0);
    expect(count(simple)).toBeLessThan(count(exact) / 2);
    expect(polygonFidelity(disc, simple, "pycocotools").iou).toBeGreaterThan(0.97);
  });

  it("never self-intersects, never moves vertices, stays within tolerance (properties)", () => {
    fc.assert(
      fc.property(blobMask(40), fc.constantFrom(0.5, 1, 1.5, 3), (bitmap, tolerance) => checkSimplification(bitmap, tolerance)),
      { numRuns: 60 },
    );
    fc.assert(
      fc.property(noiseMask(12), fc.constantFrom(0.75, 1.5, 4), (bitmap, tolerance) => checkSimplification(bitmap, tolerance)),
      { numRuns: 60 },
    );
  });
});
