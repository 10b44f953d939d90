import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isMaskportError } from "../errors.ts";
import type { Instance } from "../types.ts";
import { instancesFromRasters } from "./instances.ts";
import { parseLabelmap } from "./labelmap.ts";

const labelmap = parseLabelmap("0: Background\n1: Tumor\n2: Edema\n3: Necrosis\n");

/** Rows of digits (class or object ids; `.` = 0). */
function raster(rows: string[]): { width: number; height: number; data: Int32Array } {
  return { width: rows[0]?.length ?? 0, height: rows.length, data: Int32Array.from(rows.join(""), (c) => (c === "." ? 0 : Number.parseInt(c, 36))) };
}

/** An instance's crop as rows of `#`/`.`. */
function rows(instance: Instance): string[] {
  const out: string[] = [];
  for (let y = 0; y < instance.bitmap.height; y++) {
    let row = "";
    for (let x = 0; x < instance.bitmap.width; x++) row += instance.bitmap.data[y * instance.bitmap.width + x] === 1 ? "#" : ".";
    out.push(row);
  }
  return out;
}

function summary(instance: Instance): [number, number, [number, number, number, number], number] {
  const { x, y, width, height } = instance.bbox;
  return [instance.instanceId, instance.label, [x, y, width, height], instance.area];
}

describe("instancesFromRasters without an object mask", () => {
  it("keeps a hole inside one instance", () => {
    const classes = raster(["......", ".1111.", ".1..1.", ".1111.", "......"]);
    const { instances, diagnostics } = instancesFromRasters({ ...classes, classRaster: classes.data, labelmap });
    expect(diagnostics).toEqual([]);
    expect(instances.map(summary)).toEqual([[1, 1, [1, 1, 4, 3], 10]]);
    expect(rows(instances[0] as Instance)).toEqual(["####", "#..#", "####"]);
  });

  it("joins corner-touching pixels under 8-connectivity and splits them under 4", () => {
    const classes = raster(["1..", ".1.", "..2"]);
    const eight = instancesFromRasters({ ...classes, classRaster: classes.data, labelmap });
    // Different classes never join, even when touching.
    expect(eight.instances.map(summary)).toEqual([
      [1, 1, [0, 0, 2, 2], 2],
      [2, 2, [2, 2, 1, 1], 1],
    ]);
    expect(rows(eight.instances[0] as Instance)).toEqual(["#.", ".#"]);
    const four = instancesFromRasters({ ...classes, classRaster: classes.data, labelmap, connectivity: 4 });
    expect(four.instances.map(summary)).toEqual([
      [1, 1, [0, 0, 1, 1], 1],
      [2, 1, [1, 1, 1, 1], 1],
      [3, 2, [2, 2, 1, 1], 1],
    ]);
  });

  it("handles a single pixel at the bottom-right border and an empty mask", () => {
    const classes = raster(["...", "...", "..3"]);
    expect(instancesFromRasters({ ...classes, classRaster: classes.data, labelmap }).instances.map(summary)).toEqual([[1, 3, [2, 2, 1, 1], 1]]);
    const empty = raster(["..", ".."]);
    expect(instancesFromRasters({ ...empty, classRaster: empty.data, labelmap }).instances).toEqual([]);
  });

  it("groups by class when asked: one instance per class, by ascending label id", () => {
    const classes = raster(["2.1", "...", "1.2"]);
    const { instances } = instancesFromRasters({ ...classes, classRaster: classes.data, labelmap, grouping: "class" });
    expect(instances.map(summary)).toEqual([
      [1, 1, [0, 0, 3, 3], 2],
      [2, 2, [0, 0, 3, 3], 2],
    ]);
    expect(rows(instances[0] as Instance)).toEqual(["..#", "...", "#.."]);
  });

  it("treats the background label's id as no label, even when it is not 0", () => {
    const odd = parseLabelmap("5: background\n1: Tumor\n");
    const classes = raster(["51", "55"]);
    expect(instancesFromRasters({ ...classes, classRaster: classes.data, labelmap: odd }).instances.map(summary)).toEqual([[1, 1, [1, 0, 1, 1], 1]]);
  });

  it("reads Uint8 and Uint16 class rasters as they are, the background id as no label", () => {
    const classes = raster(["1.2", "..2"]);
    for (const classRaster of [Uint8Array.from(classes.data), Uint16Array.from(classes.data)]) {
      expect(instancesFromRasters({ ...classes, classRaster, labelmap }).instances.map(summary)).toEqual([
        [1, 1, [0, 0, 1, 1], 1],
        [2, 2, [2, 0, 1, 2], 2],
      ]);
    }
  });

  it("treats NO_LABEL (-1) and the background id alike in one raster", () => {
    // Background is id 0 here; -1 (unlabelled) pixels split nothing and join nothing.
    const classRaster = Int32Array.from([1, -1, 1, 0, 1, 0, -1, 1]);
    const { instances } = instancesFromRasters({ width: 4, height: 2, classRaster, labelmap, connectivity: 4 });
    expect(instances.map(summary)).toEqual([
      [1, 1, [0, 0, 1, 2], 2],
      [2, 1, [2, 0, 1, 1], 1],
      [3, 1, [3, 1, 1, 1], 1],
    ]);
  });

  it("refuses a class value that is no label id", () => {
    const classes = raster(["1.", ".9"]);
    try {
      instancesFromRasters({ ...classes, classRaster: classes.data, labelmap, file: "c.png" });
      expect.unreachable();
    } catch (error) {
      expect(isMaskportError(error) && error.code).toBe("UNKNOWN_VALUE");
      expect(String(error)).toContain("c.png, pixel (x=1, y=1): class value 9");
    }
  });
});

