import { collectFiles, memoryDataset, runExport, type Instance, type Labelmap, type Sample } from "@maskport/core";
import { bitmapFromRows } from "@maskport/core/testing";
import { makeInstance, makeSample } from "@maskport/core/testing";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cvatExporter, type CvatExporterOptions } from "./cvat-exporter.ts";
import { readCvatXml } from "./cvat-importer.ts";

const labelmap: Labelmap = {
  labels: [
    { id: 0, name: "background", color: [0, 0, 0], parts: [], actions: [] },
    { id: 1, name: "tumor & <core>", color: [250, 50, 83], parts: [], actions: [] },
    { id: 2, name: 'ödem "2"', color: [10, 200, 30], parts: [], actions: [] },
  ],
  backgroundId: 0,
  dialect: "cvat",
};

const maskOptions: CvatExporterOptions = { shapes: "mask", complex: "mask", tolerance: 0, taskName: "t", timestamp: "1970-01-01 00:00:00+00:00", saveImages: false };

/** A random sample: instances may overlap, have holes, several parts, touch the borders. */
const sampleArbitrary = fc
  .record({ width: fc.integer({ min: 1, max: 24 }), height: fc.integer({ min: 1, max: 24 }) })
  .chain(({ width, height }) =>
    fc.record({
      width: fc.constant(width),
      height: fc.constant(height),
      instances: fc.array(
        fc.record({
          x: fc.integer({ min: 0, max: width - 1 }),
          y: fc.integer({ min: 0, max: height - 1 }),
          w: fc.integer({ min: 1, max: width }),
          h: fc.integer({ min: 1, max: height }),
          density: fc.double({ min: 0.2, max: 1, noNaN: true }),
          seed: fc.integer(),
          label: fc.integer({ min: 1, max: 2 }),
        }),
        { maxLength: 6 },
      ),
    }),
  )
  .map(({ width, height, instances }): Sample => {
    const made: Instance[] = [];
    for (const spec of instances) {
      const w = Math.min(spec.w, width - spec.x);
      const h = Math.min(spec.h, height - spec.y);
      const data = new Uint8Array(w * h);
      let state = spec.seed | 0;
      for (let i = 0; i < data.length; i++) {
        state = (Math.imul(state, 1103515245) + 12345) | 0;
        data[i] = ((state >>> 8) & 0xffff) / 0x10000 < spec.density ? 1 : 0;
      }
      const instance = makeInstance({ width: w, height: h, data }, { x: spec.x, y: spec.y, label: spec.label, instanceId: made.length + 1 });
      if (instance.area > 0) made.push(instance);
    }
    return makeSample({ id: "dir/slice", width, height, instances: made });
  });

async function throughCvat(samples: Sample[], options: CvatExporterOptions): Promise<Sample[]> {
  const files = await collectFiles(runExport(memoryDataset(labelmap, samples), cvatExporter, options));
  const text = new TextDecoder().decode(files.get("annotations.xml") as Uint8Array);
  const dataset = readCvatXml(text, "annotations.xml", { report: () => {} });
  expect(dataset.labelmap.labels.map((l) => [l.name, l.color])).toEqual(labelmap.labels.map((l) => [l.name, l.color]));
  const out: Sample[] = [];
  for await (const ref of dataset.refs()) out.push(await dataset.load(ref));
  return out;
}

function plain(sample: Sample): unknown {
  return {
    id: sample.id,
    width: sample.width,
    height: sample.height,
    instances: sample.instances.map((i) => ({ label: i.label, bbox: i.bbox, area: i.area, pixels: Array.from(i.bitmap.data).join("") })),
  };
}

describe("masks → CVAT XML (<mask>) → import → masks", () => {
  it("is pixel-identical for random instances (holes, several parts, overlaps)", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(sampleArbitrary, { minLength: 1, maxLength: 3 }), async (samples) => {
        const named = samples.map((s, i) => ({ ...s, id: `dir/slice${i}` }));
        const back = await throughCvat(named, maskOptions);
        expect(back.map(plain)).toEqual(named.map(plain));
      }),
      { numRuns: 100 },
    );
  });
});

