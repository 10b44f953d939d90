import { describe, expect, it } from "vitest";
import { parseLabelmap } from "@maskport/core";
import { decodeYoloFragment } from "./decode-yolo-fragment.ts";

describe("decodeYoloFragment", () => {
  it("fills each line as cv2.fillPoly does, edges included, class → label id", () => {
    const labelmap = parseLabelmap("background:0,0,0::\ntumor:250,50,83::\nedema:255,204,51::\n");
    // Class 1 = edema. Vertices 0.1·10 = 1, 0.5·10 = 5: triangle (1,1), (5,1), (5,5). fillPoly
    // fills row y from the diagonal x = y to x = 5: 5 + 4 + 3 + 2 + 1 = 15 pixels.
    const shapes = decodeYoloFragment({ lines: ["1 0.1 0.1 0.5 0.1 0.5 0.5"], fidelity: [] }, { id: "a", subset: "default", width: 10, height: 10 }, {}, { labelmap });
    expect(shapes).toHaveLength(1);
    const shape = shapes[0]!;
    expect(shape.label).toBe(labelmap.labels.find((l) => l.name === "edema")!.id);
    expect(shape.instanceId).toBeUndefined();
    expect(shape.polygons).toEqual([[[1, 1], [5, 1], [5, 5]]]);
    const set: string[] = [];
    shape.bitmap.data.forEach((v, i) => v === 1 && set.push(`${i % 10},${Math.floor(i / 10)}`));
    expect(set).toHaveLength(15);
    expect(set).toContain("1,1");
    expect(set).toContain("5,5");
    expect(set).toContain("3,3");
    expect(set).not.toContain("2,3");
  });
});
