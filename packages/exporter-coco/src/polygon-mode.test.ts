import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { readSamples, type Instance, type Sample } from "@maskport/core";
import { cocoImporter } from "./coco-importer.ts";
import { exportCoco, instanceFromFrame, labelmapOf, sampleOf } from "./__fixtures__/samples.ts";

const scratch = mkdtempSync(join(tmpdir(), "maskport-coco-polygon-"));
let folders = 0;

/** Export → disk → `coco` importer (which decodes polygons with the pycocotools-style rasteriser). */
async function reimport(files: ReadonlyMap<string, Uint8Array | { copyFrom: string }>): Promise<Sample[]> {
  const root = join(scratch, `case-${++folders}`);
  for (const [path, contents] of files) {
    if (!(contents instanceof Uint8Array)) continue;
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), contents);
  }
  const samples: Sample[] = [];
  for await (const sample of readSamples(await cocoImporter.read(root, {}, { report: () => {} }))) samples.push(sample);
  return samples;
}

const plain = (i: Instance) => ({ label: i.label, bbox: i.bbox, area: i.area, data: [...i.bitmap.data] });

/** Rows of `#` and `.` → full frame of 0/1. */
function frameOf(rows: readonly string[]): { frame: Uint8Array; width: number; height: number } {
  const width = rows[0]!.length;
  return { frame: Uint8Array.from(rows.join("").split(""), (c) => (c === "#" ? 1 : 0)), width, height: rows.length };
}

describe("coco exporter: polygon mode", () => {
  it("§2.7 example: one exact polygon, area 6, bbox [1, 0, 3, 3], iscrowd 0", async () => {
    const { frame, width, height } = frameOf([".##.", ".###", "..#."]);
    const instance = instanceFromFrame(frame, width, height, 1, 1, 1)!;
    const result = await exportCoco(labelmapOf("tumor"), [sampleOf("a", width, height, [instance])], { segmentation: "polygon" });
    const annotation = result.json().annotations[0]!;
    expect(annotation).toMatchObject({ area: 6, bbox: [1, 0, 3, 3], iscrowd: 0 });
    expect(Array.isArray(annotation.segmentation)).toBe(true);
    const parts = annotation.segmentation as number[][];
    expect(parts).toHaveLength(1);
    // The outline has the 10 corners of FORMATS.md §2.7 (start and direction are free).
    expect(new Set(parts[0]!.map((v, i) => (i % 2 === 0 ? `${v},${parts[0]![i + 1]}` : "")).filter(Boolean))).toEqual(
      new Set(["1,0", "3,0", "3,1", "4,1", "4,2", "3,2", "3,3", "2,3", "2,2", "1,2"]),
    );
    expect(result.diagnostics).toEqual([]);
    expect((await reimport(result.files))[0]!.instances.map(plain)).toEqual([plain(instance)]);
  });

  it("a ring with a hole stays one exact polygon (bridged), decoded pixel-identical", async () => {
    const { frame, width, height } = frameOf(["......", ".####.", ".#..#.", ".#..#.", ".####.", "......"]);
    const instance = instanceFromFrame(frame, width, height, 1, 1, 1)!;
    const result = await exportCoco(labelmapOf("tumor"), [sampleOf("a", width, height, [instance])], { segmentation: "polygon" });
    const annotation = result.json().annotations[0]!;
    expect(Array.isArray(annotation.segmentation) && annotation.segmentation.length).toBe(1);
    expect(annotation.area).toBe(12);
    expect((await reimport(result.files))[0]!.instances.map(plain)).toEqual([plain(instance)]);
  });

  for (const parts of ["bridge", "separate"] as const) {
    it(`random masks at tolerance 0 (${parts}) decode pixel-identical under the pycocotools rasteriser`, async () => {
      const scene = fc.record({ width: fc.integer({ min: 1, max: 10 }), height: fc.integer({ min: 1, max: 10 }) }).chain(({ width, height }) =>
        fc.record({
          width: fc.constant(width),
          height: fc.constant(height),
          frame: fc.uint8Array({ minLength: width * height, maxLength: width * height, min: 0, max: 2 }),
        }),
      );
      await fc.assert(
        fc.asyncProperty(scene, async ({ width, height, frame }) => {
          const instances = [1, 2].map((v) => instanceFromFrame(frame, width, height, v, v, v)).filter((x) => x !== undefined);
          const result = await exportCoco(labelmapOf("a", "b"), [sampleOf("s", width, height, instances)], { segmentation: "polygon", parts });
          const rle = (await exportCoco(labelmapOf("a", "b"), [sampleOf("s", width, height, instances)])).json();
          const json = result.json();
          json.annotations.forEach((annotation, i) => {
            // At tolerance 0 every instance must be an exact polygon: no RLE fallback.
            if (!Array.isArray(annotation.segmentation)) throw new Error(`instance ${i + 1} fell back to RLE`);
            for (const part of annotation.segmentation) expect(part.length >= 6 && part.length % 2 === 0).toBe(true);
            expect([annotation.area, annotation.bbox]).toEqual([rle.annotations[i]!.area, rle.annotations[i]!.bbox]);
          });
          expect(result.diagnostics).toEqual([]);
          const back = await reimport(result.files);
          expect(back[0]!.instances.map(plain)).toEqual(instances.map(plain));
        }),
        { numRuns: 150 },
      );
    });
  }

  it("a polygon that is not exact falls back to RLE by default, or is written and reported with onLossy=report", async () => {
    const size = 24;
    const frame = new Uint8Array(size * size);
    for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) if ((x - 11.5) ** 2 + (y - 11.5) ** 2 <= 81) frame[y * size + x] = 1;
    const instance = instanceFromFrame(frame, size, size, 1, 1, 1)!;
    const sample = sampleOf("disc", size, size, [instance]);
    const fallback = await exportCoco(labelmapOf("tumor"), [sample], { segmentation: "polygon", tolerance: 2 });
    expect(fallback.json().annotations[0]!.segmentation).toMatchObject({ size: [size, size] });
    expect(fallback.diagnostics).toEqual([]);
    const lossy = await exportCoco(labelmapOf("tumor"), [sample], { segmentation: "polygon", tolerance: 2, onLossy: "report" });
    const annotation = lossy.json().annotations[0]!;
    expect(Array.isArray(annotation.segmentation)).toBe(true);
    expect(lossy.diagnostics.map((d) => [d.code, d.instanceId])).toEqual([["LOSSY_ENCODING", 1]]);
    // area and bbox describe what pycocotools decodes, i.e. what re-importing gives.
    const back = (await reimport(lossy.files))[0]!.instances[0]!;
    expect(annotation.area).toBe(back.area);
    expect(annotation.bbox).toEqual([back.bbox.x, back.bbox.y, back.bbox.width, back.bbox.height]);
    expect(plain(back)).not.toEqual(plain(instance));
  });
});