describe("instancesFromRasters with an object mask", () => {
  it("keeps touching objects of one class apart and numbers them by object id", () => {
    const classes = raster(["1111", "1111"]);
    const objects = raster(["7733", "7733"]);
    const { instances, diagnostics } = instancesFromRasters({ ...classes, classRaster: classes.data, objectRaster: objects.data, labelmap });
    expect(diagnostics).toEqual([]);
    expect(instances.map(summary)).toEqual([
      [3, 1, [2, 0, 2, 2], 4],
      [7, 1, [0, 0, 2, 2], 4],
    ]);
  });

  it("labels an object by its majority class and warns with the counts", () => {
    const classes = raster(["112", "1.."]);
    const objects = raster(["111", "1.."]);
    const { instances, diagnostics } = instancesFromRasters({ ...classes, classRaster: classes.data, objectRaster: objects.data, labelmap, sampleId: "scans/Y1" });
    expect(instances.map(summary)).toEqual([[1, 1, [0, 0, 3, 2], 4]]);
    expect(diagnostics).toEqual([
      { severity: "warning", code: "CLASS_DISAGREEMENT", sampleId: "scans/Y1", instanceId: 1, message: "scans/Y1: object 1 covers 3 Tumor, 1 Edema pixels; labelled Tumor (majority)" },
    ]);
  });

  it("leaves out object pixels over background and drops objects entirely on background", () => {
    const classes = raster(["11..", "...."]);
    const objects = raster(["1122", "1..."]);
    const { instances, diagnostics } = instancesFromRasters({ ...classes, classRaster: classes.data, objectRaster: objects.data, labelmap, sampleId: "a" });
    expect(instances.map(summary)).toEqual([[1, 1, [0, 0, 2, 1], 2]]);
    expect(diagnostics.map((d) => [d.code, d.instanceId, d.message])).toEqual([
      ["CLASS_DISAGREEMENT", 1, "a: 1 of object 1's 3 pixels are background in the class mask; left out"],
      ["INSTANCE_DROPPED", 2, "a: object 2 lies entirely on background in the class mask (2 pixels); dropped"],
    ]);
  });

  it("turns labelled pixels outside every object into component instances after the largest id", () => {
    const classes = raster(["11.2", "....", "2..2"]);
    const objects = raster(["44..", "....", "...."]);
    const { instances, diagnostics } = instancesFromRasters({ ...classes, classRaster: classes.data, objectRaster: objects.data, labelmap, sampleId: "a" });
    expect(instances.map(summary)).toEqual([
      [4, 1, [0, 0, 2, 1], 2],
      [5, 2, [3, 0, 1, 1], 1],
      [6, 2, [0, 2, 1, 1], 1],
      [7, 2, [3, 2, 1, 1], 1],
    ]);
    expect(diagnostics.map((d) => d.message)).toEqual(["a: 3 labelled pixels belong to no object; kept as 3 instances (connected components, ids 5..7)"]);
  });

  it("keeps an object split in two parts as one instance, and ids above 255", () => {
    const classes = raster(["1.1"]);
    const objects = { width: 3, height: 1, data: Uint16Array.from([300, 0, 300]) };
    const { instances } = instancesFromRasters({ ...classes, classRaster: classes.data, objectRaster: objects.data, labelmap });
    expect(instances.map(summary)).toEqual([[300, 1, [0, 0, 3, 1], 2]]);
    expect(rows(instances[0] as Instance)).toEqual(["#.#"]);
  });

  it("ignores the object mask when grouping by components", () => {
    const classes = raster(["11"]);
    const objects = raster(["12"]);
    const { instances } = instancesFromRasters({ ...classes, classRaster: classes.data, objectRaster: objects.data, labelmap, grouping: "components" });
    expect(instances.map(summary)).toEqual([[1, 1, [0, 0, 2, 1], 2]]);
  });

  it("refuses rasters of the wrong length", () => {
    const classes = raster(["11"]);
    expect(() => instancesFromRasters({ ...classes, classRaster: classes.data, objectRaster: new Int32Array(3), labelmap })).toThrow(/rasters do not hold 2×1/);
  });
});