const polygonOptions: CvatExporterOptions = { ...maskOptions, shapes: "polygon" };

/**
 * A random hole-free single-part instance: one run of pixels per row, each overlapping the
 * previous row's run (so 4-connected and simply connected).
 */
const simpleInstance = (width: number, height: number) =>
  fc
    .record({
      top: fc.integer({ min: 0, max: height - 1 }),
      rows: fc.array(fc.record({ a: fc.nat(), b: fc.nat() }), { minLength: 1, maxLength: height }),
      label: fc.integer({ min: 1, max: 2 }),
    })
    .map(({ top, rows, label }) => {
      const h = Math.min(rows.length, height - top);
      const data = new Uint8Array(width * height);
      let previous: [number, number] | undefined;
      for (let r = 0; r < h; r++) {
        const spec = rows[r] as { a: number; b: number };
        let start = spec.a % width;
        let end = start + 1 + (spec.b % (width - start));
        if (previous !== undefined && (end <= previous[0] || start >= previous[1])) {
          // Pull the run over the previous one so the rows stay 4-connected.
          start = Math.min(start, previous[1] - 1);
          end = Math.max(end, previous[0] + 1);
        }
        for (let x = start; x < end; x++) data[(top + r) * width + x] = 1;
        previous = [start, end];
      }
      return makeInstance({ width, height, data }, { label });
    });

