import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isMaskportError } from "../errors.ts";
import { bitmapOf } from "./__fixtures__/bitmaps.ts";
import { compareBitmaps, polygonFidelity } from "./fidelity.ts";
import { rasterizePolygons } from "./rasterize-polygons.ts";
import { toPolygons } from "./to-polygons.ts";

describe("compareBitmaps", () => {
  it("counts lost and added pixels and the IoU", () => {
    const source = bitmapOf(["1100", "1100"]);
    const decoded = bitmapOf(["0110", "0110"]);
    // intersection 2, union 6
    expect(compareBitmaps(source, decoded)).toEqual({ lost: 2, added: 2, iou: 2 / 6 });
  });

  it("gives IoU 1 for two empty bitmaps and 0 for disjoint ones", () => {
    expect(compareBitmaps(bitmapOf(["00"]), bitmapOf(["00"]))).toEqual({ lost: 0, added: 0, iou: 1 });
    expect(compareBitmaps(bitmapOf(["10"]), bitmapOf(["01"]))).toEqual({ lost: 1, added: 1, iou: 0 });
  });

  it("treats any non-zero value as set", () => {
    const a = { width: 2, height: 1, data: Uint8Array.from([255, 0]) };
    expect(compareBitmaps(a, bitmapOf(["10"]))).toEqual({ lost: 0, added: 0, iou: 1 });
  });

  it("counts each pixel by whether it is set in the source, the decoded bitmap, or both", () => {
    // Any values, zero or not: the counts follow from each pixel's own pair of values.
    const pairs = fc.array(fc.tuple(fc.constantFrom(0, 1, 7, 255), fc.constantFrom(0, 1, 200)), { minLength: 1, maxLength: 300 });
    fc.assert(
      fc.property(pairs, (values) => {
        const source = { width: values.length, height: 1, data: Uint8Array.from(values.map(([a]) => a)) };
        const decoded = { width: values.length, height: 1, data: Uint8Array.from(values.map(([, b]) => b)) };
        const lost = values.filter(([a, b]) => a !== 0 && b === 0).length;
        const added = values.filter(([a, b]) => a === 0 && b !== 0).length;
        const both = values.filter(([a, b]) => a !== 0 && b !== 0).length;
        const union = lost + added + both;
        expect(compareBitmaps(source, decoded)).toEqual({ lost, added, iou: union === 0 ? 1 : both / union });
      }),
    );
  });

  it("refuses bitmaps of different sizes with SIZE_MISMATCH", () => {
    let error: unknown;
    try {
      compareBitmaps(bitmapOf(["10"]), bitmapOf(["1", "0"]));
    } catch (caught) {
      error = caught;
    }
    expect(isMaskportError(error) && error.code).toBe("SIZE_MISMATCH");
    expect((error as Error).message).toContain("2×1");
  });
});

describe("polygonFidelity", () => {
  it("measures the shrink of an OpenCV-style centre contour read as pycocotools corners", () => {
    // A 3×3 block traced through pixel centres loses its outer half-pixel under pycocotools.
    const block = bitmapOf(["00000", "01110", "01110", "01110", "00000"]);
    expect(polygonFidelity(block, [[[1, 1], [3, 1], [3, 3], [1, 3]]], "pycocotools")).toEqual({ lost: 5, added: 0, iou: 4 / 9 });
    expect(polygonFidelity(block, [[[1, 1], [3, 1], [3, 3], [1, 3]]], "fillpoly")).toEqual({ lost: 0, added: 0, iou: 1 });
  });

  it("reports an exact polygon as exact", () => {
    const ring = bitmapOf(["0110", "1001", "0110"]);
    expect(polygonFidelity(ring, toPolygons(ring, { target: "fillpoly", parts: "bridge" }), "fillpoly")).toEqual({ lost: 0, added: 0, iou: 1 });
  });
});

describe("input checks", () => {
  it("rejects a bitmap whose data does not match its size with INVALID_MASK", () => {
    expect(() => toPolygons({ width: 3, height: 2, data: new Uint8Array(5) }, { target: "pycocotools", parts: "bridge" })).toThrow(
      expect.objectContaining({ code: "INVALID_MASK", message: expect.stringContaining("3×2 pixels holds 5 values") }),
    );
  });

  it("rejects a negative tolerance with INVALID_OPTION", () => {
    expect(() => toPolygons(bitmapOf(["1"]), { target: "fillpoly", parts: "bridge", tolerance: -1 })).toThrow(
      expect.objectContaining({ code: "INVALID_OPTION", message: expect.stringContaining("got -1") }),
    );
  });

  it("rejects non-finite coordinates with INVALID_INPUT naming the ring and vertex", () => {
    expect(() => rasterizePolygons([[[0, 0], [1, 0], [1, Number.NaN]]], "pycocotools", 4, 4)).toThrow(
      expect.objectContaining({ code: "INVALID_INPUT", message: expect.stringContaining("polygon 0, vertex 2") }),
    );
  });
});
