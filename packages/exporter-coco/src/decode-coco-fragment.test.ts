import { describe, expect, it } from "vitest";
import { parseLabelmap } from "@maskport/core";
import { decodeCocoFragment } from "./decode-coco-fragment.ts";
import type { CocoFragment } from "./encode-coco-sample.ts";

const labelmap = parseLabelmap("background:0,0,0::\ntumor:250,50,83::\nedema:255,204,51::\n");
const sample = { id: "a", subset: "default", width: 3, height: 3 };
const fidelity = (instanceId: number) => ({ instanceId, label: 1, area: 4, encoding: "x", lost: 0, added: 0, iou: 1 });

describe("decodeCocoFragment", () => {
  it("rasterises polygon parts at pixel corners and maps categories back to labels", () => {
    // Category 2 = edema (categories skip background: tumor 1, edema 2). The square with corners
    // (0,0)–(2,2) covers pixels x, y ∈ {0, 1}.
    const fragment: CocoFragment = {
      annotations: [{ categoryId: 2, segmentation: [[0, 0, 2, 0, 2, 2, 0, 2]], area: 4, bbox: [0, 0, 2, 2], iscrowd: 0 }],
      fidelity: [fidelity(7)],
    };
    const [shape] = decodeCocoFragment(fragment, sample, {}, { labelmap });
    expect(shape).toMatchObject({ label: 2, instanceId: 7, target: "pycocotools", polygons: [[[0, 0], [2, 0], [2, 2], [0, 2]]] });
    expect([...shape!.bitmap.data]).toEqual([1, 1, 0, 1, 1, 0, 0, 0, 0]);
  });

  it("decodes RLE counts column-major (uncompressed and compressed)", () => {
    // Column-major over 3×3: 4 zeros, 2 ones (column 1 rows 1–2), 3 zeros.
    const plain: CocoFragment = { annotations: [{ categoryId: 1, segmentation: { size: [3, 3], counts: [4, 2, 3] }, area: 2, bbox: [1, 1, 1, 2], iscrowd: 0 }], fidelity: [fidelity(1)] };
    const [shape] = decodeCocoFragment(plain, sample, {}, { labelmap });
    expect(shape?.label).toBe(1);
    expect(shape?.polygons).toBeUndefined();
    expect([...shape!.bitmap.data]).toEqual([0, 0, 0, 0, 1, 0, 0, 1, 0]);
    // pycocotools rleToString([4, 2, 3]) = "423": the first three counts are not delta-coded, and a value < 16 is one character, 48 + value.
    const compressed: CocoFragment = { ...plain, annotations: [{ ...plain.annotations[0]!, segmentation: { size: [3, 3], counts: "423" } }] };
    expect([...decodeCocoFragment(compressed, sample, {}, { labelmap })[0]!.bitmap.data]).toEqual([0, 0, 0, 0, 1, 0, 0, 1, 0]);
  });
});
