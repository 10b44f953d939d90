/**
 * One instance → YOLO-seg label lines that Ultralytics' native-resolution decode turns back
 * into the instance's pixels, with the fidelity measured on what was actually written.
 */
import { polygonFidelity, toPolygons } from "@maskport/core";
import type { Fidelity, Instance, Point } from "@maskport/core";
import { decodeCoordinate, encodeCoordinate } from "./yolo-coordinates.ts";

/** How an instance's parts and holes are written. */
export interface YoloLineOptions {
  /** `bridge`: one line per instance (parts and holes joined by zero-width bridges); `separate`: one line per outer part. */
  readonly parts: "bridge" | "separate";
  /** Polygon simplification tolerance in pixels; 0 keeps every corner (exact). */
  readonly tolerance: number;
}

/** The lines of one instance and how faithfully they decode. */
export interface YoloLines {
  /** `class x1 y1 x2 y2 …`, coordinates normalised to [0, 1], at least 3 vertices each. */
  readonly lines: string[];
  /** Measured on the decoded text (float32, × size, int32 truncation, fillPoly). */
  readonly fidelity: Fidelity;
  /**
   * Per line, the decoded vertices' box in image pixels as `minX minY maxX maxY`: Ultralytics
   * keys its duplicate-row removal on (class, box), so equal keys mean a line is dropped.
   */
  readonly boxes: string[];
}

/**
 * Encodes one instance as YOLO-seg lines.
 * @param classIndex 0-based YOLO class id
 * @param width image width in pixels
 * @param height image height in pixels
 */
export function toYoloLines(instance: Instance, classIndex: number, width: number, height: number, options: YoloLineOptions): YoloLines {
  const { bbox } = instance;
  const rings = toPolygons(instance.bitmap, { target: "fillpoly", parts: options.parts, tolerance: options.tolerance });
  const lines: string[] = [];
  const boxes: string[] = [];
  const decoded: Point[][] = [];
  for (const ring of rings) {
    if (ring.length === 0) continue;
    // Core pads degenerate fillpoly rings (1-pixel objects, 2-pixel lines) to ≥ 3 vertices,
    // which Ultralytics needs (> 6 tokens); fillPoly still draws exactly those pixels.
    const tokens: string[] = [String(classIndex)];
    const back: Point[] = [];
    for (const [x, y] of ring) {
      const tx = encodeCoordinate(x + bbox.x, width);
      const ty = encodeCoordinate(y + bbox.y, height);
      tokens.push(tx, ty);
      // Decode the text we wrote, not the numbers we meant: fidelity is about the file.
      back.push([decodeCoordinate(tx, width) - bbox.x, decodeCoordinate(ty, height) - bbox.y]);
    }
    lines.push(tokens.join(" "));
    boxes.push(boxOf(back, bbox.x, bbox.y));
    decoded.push(back);
  }
  // Decoded vertices are pixel indices of the crop (exact encoding), and fillPoly never fills
  // outside its vertices' bounding box, so measuring in the crop sees every added pixel.
  return { lines, fidelity: polygonFidelity(instance.bitmap, decoded, "fillpoly"), boxes };
}

// --- internal ---

function boxOf(points: readonly Point[], left: number, top: number): string {
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of points) {
    if (x < minX) minX = x;
    if (y < minY) minY = y;
    if (x > maxX) maxX = x;
    if (y > maxY) maxY = y;
  }
  return `${minX + left} ${minY + top} ${maxX + left} ${maxY + top}`;
}
