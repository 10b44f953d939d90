import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isMaskportError } from "../errors.ts";
import { classRunsFromColors, objectRunsFromColors } from "./color-runs.ts";
import { parseLabelmap } from "./labelmap.ts";
import { NO_LABEL, type MaskImage } from "./mask-image.ts";
import { classRasterFromImage, objectRasterFromImage } from "./rasters.ts";
import { rowRuns, type RowRuns } from "./row-runs.ts";

// Tumor and Edema, the background colour (10,10,10), black, two VOC instance colours and one colour that is neither.
const COLORS = [0xff007c, 0x00ff00, 0x0a0a0a, 0x000000, 0x800000, 0x008000, 0x123456];
const labelmap = parseLabelmap("# label:color_rgb:parts:actions\nTumor:255,0,124::\nEdema:0,255,0::\nbackground:10,10,10::\n");

const images = fc
  .record({ width: fc.integer({ min: 1, max: 9 }), height: fc.integer({ min: 1, max: 6 }), palette: fc.subarray(COLORS, { minLength: 1 }) })
  .chain(({ width, height, palette }) =>
    fc.record({ width: fc.constant(width), height: fc.constant(height), pixels: fc.array(fc.constantFrom(...palette), { minLength: width * height, maxLength: width * height }) }),
  );

/** Maximal colour runs of each row, as png-runs.ts gives them. */
function colorRuns(width: number, height: number, pixels: number[]): RowRuns {
  return rowRuns(Int32Array.from(pixels), width, height);
}

function rgbImage(width: number, height: number, pixels: number[]): MaskImage {
  return { kind: "rgb", width, height, bitDepth: 8, values: Uint8Array.from(pixels.flatMap((c) => [c >>> 16, (c >>> 8) & 255, c & 255, 255])) };
}

/** Row-by-row [start, end, value] of runs. */
function listed(runs: RowRuns): number[][] {
  return Array.from({ length: runs.height }, (_, y) => {
    const row: number[] = [];
    for (let r = runs.rowStart[y] as number; r < (runs.rowStart[y + 1] as number); r++) row.push(runs.start[r] as number, runs.end[r] as number, runs.value[r] as number);
    return row;
  });
}

/** What `run` returns, or the error it throws as [code, message, pixel, file]. */
function outcome<T>(run: () => T): T | unknown[] {
  try {
    return run();
  } catch (error) {
    if (!isMaskportError(error)) throw error;
    return [error.code, error.message, error.pixel, error.file];
  }
}

describe("colour runs read as the raster functions read colours", () => {
  it("class runs: the runs of classRasterFromImage's raster, or its very error (colour, count, first pixel)", () => {
    fc.assert(
      fc.property(images, ({ width, height, pixels }) => {
        const expected = outcome(() => listed(rowRuns(classRasterFromImage(rgbImage(width, height, pixels), labelmap, "c.png").data, width, height)));
        expect(outcome(() => listed(classRunsFromColors(colorRuns(width, height, pixels), labelmap, "c.png")))).toEqual(expected);
      }),
      { numRuns: 400 },
    );
  });

  it("object runs: the runs of objectRasterFromImage's raster (VOC palette indices), or its very error", () => {
    const offPalette = fc.constantFrom(0x000000, 0x800000, 0x008000, 0x808000, 0xe0e0c0, 0x010203);
    const objects = fc
      .record({ width: fc.integer({ min: 1, max: 9 }), height: fc.integer({ min: 1, max: 6 }) })
      .chain(({ width, height }) => fc.record({ width: fc.constant(width), height: fc.constant(height), pixels: fc.array(offPalette, { minLength: width * height, maxLength: width * height }) }));
    fc.assert(
      fc.property(objects, ({ width, height, pixels }) => {
        const expected = outcome(() => listed(rowRuns(objectRasterFromImage(rgbImage(width, height, pixels), "o.png").data, width, height)));
        expect(outcome(() => listed(objectRunsFromColors(colorRuns(width, height, pixels), "o.png")))).toEqual(expected);
      }),
      { numRuns: 400 },
    );
  });

  it("merges neighbours that become one id: black and the background colour are both background", () => {
    const runs = classRunsFromColors(colorRuns(4, 1, [0x000000, 0x0a0a0a, 0xff007c, 0x000000]), labelmap, "c.png");
    const tumor = labelmap.labels.find((label) => label.name === "Tumor")?.id;
    expect(listed(runs)).toEqual([[0, 2, NO_LABEL, 2, 3, tumor, 3, 4, NO_LABEL]]);
  });
});
