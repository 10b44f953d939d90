import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isMaskportError } from "../errors.ts";
import type { Instance, Labelmap } from "../types.ts";
import { instancesFromRasters, type Grouping, type RasterInstances } from "./instances.ts";
import { parseLabelmap } from "./labelmap.ts";
import { NO_LABEL } from "./mask-image.ts";

type Raster = Int32Array | Uint16Array | Uint8Array;

interface Sample {
  readonly width: number;
  readonly height: number;
  readonly classes: Raster;
  readonly objects: Raster | undefined;
  readonly labelmap: Labelmap;
  readonly connectivity: 4 | 8;
  readonly grouping: Grouping | undefined;
  readonly sampleId: string | undefined;
}

/** Pixel groups sharing a key, joined through neighbours (4 or 8), in scan order of their first pixel. */
function floodFill(width: number, height: number, connectivity: 4 | 8, keyOf: (p: number) => number | undefined): number[][] {
  const steps = connectivity === 4 ? [[1, 0], [-1, 0], [0, 1], [0, -1]] : [[1, 0], [-1, 0], [0, 1], [0, -1], [1, 1], [1, -1], [-1, 1], [-1, -1]];
  const seen = new Uint8Array(width * height);
  const groups: number[][] = [];
  for (let start = 0; start < width * height; start++) {
    const key = keyOf(start);
    if (key === undefined || seen[start] === 1) continue;
    seen[start] = 1;
    const group = [start];
    for (let i = 0; i < group.length; i++) {
      const p = group[i] as number;
      const x = p % width;
      const y = (p - x) / width;
      for (const [dx = 0, dy = 0] of steps) {
        const q = (y + dy) * width + (x + dx);
        if (x + dx < 0 || y + dy < 0 || x + dx >= width || y + dy >= height || seen[q] === 1 || keyOf(q) !== key) continue;
        seen[q] = 1;
        group.push(q);
      }
    }
    groups.push(group);
  }
  return groups;
}

/** An instance from its pixels (any order): tight bbox, area and crop. */
function instanceOf(width: number, instanceId: number, label: number, pixels: number[]): Instance {
  const xs = pixels.map((p) => p % width);
  const ys = pixels.map((p) => Math.floor(p / width));
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  const bw = Math.max(...xs) - x + 1;
  const bh = Math.max(...ys) - y + 1;
  const data = new Uint8Array(bw * bh);
  pixels.forEach((_, i) => (data[((ys[i] as number) - y) * bw + (xs[i] as number) - x] = 1));
  return { label, instanceId, bbox: { x, y, width: bw, height: bh }, area: pixels.length, bitmap: { width: bw, height: bh, data } };
}

