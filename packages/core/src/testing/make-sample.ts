import { cropToContent } from "../model/crop-to-content.ts";
import type { Bitmap, Instance, Label, Labelmap, Rgb, Sample } from "../types.ts";

/**
 * Builds a bitmap from text rows, one string per row: `#` or `1` is a set pixel, anything
 * else (`.`, `0`, space) is unset. All rows must have the same length.
 * @example bitmapFromRows([".#.", "###"]) // 3×2 pixels
 */
export function bitmapFromRows(rows: readonly string[]): Bitmap {
  const height = rows.length;
  const width = rows[0]?.length ?? 0;
  const data = new Uint8Array(width * height);
  rows.forEach((row, y) => {
    if (row.length !== width) throw new RangeError(`bitmapFromRows: row ${y} has ${row.length} characters, row 0 has ${width}`);
    for (let x = 0; x < width; x++) data[y * width + x] = row[x] === "#" || row[x] === "1" ? 1 : 0;
  });
  return { width, height, data };
}

/** Where and what an instance made by {@link makeInstance} is. */
export interface MakeInstanceOptions {
  /** Label id. Default 1. */
  readonly label?: number;
  /** Instance number, unique within its sample. Default 1. */
  readonly instanceId?: number;
  /** Image column of the bitmap's left edge, in pixels. Default 0. */
  readonly x?: number;
  /** Image row of the bitmap's top edge, in pixels. Default 0. */
  readonly y?: number;
}

/**
 * Makes a valid instance from a bitmap placed at (`x`, `y`) in the image: the bitmap is
 * cropped to its set pixels, so the bbox is tight and `area` counts the set pixels. An
 * all-zero bitmap gives an empty instance: area 0 and a 0×0 bbox at (`x`, `y`).
 */
export function makeInstance(bitmap: Bitmap, options: MakeInstanceOptions = {}): Instance {
  const { label = 1, instanceId = 1, x = 0, y = 0 } = options;
  const cropped = cropToContent(bitmap, { x, y });
  if (cropped === undefined) return { label, instanceId, bbox: { x, y, width: 0, height: 0 }, area: 0, bitmap: { width: 0, height: 0, data: new Uint8Array(0) } };
  return { label, instanceId, ...cropped };
}

/** What a sample made by {@link makeSample} is. */
export interface MakeSampleOptions {
  /** Sample id (item path without extension). Default `sample`. */
  readonly id?: string;
  /** Default `default`. */
  readonly subset?: string;
  /** Image size in pixels. */
  readonly width: number;
  readonly height: number;
  readonly instances?: readonly Instance[];
}

/** Makes a sample; instances are sorted by ascending instanceId, as the contract requires. */
export function makeSample(options: MakeSampleOptions): Sample {
  const instances = [...(options.instances ?? [])].sort((a, b) => a.instanceId - b.instanceId);
  return { id: options.id ?? "sample", subset: options.subset ?? "default", width: options.width, height: options.height, instances };
}

/**
 * Makes a CVAT-dialect labelmap from names: ids are the 0-based positions, a label named
 * `background` is black and becomes the background label, the others get Pascal VOC
 * palette colours (by position), so colours are unique.
 */
export function makeLabelmap(names: readonly string[]): Labelmap {
  const labels: Label[] = names.map((name, id) => ({
    id,
    name,
    color: name === "background" ? [0, 0, 0] : paletteColor(id === 0 ? names.length : id),
    parts: [],
    actions: [],
  }));
  return { labels, backgroundId: labels.find((label) => label.name === "background")?.id, dialect: "cvat" };
}

// --- internal ---

/** Pascal VOC palette entry `index` (bit-interleaved), so distinct indices give distinct colours. */
function paletteColor(index: number): Rgb {
  let r = 0;
  let g = 0;
  let b = 0;
  for (let bit = 0, c = index; c > 0; bit++, c >>= 3) {
    r |= ((c >> 0) & 1) << (7 - bit);
    g |= ((c >> 1) & 1) << (7 - bit);
    b |= ((c >> 2) & 1) << (7 - bit);
  }
  return [r, g, b];
}