describe("instancesFromRasters, properties", () => {
  const sampleArb = fc
    .record({ width: fc.integer({ min: 1, max: 16 }), height: fc.integer({ min: 1, max: 16 }) })
    .chain(({ width, height }) =>
      fc.record({
        width: fc.constant(width),
        height: fc.constant(height),
        classes: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: width * height, maxLength: width * height }),
        objects: fc.option(fc.array(fc.integer({ min: 0, max: 5 }), { minLength: width * height, maxLength: width * height }), { nil: undefined }),
        connectivity: fc.constantFrom<4 | 8>(4, 8),
        grouping: fc.constantFrom("object" as const, "components" as const, "class" as const),
      }),
    );

  it("partitions the labelled pixels exactly, with tight boxes and a label matching the class raster", () => {
    fc.assert(
      fc.property(sampleArb, (sample) => {
        const { width, height } = sample;
        const { instances } = instancesFromRasters({
          width,
          height,
          classRaster: Int32Array.from(sample.classes),
          ...(sample.objects === undefined ? {} : { objectRaster: Int32Array.from(sample.objects) }),
          labelmap,
          connectivity: sample.connectivity,
          grouping: sample.grouping,
        });
        const owner = new Int32Array(width * height).fill(-1);
        const ids = new Set<number>();
        instances.forEach((instance, index) => {
          ids.add(instance.instanceId);
          const { x, y, width: bw, height: bh } = instance.bbox;
          expect(instance.bitmap.width).toBe(bw);
          expect(instance.bitmap.height).toBe(bh);
          let area = 0;
          const rowsSeen = new Set<number>();
          const colsSeen = new Set<number>();
          for (let j = 0; j < bh; j++) {
            for (let i = 0; i < bw; i++) {
              if (instance.bitmap.data[j * bw + i] !== 1) continue;
              const p = (y + j) * width + (x + i);
              expect(owner[p]).toBe(-1);
              owner[p] = index;
              area++;
              rowsSeen.add(j);
              colsSeen.add(i);
            }
          }
          expect(area).toBe(instance.area);
          // Tight: the crop's first and last rows and columns each hold a pixel.
          expect([rowsSeen.has(0), rowsSeen.has(bh - 1), colsSeen.has(0), colsSeen.has(bw - 1)]).toEqual([true, true, true, true]);
          if (sample.objects === undefined || sample.grouping !== "object") {
            for (let p = 0; p < owner.length; p++) if (owner[p] === index) expect(sample.classes[p]).toBe(instance.label);
          }
        });
        for (let p = 0; p < owner.length; p++) expect(owner[p] !== -1).toBe(sample.classes[p] !== 0);
        expect(ids.size).toBe(instances.length);
        const order = instances.map((instance) => instance.instanceId);
        expect(order).toEqual([...order].sort((a, b) => a - b));
      }),
      { numRuns: 150 },
    );
  });
});
