/**
 * A YOLO-seg label file → decoded polygons, checked the way Ultralytics' verify_image_label
 * checks it, but strict: every problem names the file and line.
 */
import { MaskportError } from "@maskport/core";
import type { Diagnostic, Point } from "@maskport/core";
import { decodeCoordinate } from "./yolo-coordinates.ts";

/** One label line, decoded to the integer pixel vertices Ultralytics would fill. */
export interface YoloPolygon {
  /** 0-based YOLO class id. */
  readonly classIndex: number;
  /** Vertices in image pixels after float32 × size and int32 truncation. */
  readonly points: readonly Point[];
  /** 1-based line number in the file. */
  readonly line: number;
}

/**
 * Parses one label file.
 * - Fewer than 7 tokens, or an odd number of coordinates: `INVALID_INPUT` (Ultralytics
 *   marks the whole image corrupt). Exception: a 5-token box line is reported as a warning
 *   (`SHAPE_SKIPPED`) and skipped, since a box is not a segment.
 * - Class not an integer in 0..classCount-1: `INVALID_INPUT`.
 * - Coordinates outside [−0.01, 1.01]: `INVALID_INPUT`; inside that band but outside [0, 1]:
 *   accepted (decoded as Ultralytics does, fillPoly clips), one warning per file. Stricter
 *   than Ultralytics, which applies the 0.01 band to the segment's derived box (centre and
 *   size, `segments2boxes`), not to each coordinate.
 * @param width image width in pixels (multiplies x)
 * @param height image height in pixels (multiplies y)
 */
export function parseYoloLabel(
  text: string,
  file: string,
  classCount: number,
  width: number,
  height: number,
  report: (diagnostic: Omit<Diagnostic, "plugin">) => void,
): YoloPolygon[] {
  const polygons: YoloPolygon[] = [];
  const lines = text.split(/\r\n|\r|\n/);
  let outOfRange = 0;
  for (let i = 0; i < lines.length; i++) {
    const lineNumber = i + 1;
    const tokens = (lines[i] as string).trim().split(/\s+/);
    if (tokens.length === 1 && tokens[0] === "") continue;
    const fail = (message: string): never => {
      throw new MaskportError("INVALID_INPUT", message, { file, line: lineNumber, plugin: "yolo" });
    };
    if (tokens.length === 5) {
      report({ severity: "warning", code: "SHAPE_SKIPPED", file, message: `${file}:${lineNumber}: box-only line (5 tokens) skipped; a segment needs at least 3 points` });
      continue;
    }
    if (tokens.length < 7) fail(`${tokens.length} tokens; a segment line is "class x1 y1 x2 y2 x3 y3 …" (at least 3 points)`);
    if ((tokens.length - 1) % 2 !== 0) fail(`odd number of coordinates (${tokens.length - 1}); x and y must come in pairs`);
    const classValue = Number(tokens[0]);
    if (!Number.isInteger(classValue) || classValue < 0 || classValue >= classCount) {
      fail(`class "${tokens[0]}" is not one of 0..${classCount - 1} (data.yaml declares ${classCount} classes)`);
    }
    const points: Point[] = [];
    for (let t = 1; t < tokens.length; t += 2) {
      const xs = tokens[t] as string;
      const ys = tokens[t + 1] as string;
      for (const token of [xs, ys]) {
        const value = Number(token);
        if (!Number.isFinite(value)) fail(`coordinate "${token}" is not a number`);
        if (value < -0.01 || value > 1.01) fail(`coordinate ${token} is outside [0, 1] (maskport accepts −0.01..1.01, like Ultralytics' tolerance)`);
        if (value < 0 || value > 1) outOfRange++;
      }
      points.push([decodeCoordinate(xs, width), decodeCoordinate(ys, height)]);
    }
    polygons.push({ classIndex: classValue, points, line: lineNumber });
  }
  if (outOfRange > 0) {
    report({ severity: "warning", code: "INVALID_INPUT", file, message: `${file}: ${outOfRange} coordinate(s) slightly outside [0, 1] (within Ultralytics' 0.01 tolerance); decoded as Ultralytics does, clipped to the image` });
  }
  return polygons;
}
