import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Bitmap } from "../types.ts";
import { componentsByValue, connectedComponents, labelComponents } from "./connected-components.ts";

function bitmap(rows: string[]): Bitmap {
  const height = rows.length;
  const width = rows[0]?.length ?? 0;
  return { width, height, data: Uint8Array.from(rows.join(""), (char) => (char === "#" ? 1 : 0)) };
}

/** Independent oracle: breadth-first flood fill from each unvisited pixel in scan order. */
function floodFill(mask: Bitmap, connectivity: 4 | 8): Int32Array {
  const { width, height, data } = mask;
  const labels = new Int32Array(width * height);
  const steps = connectivity === 4 ? [[1, 0], [-1, 0], [0, 1], [0, -1]] : [[1, 0], [-1, 0], [0, 1], [0, -1], [1, 1], [1, -1], [-1, 1], [-1, -1]];
  let count = 0;
  for (let start = 0; start < data.length; start++) {
    if (data[start] !== 1 || labels[start] !== 0) continue;
    labels[start] = ++count;
    const queue = [start];
    while (queue.length > 0) {
      const p = queue.pop() as number;
      const x = p % width;
      const y = (p - x) / width;
      for (const [dx = 0, dy = 0] of steps) {
        const nx = x + dx;
        const ny = y + dy;
        const q = ny * width + nx;
        if (nx >= 0 && ny >= 0 && nx < width && ny < height && data[q] === 1 && labels[q] === 0) {
          labels[q] = count;
          queue.push(q);
        }
      }
    }
  }
  return labels;
}

describe("connectedComponents", () => {
  it("separates corner-touching pixels under 4- but not 8-connectivity", () => {
    const mask = bitmap(["#..", ".#.", "..#"]);
    expect(connectedComponents(mask, 8).count).toBe(1);
    const four = connectedComponents(mask, 4);
    expect(four.count).toBe(3);
    expect([...four.labels]).toEqual([1, 0, 0, 0, 2, 0, 0, 0, 3]);
  });

  it("merges a U shape whose arms meet late, numbering by first pixel in scan order", () => {
    const result = connectedComponents(bitmap(["#.#.#", "#.#..", "###.#"]), 4);
    expect(result.count).toBe(3);
    expect([...result.labels]).toEqual([1, 0, 1, 0, 2, 1, 0, 1, 0, 0, 1, 1, 1, 0, 3]);
  });

  it("handles a ring with a hole, an empty mask and a full mask", () => {
    expect(connectedComponents(bitmap(["###", "#.#", "###"]), 4).count).toBe(1);
    expect(connectedComponents(bitmap(["...", "..."]), 8).count).toBe(0);
    expect(connectedComponents(bitmap(["##", "##"]), 4).count).toBe(1);
  });

  it("joins through the upper-right diagonal (an anti-diagonal staircase)", () => {
    expect(connectedComponents(bitmap(["..#", ".#.", "#.."]), 8).count).toBe(1);
    expect(connectedComponents(bitmap(["..#", ".#.", "#.."]), 4).count).toBe(3);
  });

  it("grows its union-find table past its first 1024 provisional labels", () => {
    // A 101×101 checkerboard has 5,101 set pixels: each its own 4-component, all one 8-component.
    const rows = Array.from({ length: 101 }, (_, y) => Array.from({ length: 101 }, (_, x) => ((x + y) % 2 === 0 ? "#" : ".")).join(""));
    expect(connectedComponents(bitmap(rows), 4).count).toBe(5101);
    expect(connectedComponents(bitmap(rows), 8).count).toBe(1);
    // 60 vertical bars joined by a last row: 60 provisional labels a row, merged at the bottom.
    const bars = [...Array.from({ length: 40 }, () => "#.".repeat(60)), "#".repeat(120)];
    expect(connectedComponents(bitmap(bars), 4).count).toBe(1);
  });

  it("equals a flood fill on random masks, for both connectivities", () => {
    const maskArb = fc
      .record({ width: fc.integer({ min: 1, max: 24 }), height: fc.integer({ min: 1, max: 24 }) })
      .chain(({ width, height }) =>
        fc.uint8Array({ minLength: width * height, maxLength: width * height, max: 1 }).map((data) => ({ width, height, data })),
      );
    fc.assert(
      fc.property(maskArb, fc.constantFrom<4 | 8>(4, 8), (mask, connectivity) => {
        const expected = floodFill(mask, connectivity);
        const result = connectedComponents(mask, connectivity);
        expect([...result.labels]).toEqual([...expected]);
        expect(result.count).toBe(Math.max(0, ...expected));
      }),
      { numRuns: 300 },
    );
  });
});

