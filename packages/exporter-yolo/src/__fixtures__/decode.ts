/**
 * Test helpers: decode YOLO label text the way Ultralytics does, independently of the
 * package's own decoder (Float32Array instead of Math.fround), and compare pixels.
 */
import { rasterizePolygons } from "@maskport/core";
import type { Bitmap, Instance, Point } from "@maskport/core";

/** One line → class and int32 pixel vertices: float32 parse, float32 × size, truncation. */
export function decodeLine(line: string, width: number, height: number): { classIndex: number; points: Point[]; tokens: string[] } {
  const tokens = line.split(" ");
  const cell = new Float32Array(1);
  const toPixel = (token: string, size: number): number => {
    cell[0] = Number(token);
    cell[0] = (cell[0] as number) * size;
    return Math.trunc(cell[0] as number);
  };
  const points: Point[] = [];
  for (let i = 1; i + 1 < tokens.length; i += 2) points.push([toPixel(tokens[i] as string, width), toPixel(tokens[i + 1] as string, height)]);
  return { classIndex: Number(tokens[0]), points, tokens };
}

/** The full-frame pixels of some label lines, each filled alone by the fillPoly rasteriser, unioned. */
export function rasterizeLines(lines: readonly string[], width: number, height: number): Uint8Array {
  const frame = new Uint8Array(width * height);
  for (const line of lines) {
    const { data } = rasterizePolygons([decodeLine(line, width, height).points], "fillpoly", width, height);
    for (let i = 0; i < frame.length; i++) frame[i] = (frame[i] as number) | (data[i] as number);
  }
  return frame;
}

/** An instance's pixels in a full frame. */
export function instanceFrame(instance: Instance, width: number, height: number): Uint8Array {
  const frame = new Uint8Array(width * height);
  paint(frame, width, instance.bitmap, instance.bbox.x, instance.bbox.y);
  return frame;
}

/** Pixels lost and added going from `source` to `decoded` (same size). */
export function difference(source: Uint8Array, decoded: Uint8Array): { lost: number; added: number } {
  let lost = 0;
  let added = 0;
  for (let i = 0; i < source.length; i++) {
    if (source[i] === 1 && decoded[i] === 0) lost++;
    if (source[i] === 0 && decoded[i] === 1) added++;
  }
  return { lost, added };
}

/** Splits a bitmap into its 4-connected components (each surely one part), as full-size bitmaps. */
export function components4(bitmap: Bitmap): Bitmap[] {
  const { width, height, data } = bitmap;
  const seen = new Uint8Array(width * height);
  const parts: Bitmap[] = [];
  for (let start = 0; start < data.length; start++) {
    if (data[start] === 0 || seen[start] === 1) continue;
    const part = new Uint8Array(width * height);
    const stack = [start];
    seen[start] = 1;
    while (stack.length > 0) {
      const at = stack.pop() as number;
      part[at] = 1;
      const x = at % width;
      const neighbours = [x > 0 ? at - 1 : -1, x < width - 1 ? at + 1 : -1, at - width, at + width];
      for (const next of neighbours) {
        if (next < 0 || next >= data.length || data[next] === 0 || seen[next] === 1) continue;
        seen[next] = 1;
        stack.push(next);
      }
    }
    parts.push({ width, height, data: part });
  }
  return parts;
}

// --- internal ---

function paint(frame: Uint8Array, width: number, bitmap: Bitmap, left: number, top: number): void {
  for (let y = 0; y < bitmap.height; y++) {
    for (let x = 0; x < bitmap.width; x++) if (bitmap.data[y * bitmap.width + x] === 1) frame[(y + top) * width + x + left] = 1;
  }
}