/** Independent oracle: instancesFromRasters' documented behaviour, pixel by pixel. */
function oracle(sample: Sample): RasterInstances | { unknown: { value: number; x: number; y: number } } {
  const { width, height, classes, objects, labelmap, connectivity } = sample;
  const grouping = sample.grouping ?? "object";
  const labelled = (p: number): boolean => classes[p] !== NO_LABEL && classes[p] !== labelmap.backgroundId;
  for (let p = 0; p < width * height; p++) {
    const c = classes[p] as number;
    if (labelled(p) && !labelmap.labels.some((label) => label.id === c)) return { unknown: { value: c, x: p % width, y: Math.floor(p / width) } };
  }
  const pixelsOf = (test: (p: number) => boolean): number[] => Array.from({ length: width * height }, (_, p) => p).filter(test);
  const components = (test: (p: number) => boolean): number[][] => floodFill(width, height, connectivity, (p) => (test(p) ? classes[p] : undefined));
  if (grouping === "class") {
    const present = [...new Set(pixelsOf(labelled).map((p) => classes[p] as number))].sort((a, b) => a - b);
    return { instances: present.map((c, k) => instanceOf(width, k + 1, c, pixelsOf((p) => labelled(p) && classes[p] === c))), diagnostics: [] };
  }
  if (grouping === "components" || objects === undefined) {
    return { instances: components(labelled).map((group, k) => instanceOf(width, k + 1, classes[group[0] as number] as number, group)), diagnostics: [] };
  }
  const image = sample.sampleId ?? "f.png";
  const where = sample.sampleId === undefined ? {} : { sampleId: sample.sampleId };
  const instances: Instance[] = [];
  const diagnostics: RasterInstances["diagnostics"][number][] = [];
  const ids = [...new Set(pixelsOf((p) => objects[p] !== 0).map((p) => objects[p] as number))].sort((a, b) => a - b);
  for (const id of ids) {
    const mine = pixelsOf((p) => objects[p] === id && labelled(p));
    const outside = pixelsOf((p) => objects[p] === id && !labelled(p)).length;
    const counts = labelmap.labels.map((label) => ({ label, count: mine.filter((p) => classes[p] === label.id).length })).filter(({ count }) => count > 0);
    if (counts.length === 0) {
      diagnostics.push({ severity: "warning", code: "INSTANCE_DROPPED", ...where, instanceId: id, message: `${image}: object ${id} lies entirely on background in the class mask (${outside} pixels); dropped` });
      continue;
    }
    const best = counts.reduce((a, b) => (b.count > a.count ? b : a));
    if (counts.length > 1) {
      const list = counts.map(({ label, count }) => `${count} ${label.name}`).join(", ");
      diagnostics.push({ severity: "warning", code: "CLASS_DISAGREEMENT", ...where, instanceId: id, message: `${image}: object ${id} covers ${list} pixels; labelled ${best.label.name} (majority)` });
    }
    if (outside > 0) {
      diagnostics.push({ severity: "warning", code: "CLASS_DISAGREEMENT", ...where, instanceId: id, message: `${image}: ${outside} of object ${id}'s ${outside + mine.length} pixels are background in the class mask; left out` });
    }
    instances.push(instanceOf(width, id, best.label.id, mine));
  }
  const rest = components((p) => objects[p] === 0 && labelled(p));
  if (rest.length > 0) {
    const first = Math.max(0, ...ids) + 1;
    rest.forEach((group, k) => instances.push(instanceOf(width, first + k, classes[group[0] as number] as number, group)));
    const uncovered = rest.reduce((sum, group) => sum + group.length, 0);
    const count = `${rest.length} instance${rest.length === 1 ? "" : "s"}`;
    diagnostics.push({ severity: "warning", code: "CLASS_DISAGREEMENT", ...where, message: `${image}: ${uncovered} labelled pixels belong to no object; kept as ${count} (connected components, ids ${first}..${first + rest.length - 1})` });
  }
  return { instances, diagnostics };
}

const LABELMAPS = [
  parseLabelmap("0: Background\n1: Tumor\n2: Edema\n3: Necrosis\n"),
  parseLabelmap("5: background\n1: Tumor\n3: Necrosis\n"),
  parseLabelmap("1: Tumor\n2: Edema\n"), // no background label: only NO_LABEL means none
];

/** `values` as a typed raster of `type`, starting `offset` elements into its buffer (word alignment varies). */
function typed(type: "int32" | "uint16" | "uint8", values: number[], offset: number): Raster {
  if (type === "int32") return Int32Array.from(values);
  const buffer = type === "uint16" ? new Uint16Array(values.length + 4) : new Uint8Array(values.length + 4);
  buffer.set(values, offset);
  return buffer.subarray(offset, offset + values.length);
}

/** Noise, or long runs (each may copy the row above, so regions span rows). */
function valuesArb(width: number, height: number, pool: number[]): fc.Arbitrary<number[]> {
  const noise = fc.array(fc.constantFrom(...pool), { minLength: width * height, maxLength: width * height });
  const runs = fc
    .array(fc.record({ length: fc.integer({ min: 1, max: 3 * width }), value: fc.constantFrom(...pool), copy: fc.boolean() }), { minLength: 1, maxLength: 4 * height })
    .map((parts) => {
      const out: number[] = [];
      for (const { length, value, copy } of parts) {
        for (let i = 0; i < length && out.length < width * height; i++) out.push(copy && out.length >= width ? (out[out.length - width] as number) : value);
      }
      while (out.length < width * height) out.push(pool[0] as number);
      return out;
    });
  return fc.oneof(noise, runs);
}

