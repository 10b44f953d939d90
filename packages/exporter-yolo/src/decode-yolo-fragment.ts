import { rasterizePolygons, type DecodeContext, type DecodedShape, type SampleInfo } from "@maskport/core";
import { parseYoloLabel } from "./parse-yolo-label.ts";
import type { YoloFragment } from "./yolo-exporter.ts";
import { yoloClasses } from "./yolo-format.ts";

/**
 * The `yolo` exporter's `decodeFragment`: each written line as Ultralytics decodes it
 * (float32 × image size, int32 truncation, cv2.fillPoly), full-frame. With `parts=separate`
 * an instance may span several lines, so shapes carry no instance id.
 */
export function decodeYoloFragment(fragment: YoloFragment, sample: SampleInfo, _options: unknown, context: DecodeContext): DecodedShape[] {
  const classes = yoloClasses(context.labelmap);
  const polygons = parseYoloLabel(fragment.lines.join("\n"), `${sample.id}.txt`, classes.length, sample.width, sample.height, () => {});
  return polygons.map((polygon) => ({
    label: classes[polygon.classIndex]?.labelId ?? -1,
    bitmap: rasterizePolygons([polygon.points], "fillpoly", sample.width, sample.height),
    polygons: [polygon.points],
    target: "fillpoly" as const,
  }));
}
