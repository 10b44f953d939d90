import type { Rgb } from "../types.ts";
import { blendPixel, type RgbaImage } from "./rgba-image.ts";

/** Draws a 1-pixel line from (x0, y0) to (x1, y1) (integer pixels, both ends included; Bresenham), clipped. */
export function drawLine(image: RgbaImage, x0: number, y0: number, x1: number, y1: number, color: Rgb, alpha = 1): void {
  const dx = Math.abs(x1 - x0);
  const dy = -Math.abs(y1 - y0);
  const sx = x0 < x1 ? 1 : -1;
  const sy = y0 < y1 ? 1 : -1;
  let error = dx + dy;
  let x = x0;
  let y = y0;
  for (;;) {
    blendPixel(image, x, y, color, alpha);
    if (x === x1 && y === y1) return;
    const twice = 2 * error;
    if (twice >= dy) {
      error += dy;
      x += sx;
    }
    if (twice <= dx) {
      error += dx;
      y += sy;
    }
  }
}
