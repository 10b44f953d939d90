import { decodeCvatRle, rasterizePolygons, type DecodeContext, type DecodedShape, type Point, type SampleInfo } from "@maskport/core";
import type { CvatFragment } from "./cvat-exporter.ts";

/**
 * The `cvat` exporter's `decodeFragment`: each written shape as CVAT decodes it — `<mask>`
 * runs row-major inside their box, `<polygon>` rasterised at pixel corners (pycocotools,
 * CVAT's own mask conversion) — placed full-frame. Shapes and fidelity records are written
 * in step, so record i names shape i's instance.
 */
export function decodeCvatFragment(fragment: CvatFragment, sample: SampleInfo, _options: unknown, context: DecodeContext): DecodedShape[] {
  const labelOf = new Map(context.labelmap.labels.map((label) => [label.name, label.id]));
  return fragment.shapes.map((shape, index) => {
    const label = labelOf.get(shape.label) ?? -1;
    const instanceId = fragment.fidelity[index]?.instanceId;
    const link = instanceId === undefined ? {} : { instanceId };
    if (shape.type === "polygon") {
      const ring: Point[] = [];
      for (let i = 0; i + 1 < shape.points.length; i += 2) ring.push([shape.points[i]!, shape.points[i + 1]!]);
      return { label, ...link, bitmap: rasterizePolygons([ring], "pycocotools", sample.width, sample.height), polygons: [ring], target: "pycocotools" as const };
    }
    const crop = decodeCvatRle(shape.runs, shape.width, shape.height);
    const data = new Uint8Array(sample.width * sample.height);
    // Clip to the image: CVAT drops mask pixels outside it.
    for (let y = Math.max(0, -shape.top); y < shape.height && y + shape.top < sample.height; y++) {
      for (let x = Math.max(0, -shape.left); x < shape.width && x + shape.left < sample.width; x++) {
        data[(y + shape.top) * sample.width + x + shape.left] = crop.data[y * shape.width + x]!;
      }
    }
    return { label, ...link, bitmap: { width: sample.width, height: sample.height, data } };
  });
}
