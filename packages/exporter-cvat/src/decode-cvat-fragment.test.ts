import { describe, expect, it } from "vitest";
import { parseLabelmap } from "@maskport/core";
import type { CvatFragment } from "./cvat-exporter.ts";
import { decodeCvatFragment } from "./decode-cvat-fragment.ts";

const labelmap = parseLabelmap("background:0,0,0::\ntumor:250,50,83::\n");
const sample = { id: "a", subset: "default", width: 4, height: 3 };
const fidelity = (instanceId: number) => ({ instanceId, label: 1, area: 2, encoding: "x", lost: 0, added: 0, iou: 1 });

describe("decodeCvatFragment", () => {
  it("places <mask> runs row-major inside their box (first run zeros)", () => {
    // Box 2×2 at (1, 1); runs 1 zero, 2 ones, 1 zero → box pixels (1, 0) and (0, 1) → image (2, 1), (1, 2).
    const fragment: CvatFragment = { shapes: [{ type: "mask", label: "tumor", runs: [1, 2, 1], left: 1, top: 1, width: 2, height: 2 }], fidelity: [fidelity(3)] };
    const [shape] = decodeCvatFragment(fragment, sample, {}, { labelmap });
    expect(shape).toMatchObject({ label: labelmap.labels.find((l) => l.name === "tumor")!.id, instanceId: 3 });
    expect([...shape!.bitmap.data]).toEqual([0, 0, 0, 0, 0, 0, 1, 0, 0, 1, 0, 0]);
  });

  it("rasterises <polygon> points at pixel corners", () => {
    // Corners (1,0)–(3,0)–(3,1)–(1,1): pixels (1, 0) and (2, 0).
    const fragment: CvatFragment = { shapes: [{ type: "polygon", label: "tumor", points: [1, 0, 3, 0, 3, 1, 1, 1] }], fidelity: [fidelity(1)] };
    const [shape] = decodeCvatFragment(fragment, sample, {}, { labelmap });
    expect(shape?.target).toBe("pycocotools");
    expect([...shape!.bitmap.data]).toEqual([0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });
});
