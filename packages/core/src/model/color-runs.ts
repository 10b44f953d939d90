import type { MaskportError } from "../errors.ts";
import { unknownColorError } from "./color-error.ts";
import type { Labelmap } from "../types.ts";
import { colorTable, UNKNOWN } from "./label-tables.ts";
import { MAX_VOC_INSTANCE } from "./rasters.ts";
import type { RowRuns } from "./row-runs.ts";
import { vocIndex } from "./voc-palette.ts";

/**
 * The class runs of an RGB class mask from its colour runs (value 0xRRGGBB, every row tiled, as
 * png-runs.ts gives them), read as `classRasterFromImage` reads colours: the label id, NO_LABEL
 * for background. Runs that become one id are merged. Rewrites `runs` in place and returns it.
 * @throws MaskportError UNKNOWN_COLOR naming the colour, its pixel count and first (x, y)
 */
export function classRunsFromColors(runs: RowRuns, labelmap: Labelmap, file: string): RowRuns {
  const byColor = colorTable(labelmap);
  return mapRuns(runs, (color) => byColor.get(color) ?? UNKNOWN, file, "is not a label colour in the labelmap");
}

/**
 * The object runs of an RGB object mask from its colour runs: the Pascal VOC palette index of
 * each colour, as `objectRasterFromImage` reads them. Rewrites `runs` in place and returns it.
 * @throws MaskportError UNKNOWN_COLOR for a colour past {@link MAX_VOC_INSTANCE}
 */
export function objectRunsFromColors(runs: RowRuns, file: string): RowRuns {
  return mapRuns(
    runs,
    (color) => {
      const index = vocIndex(color >>> 16, (color >>> 8) & 0xff, color & 0xff);
      return index > MAX_VOC_INSTANCE ? UNKNOWN : index;
    },
    file,
    "is not a Pascal VOC palette colour (instance colours are VOC palette entries)",
  );
}

// --- internal ---

function mapRuns(runs: RowRuns, map: (color: number) => number, file: string, why: string): RowRuns {
  const { height, rowStart, start, end, value } = runs;
  let lastColor = -1;
  let lastId = UNKNOWN;
  let w = 0;
  for (let y = 0, r = 0; y < height; y++) {
    const stop = rowStart[y + 1] as number;
    const rowFirst = w;
    rowStart[y] = w;
    for (; r < stop; r++) {
      const color = value[r] as number;
      if (color !== lastColor) {
        lastId = map(color);
        if (lastId === UNKNOWN) throw unknownColor(runs, r, y, file, why);
        lastColor = color;
      }
      if (w > rowFirst && value[w - 1] === lastId) {
        end[w - 1] = end[r] as number;
        continue;
      }
      start[w] = start[r] as number;
      end[w] = end[r] as number;
      value[w] = lastId;
      w++;
    }
  }
  rowStart[height] = w;
  return { height, count: w, rowStart, start, end, value };
}

/** The error for run `r` (row `y`), the first of its colour: runs from `r` on still hold colours. */
function unknownColor(runs: RowRuns, r: number, y: number, file: string, why: string): MaskportError {
  const color = runs.value[r] as number;
  let count = 0;
  for (let q = r; q < runs.count; q++) if (runs.value[q] === color) count += (runs.end[q] as number) - (runs.start[q] as number);
  return unknownColorError(color, why, count, runs.start[r] as number, y, file);
}
