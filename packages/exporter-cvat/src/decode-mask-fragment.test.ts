import { describe, expect, it } from "vitest";
import { parseLabelmap, type Instance } from "@maskport/core";
import { maskExporter } from "./mask-exporter.ts";

const labelmap = parseLabelmap("background:0,0,0::\ntumor:250,50,83::\nedema:255,204,51::\n");
const id = (name: string): number => labelmap.labels.find((label) => label.name === name)!.id;
const block = (instanceId: number, label: number, x: number, width: number): Instance => ({
  label,
  instanceId,
  bbox: { x, y: 0, width, height: 1 },
  area: width,
  bitmap: { width, height: 1, data: new Uint8Array(width).fill(1) },
});

describe("mask exporter decodeFragment", () => {
  it("reads the written PNGs back: object index → instance, class colour → label; overlaps go to the later instance", () => {
    // A 5×1 image: tumor instance 4 covers x 0–2, edema instance 9 covers x 2–4 and is painted later.
    const sample = { id: "a", subset: "default", width: 5, height: 1, instances: [block(4, id("tumor"), 0, 3), block(9, id("edema"), 2, 3)] };
    const context = { labelmap, report: () => {} };
    const fragment = maskExporter.encodeSample(sample, { saveImages: false }, context) as Awaited<ReturnType<typeof maskExporter.encodeSample>>;
    const { instances: _pixels, ...info } = sample;
    const shapes = maskExporter.decodeFragment!(fragment, info, { saveImages: false }, { labelmap });
    expect(shapes.map((shape) => [shape.instanceId, shape.label, [...shape.bitmap.data].join("")])).toEqual([
      [4, id("tumor"), "11000"],
      [9, id("edema"), "00111"],
    ]);
  });
});