describe("polygon mode", () => {
  it("is pixel-identical at tolerance 0 for hole-free single-part instances", async () => {
    const arbitrary = fc
      .record({ width: fc.integer({ min: 1, max: 20 }), height: fc.integer({ min: 1, max: 20 }) })
      .chain(({ width, height }) => fc.record({ width: fc.constant(width), height: fc.constant(height), instances: fc.array(simpleInstance(width, height), { minLength: 1, maxLength: 4 }) }));
    await fc.assert(
      fc.asyncProperty(arbitrary, async ({ width, height, instances }) => {
        const sample = makeSample({ id: "p", width, height, instances: instances.map((i, k) => ({ ...i, instanceId: k + 1 })) });
        const fragment = await cvatExporter.encodeSample(sample, polygonOptions, { labelmap, report: () => {} });
        expect(fragment.shapes.every((s) => s.type === "polygon")).toBe(true);
        expect(fragment.fidelity.every((f) => f.lost === 0 && f.added === 0 && f.iou === 1)).toBe(true);
        const [back] = await throughCvat([sample], polygonOptions);
        expect(plain(back as Sample)).toEqual(plain(sample));
      }),
      { numRuns: 100 },
    );
  });

  it("writes pixel-corner points with 2 decimals (FORMATS.md §2.7 outline)", async () => {
    const sample = makeSample({ id: "w", width: 4, height: 3, instances: [makeInstance(bitmapFromRows([".##.", ".###", "..#."]), { label: 1 })] });
    const fragment = await cvatExporter.encodeSample(sample, polygonOptions, { labelmap, report: () => {} });
    const [shape] = fragment.shapes;
    expect(shape?.type).toBe("polygon");
    // The same closed outline as §2.7, whatever vertex the tracer starts from and its direction.
    const points = shape?.type === "polygon" ? shape.points : [];
    const pairs = Array.from({ length: points.length / 2 }, (_, i) => `${points[2 * i]},${points[2 * i + 1]}`);
    const expected = ["1,0", "3,0", "3,1", "4,1", "4,2", "3,2", "3,3", "2,3", "2,2", "1,2"];
    const start = pairs.indexOf("1,0");
    const rotated = [...pairs.slice(start), ...pairs.slice(0, start)];
    const reversed = [rotated[0], ...rotated.slice(1).reverse()];
    expect([rotated, reversed]).toContainEqual(expected);
    const files = await collectFiles(runExport(memoryDataset(labelmap, [sample]), cvatExporter, polygonOptions));
    const xml = new TextDecoder().decode(files.get("annotations.xml") as Uint8Array);
    expect(xml).toMatch(/<polygon label="tumor &amp; &lt;core&gt;" source="manual" occluded="0" points="(\d\.00,\d\.00;){9}\d\.00,\d\.00" z_order="0"><\/polygon>/);
    expect(xml).toContain("<type>any</type>");
  });

  it("reports LOSSY_ENCODING for exactly the polygons that do not decode exactly (tolerance > 0)", async () => {
    const disk = (cx: number, cy: number, r: number, id: number) => {
      const data = new Uint8Array(40 * 40);
      for (let y = 0; y < 40; y++) for (let x = 0; x < 40; x++) if ((x + 0.5 - cx) ** 2 + (y + 0.5 - cy) ** 2 <= r * r) data[y * 40 + x] = 1;
      return makeInstance({ width: 40, height: 40, data }, { label: 1, instanceId: id });
    };
    const sample = makeSample({ width: 40, height: 40, instances: [disk(12, 12, 9, 1), disk(30, 30, 6, 2), makeInstance(bitmapFromRows(["##"]), { label: 2, instanceId: 3, x: 30, y: 2 })] });
    const reported: (number | undefined)[] = [];
    const fragment = await cvatExporter.encodeSample(sample, { ...polygonOptions, tolerance: 1.5 }, {
      labelmap,
      report: (d) => {
        if (d.code === "LOSSY_ENCODING") reported.push(d.instanceId);
      },
    });
    const lossy = fragment.fidelity.filter((f) => f.lost > 0 || f.added > 0).map((f) => f.instanceId);
    expect(lossy.length).toBeGreaterThan(0);
    expect(reported).toEqual(lossy);
  });

  const holed = makeInstance(bitmapFromRows(["#####", "#...#", "#.#.#", "#...#", "#####"]), { label: 1, instanceId: 1, x: 1, y: 1 });
  const twoParts = makeInstance(bitmapFromRows(["##..##", "##..##"]), { label: 2, instanceId: 2, x: 0, y: 7 });
  const complexSample = makeSample({ id: "c", width: 8, height: 9, instances: [holed, twoParts] });

  it("falls back to <mask> for holes and several parts by default, losslessly", async () => {
    const fragment = await cvatExporter.encodeSample(complexSample, polygonOptions, { labelmap, report: () => {} });
    expect(fragment.shapes.map((s) => s.type)).toEqual(["mask", "mask"]);
    const [back] = await throughCvat([complexSample], polygonOptions);
    expect(plain(back as Sample)).toEqual(plain(complexSample));
  });

  it("bridges holes and parts into one polygon with complex=bridge, and its fidelity is what the importer sees", async () => {
    const options: CvatExporterOptions = { ...polygonOptions, complex: "bridge" };
    const fragment = await cvatExporter.encodeSample(complexSample, options, { labelmap, report: () => {} });
    expect(fragment.shapes.map((s) => s.type)).toEqual(["polygon", "polygon"]);
    expect(fragment.fidelity.map((f) => f.encoding)).toEqual(["polygon (bridged)", "polygon (bridged)"]);
    const [back] = await throughCvat([complexSample], options);
    for (const [k, source] of complexSample.instances.entries()) {
      const decoded = back?.instances[k];
      const fidelity = fragment.fidelity[k];
      if (decoded === undefined || fidelity === undefined) throw new Error("instance missing");
      let kept = 0;
      for (let y = 0; y < decoded.bbox.height; y++)
        for (let x = 0; x < decoded.bbox.width; x++) {
          const sx = x + decoded.bbox.x - source.bbox.x;
          const sy = y + decoded.bbox.y - source.bbox.y;
          const inSource = sx >= 0 && sy >= 0 && sx < source.bbox.width && sy < source.bbox.height && source.bitmap.data[sy * source.bbox.width + sx] === 1;
          if (inSource && decoded.bitmap.data[y * decoded.bbox.width + x] === 1) kept++;
        }
      expect([source.area - kept, decoded.area - kept]).toEqual([fidelity.lost, fidelity.added]);
    }
  });
});
