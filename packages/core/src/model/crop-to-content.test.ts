import { describe, expect, it } from "vitest";
import { cropToContent } from "./crop-to-content.ts";

describe("cropToContent", () => {
  it("crops to the set pixels, offsets the box by the origin and normalises values to 0/1", () => {
    // 4×3: set pixels at (1,0) value 7 and (2,1)
    const data = Uint8Array.from([0, 7, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0]);
    const cropped = cropToContent({ width: 4, height: 3, data }, { x: 10, y: 20 });
    expect(cropped?.bbox).toEqual({ x: 11, y: 20, width: 2, height: 2 });
    expect(cropped?.area).toBe(2);
    expect([...(cropped?.bitmap.data ?? [])]).toEqual([1, 0, 0, 1]);
  });
  it("is undefined for an all-zero bitmap", () => {
    expect(cropToContent({ width: 2, height: 2, data: new Uint8Array(4) })).toBeUndefined();
  });
  it("keeps an already tight 0/1 bitmap as it is", () => {
    const bitmap = { width: 2, height: 1, data: Uint8Array.of(1, 1) };
    expect(cropToContent(bitmap)?.bitmap).toBe(bitmap);
  });
});
