import type { Rgb } from "../types.ts";

/** An 8-bit RGBA raster, row-major, 4 bytes per pixel (what PNG encoders and canvases take). */
export interface RgbaImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8Array;
}

/**
 * A new opaque image filled with one colour.
 * @param width pixels
 * @param height pixels
 */
export function createRgbaImage(width: number, height: number, fill: Rgb = [0, 0, 0]): RgbaImage {
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < data.length; i += 4) {
    data[i] = fill[0];
    data[i + 1] = fill[1];
    data[i + 2] = fill[2];
    data[i + 3] = 255;
  }
  return { width, height, data };
}

/**
 * Blends `color` over pixel (x, y) with opacity `alpha` (0..1); outside the image nothing happens.
 * Rounds to the nearest 8-bit value: out = round(old·(1−α) + color·α).
 */
export function blendPixel(image: RgbaImage, x: number, y: number, color: Rgb, alpha = 1): void {
  if (x < 0 || y < 0 || x >= image.width || y >= image.height) return;
  const i = (y * image.width + x) * 4;
  const data = image.data;
  data[i] = Math.round(data[i]! * (1 - alpha) + color[0] * alpha);
  data[i + 1] = Math.round(data[i + 1]! * (1 - alpha) + color[1] * alpha);
  data[i + 2] = Math.round(data[i + 2]! * (1 - alpha) + color[2] * alpha);
  data[i + 3] = 255;
}

/** Fills the rectangle [x, x+width) × [y, y+height) (clipped) with an opaque colour. */
export function fillRect(image: RgbaImage, x: number, y: number, width: number, height: number, color: Rgb): void {
  const x0 = Math.max(0, x);
  const y0 = Math.max(0, y);
  const x1 = Math.min(image.width, x + width);
  const y1 = Math.min(image.height, y + height);
  const data = image.data;
  for (let row = y0; row < y1; row++) {
    for (let i = (row * image.width + x0) * 4, end = (row * image.width + x1) * 4; i < end; i += 4) {
      data[i] = color[0];
      data[i + 1] = color[1];
      data[i + 2] = color[2];
      data[i + 3] = 255;
    }
  }
}

/** Copies `source` into `target` with its top-left corner at (x, y), clipped. */
export function blit(target: RgbaImage, source: RgbaImage, x: number, y: number): void {
  const x0 = Math.max(0, -x);
  const x1 = Math.min(source.width, target.width - x);
  if (x1 <= x0) return;
  for (let row = Math.max(0, -y); row < source.height && row + y < target.height; row++) {
    const from = (row * source.width + x0) * 4;
    target.data.set(source.data.subarray(from, from + (x1 - x0) * 4), ((row + y) * target.width + x + x0) * 4);
  }
}

/**
 * Scales an image to fit inside `maxWidth` × `maxHeight` keeping its aspect ratio, by box
 * averaging (downscale) or pixel repetition (upscale): thumbnails and contact sheets.
 */
export function scaleToFit(image: RgbaImage, maxWidth: number, maxHeight: number): RgbaImage {
  const factor = Math.min(maxWidth / image.width, maxHeight / image.height);
  const width = Math.max(1, Math.round(image.width * factor));
  const height = Math.max(1, Math.round(image.height * factor));
  const data = new Uint8Array(width * height * 4);
  for (let ty = 0; ty < height; ty++) {
    const sy0 = Math.floor((ty * image.height) / height);
    const sy1 = Math.max(sy0 + 1, Math.floor(((ty + 1) * image.height) / height));
    for (let tx = 0; tx < width; tx++) {
      const sx0 = Math.floor((tx * image.width) / width);
      const sx1 = Math.max(sx0 + 1, Math.floor(((tx + 1) * image.width) / width));
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = sy0; sy < sy1; sy++) {
        for (let i = (sy * image.width + sx0) * 4, end = (sy * image.width + sx1) * 4; i < end; i += 4) {
          r += image.data[i]!;
          g += image.data[i + 1]!;
          b += image.data[i + 2]!;
          a += image.data[i + 3]!;
        }
      }
      const n = (sy1 - sy0) * (sx1 - sx0);
      const o = (ty * width + tx) * 4;
      data[o] = Math.round(r / n);
      data[o + 1] = Math.round(g / n);
      data[o + 2] = Math.round(b / n);
      data[o + 3] = Math.round(a / n);
    }
  }
  return { width, height, data };
}