const sampleArb: fc.Arbitrary<Sample> = fc
  .record({ width: fc.integer({ min: 1, max: 40 }), height: fc.integer({ min: 1, max: 12 }), map: fc.integer({ min: 0, max: LABELMAPS.length - 1 }), classType: fc.constantFrom("int32" as const, "uint16" as const, "uint8" as const), unknown: fc.integer({ min: 0, max: 15 }) })
  .chain(({ width, height, map, classType, unknown }) => {
    const labelmap = LABELMAPS[map] as Labelmap;
    const ids = labelmap.labels.map((label) => label.id);
    // NO_LABEL only fits an Int32 raster; a value that is no label id now and then.
    const pool = [ids[0] as number, ...(classType === "int32" ? [NO_LABEL] : []), ...ids, ...ids, ...(unknown === 0 ? [9] : [])];
    return fc.record({
      width: fc.constant(width),
      height: fc.constant(height),
      classes: fc.tuple(valuesArb(width, height, pool), fc.integer({ min: 0, max: 3 })).map(([values, offset]) => typed(classType, values, offset)),
      objects: fc.option(
        fc.tuple(valuesArb(width, height, [0, 0, 1, 2, 3, 7, 300]), fc.constantFrom("int32" as const, "uint16" as const), fc.integer({ min: 0, max: 3 })).map(([values, type, offset]) => typed(type, values, offset)),
        { nil: undefined },
      ),
      labelmap: fc.constant(labelmap),
      connectivity: fc.constantFrom<4 | 8>(4, 8),
      grouping: fc.constantFrom<Grouping | undefined>("object", "components", "class", undefined),
      sampleId: fc.constantFrom("scans/a", undefined),
    });
  });

describe("instancesFromRasters against a pixel-by-pixel oracle", () => {
  it("gives the same instances (ids, order, labels, boxes, areas, crops) and diagnostics, or the same UNKNOWN_VALUE pixel", () => {
    fc.assert(
      fc.property(sampleArb, (sample) => {
        const expected = oracle(sample);
        const run = (): RasterInstances =>
          instancesFromRasters({
            width: sample.width,
            height: sample.height,
            classRaster: sample.classes,
            ...(sample.objects === undefined ? {} : { objectRaster: sample.objects }),
            labelmap: sample.labelmap,
            connectivity: sample.connectivity,
            ...(sample.grouping === undefined ? {} : { grouping: sample.grouping }),
            ...(sample.sampleId === undefined ? {} : { sampleId: sample.sampleId }),
            file: "f.png",
          });
        if ("unknown" in expected) {
          const { value, x, y } = expected.unknown;
          let error: unknown;
          try {
            run();
          } catch (thrown) {
            error = thrown;
          }
          expect(isMaskportError(error) && [error.code, error.pixel]).toEqual(["UNKNOWN_VALUE", { x, y }]);
          expect(String(error)).toContain(`class value ${value} is not a label id`);
          return;
        }
        expect(run()).toEqual(expected);
      }),
      { numRuns: 600 },
    );
  });

  it("handles frame-wide runs, runs across word boundaries and a full frame of one class", () => {
    const labelmap = LABELMAPS[0] as Labelmap;
    for (const width of [1, 3, 4, 5, 8, 13, 64]) {
      for (const fill of [0, 2]) {
        const values = Array.from({ length: width * 3 }, (_, p) => (p % width === width - 1 ? 1 : fill));
        for (const type of ["int32", "uint16", "uint8"] as const) {
          for (const offset of [0, 1, 2, 3]) {
            const sample: Sample = { width, height: 3, classes: typed(type, values, offset), objects: undefined, labelmap, connectivity: 8, grouping: undefined, sampleId: undefined };
            expect(instancesFromRasters({ width, height: 3, classRaster: sample.classes, labelmap, file: "f.png" })).toEqual(oracle(sample));
          }
        }
      }
    }
  });
});
