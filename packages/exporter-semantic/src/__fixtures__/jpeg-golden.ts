/** Test helpers: the raw-image fixtures in this folder and Pillow's decode of them (pil-jpeg-golden.json). */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** This folder, with a trailing slash. */
export const fixtures = fileURLToPath(new URL("./", import.meta.url));

/** PIL's decode of each fixture (make-jpeg-fixtures.py, Pillow 9.4.0 on libjpeg-turbo 2.1.5). */
export interface PilImage {
  mode: "L" | "RGB";
  width: number;
  height: number;
  pixels: number[];
}

/** The golden file: each JPEG fixture as PIL decodes it, and ImageOps.exif_transpose of a 3×2 image. */
export interface Golden {
  producer: string;
  jpeg: Record<string, PilImage & { upright?: PilImage }>;
  exifTranspose: Record<string, { width: number; height: number; pixels: number[] }>;
}

export const golden = JSON.parse(readFileSync(`${fixtures}pil-jpeg-golden.json`, "utf8")) as Golden;

/** A plain Uint8Array (a Buffer's slice would be a view, not a copy). */
export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(`${fixtures}${name}`));
}
