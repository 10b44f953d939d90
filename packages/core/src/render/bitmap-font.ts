import type { Rgb } from "../types.ts";
import { fillRect, type RgbaImage } from "./rgba-image.ts";

/** Glyph cell: 5 × 7 pixels plus 1 column of spacing, at scale 1. */
export const GLYPH_WIDTH = 5;
export const GLYPH_HEIGHT = 7;

// A tiny 5×7 font: digits, capitals and the punctuation file names use. Lower case is drawn
// with the capitals (labels and names stay readable; a full font is not worth its size here).
// Each glyph is 7 rows of 5 bits, most significant bit = leftmost column.
const GLYPHS: Readonly<Record<string, readonly number[]>> = {
  " ": [0, 0, 0, 0, 0, 0, 0],
  "0": [14, 17, 19, 21, 25, 17, 14],
  "1": [4, 12, 4, 4, 4, 4, 14],
  "2": [14, 17, 1, 2, 4, 8, 31],
  "3": [31, 2, 4, 2, 1, 17, 14],
  "4": [2, 6, 10, 18, 31, 2, 2],
  "5": [31, 16, 30, 1, 1, 17, 14],
  "6": [6, 8, 16, 30, 17, 17, 14],
  "7": [31, 1, 2, 4, 8, 8, 8],
  "8": [14, 17, 17, 14, 17, 17, 14],
  "9": [14, 17, 17, 15, 1, 2, 12],
  A: [14, 17, 17, 31, 17, 17, 17],
  B: [30, 17, 17, 30, 17, 17, 30],
  C: [14, 17, 16, 16, 16, 17, 14],
  D: [28, 18, 17, 17, 17, 18, 28],
  E: [31, 16, 16, 30, 16, 16, 31],
  F: [31, 16, 16, 30, 16, 16, 16],
  G: [14, 17, 16, 23, 17, 17, 15],
  H: [17, 17, 17, 31, 17, 17, 17],
  I: [14, 4, 4, 4, 4, 4, 14],
  J: [7, 2, 2, 2, 2, 18, 12],
  K: [17, 18, 20, 24, 20, 18, 17],
  L: [16, 16, 16, 16, 16, 16, 31],
  M: [17, 27, 21, 21, 17, 17, 17],
  N: [17, 17, 25, 21, 19, 17, 17],
  O: [14, 17, 17, 17, 17, 17, 14],
  P: [30, 17, 17, 30, 16, 16, 16],
  Q: [14, 17, 17, 17, 21, 18, 13],
  R: [30, 17, 17, 30, 20, 18, 17],
  S: [15, 16, 16, 14, 1, 1, 30],
  T: [31, 4, 4, 4, 4, 4, 4],
  U: [17, 17, 17, 17, 17, 17, 14],
  V: [17, 17, 17, 17, 17, 10, 4],
  W: [17, 17, 17, 21, 21, 21, 10],
  X: [17, 17, 10, 4, 10, 17, 17],
  Y: [17, 17, 17, 10, 4, 4, 4],
  Z: [31, 1, 2, 4, 8, 16, 31],
  ".": [0, 0, 0, 0, 0, 12, 12],
  ",": [0, 0, 0, 0, 12, 4, 8],
  ":": [0, 12, 12, 0, 12, 12, 0],
  "-": [0, 0, 0, 31, 0, 0, 0],
  _: [0, 0, 0, 0, 0, 0, 31],
  "/": [1, 1, 2, 4, 8, 16, 16],
  "(": [2, 4, 8, 8, 8, 4, 2],
  ")": [8, 4, 2, 2, 2, 4, 8],
  "#": [10, 10, 31, 10, 31, 10, 10],
  "=": [0, 0, 31, 0, 31, 0, 0],
  "+": [0, 4, 4, 31, 4, 4, 0],
  "%": [24, 25, 2, 4, 8, 19, 3],
};
// Any other character: a hollow box, so a missing glyph is visible rather than silently dropped.
const UNKNOWN = [31, 17, 17, 17, 17, 17, 31];

/** Width in pixels of `text` drawn at `scale` (each glyph 5 columns + 1 spacing, minus the last spacing). */
export function textWidth(text: string, scale = 1): number {
  const n = [...text].length;
  return n === 0 ? 0 : (n * (GLYPH_WIDTH + 1) - 1) * scale;
}

/**
 * Draws `text` with its top-left corner at (x, y) (pixels), each font pixel a `scale` × `scale`
 * square, clipped to the image. Lower case letters use the capital glyphs.
 */
export function drawText(image: RgbaImage, x: number, y: number, text: string, color: Rgb, scale = 1): void {
  let left = x;
  for (const char of text) {
    const rows = GLYPHS[char] ?? GLYPHS[char.toUpperCase()] ?? UNKNOWN;
    for (let row = 0; row < GLYPH_HEIGHT; row++) {
      const bits = rows[row]!;
      for (let column = 0; column < GLYPH_WIDTH; column++) {
        if ((bits >> (GLYPH_WIDTH - 1 - column)) & 1) fillRect(image, left + column * scale, y + row * scale, scale, scale, color);
      }
    }
    left += (GLYPH_WIDTH + 1) * scale;
  }
}