describe("componentsByValue", () => {
  /** Independent oracle: flood fill joining neighbours of equal value other than `background`. */
  function floodFillByValue(values: ArrayLike<number>, width: number, height: number, connectivity: 4 | 8, background: number): Int32Array {
    const labels = new Int32Array(width * height);
    let count = 0;
    for (let start = 0; start < labels.length; start++) {
      if (values[start] === background || labels[start] !== 0) continue;
      labels[start] = ++count;
      const stack = [start];
      while (stack.length > 0) {
        const p = stack.pop() as number;
        const x = p % width;
        const y = (p - x) / width;
        for (let dy = -1; dy <= 1; dy++) {
          for (let dx = -1; dx <= 1; dx++) {
            if ((dx === 0 && dy === 0) || (connectivity === 4 && dx !== 0 && dy !== 0)) continue;
            const q = (y + dy) * width + x + dx;
            if (x + dx < 0 || y + dy < 0 || x + dx >= width || y + dy >= height || labels[q] !== 0 || values[q] !== values[p]) continue;
            labels[q] = count;
            stack.push(q);
          }
        }
      }
    }
    return labels;
  }

  it("equals a flood fill on multi-valued rasters (noise and long runs), any background, reused buffers", () => {
    const rasterArb = fc
      .record({ width: fc.integer({ min: 1, max: 40 }), height: fc.integer({ min: 1, max: 10 }), noise: fc.boolean() })
      .chain(({ width, height, noise }) =>
        fc.record({
          width: fc.constant(width),
          height: fc.constant(height),
          // Long runs: each value repeated a random number of times.
          values: noise
            ? fc.array(fc.integer({ min: -1, max: 3 }), { minLength: width * height, maxLength: width * height })
            : fc.array(fc.tuple(fc.integer({ min: -1, max: 3 }), fc.integer({ min: 1, max: 2 * width })), { minLength: 1 }).map((runs) => {
                const out = runs.flatMap(([value, length]) => Array.from({ length }, () => value));
                return Array.from({ length: width * height }, (_, p) => out[p % out.length] as number);
              }),
        }),
      );
    fc.assert(
      fc.property(rasterArb, fc.constantFrom<4 | 8>(4, 8), fc.integer({ min: -1, max: 3 }), fc.integer({ min: 0, max: 3 }), ({ width, height, values }, connectivity, background, offset) => {
        const expected = floodFillByValue(values, width, height, connectivity, background);
        const count = Math.max(0, ...expected);
        const int32 = componentsByValue(Int32Array.from(values), width, height, connectivity, background);
        expect([int32.count, [...int32.labels]]).toEqual([count, [...expected]]);
        if (background >= 0) {
          // Bytes at every word alignment (-1 wraps to 255, a value like any other).
          const bytes = new Uint8Array(values.length + 4);
          bytes.set(values.map((v) => v & 255), offset);
          const raster = bytes.subarray(offset, offset + values.length);
          const stale = new Int32Array(width * height).fill(77);
          const result = labelComponents(raster, width, height, connectivity, background, stale, new Int32Array(offset === 0 ? 1 : 4096).fill(5));
          expect(result.labels).toBe(stale);
          expect([result.count, [...result.labels]]).toEqual([count, [...floodFillByValue(raster, width, height, connectivity, background)]]);
        }
      }),
      { numRuns: 300 },
    );
  });
});
