import { MaskportError } from "../errors.ts";

/** UNKNOWN_COLOR for `count` pixels of colour 0xRRGGBB, the first at (x, y): as the raster and the run readers both say it. */
export function unknownColorError(color: number, why: string, count: number, x: number, y: number, file: string): MaskportError {
  const rgb = `${color >>> 16},${(color >>> 8) & 0xff},${color & 0xff}`;
  return new MaskportError("UNKNOWN_COLOR", `colour (${rgb}) ${why} (${count} pixel${count === 1 ? "" : "s"})`, { file, pixel: { x, y } });
}
