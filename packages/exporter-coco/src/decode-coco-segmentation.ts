import { cropToContent, decompressCounts, MaskportError, polygonWindow, rasterizePolygons, type Point, type Ring } from "@maskport/core";
import { decodeCountsToCrop, type DecodedMask } from "./decode-coco-rle.ts";
import type { CocoImageIn, CocoSegmentationIn } from "./read-coco-document.ts";

/** What decoding one segmentation gives: the mask (undefined when empty) and any notes. */
export interface DecodedSegmentation {
  readonly mask: DecodedMask | undefined;
  /** Polygon parts that were skipped, as human-readable reasons. */
  readonly skipped: readonly string[];
}

/**
 * Decodes a segmentation as pycocotools' `annToRLE` would, for an image of the given size:
 * RLE as is (compressed or not; `iscrowd` plays no part), polygon parts rasterised with the
 * pycocotools rule (pixel corners) and unioned. Either way only the instance's own box is
 * allocated (the polygons' box clipped to the image; the RLE's set pixels), never the frame.
 * Parts with fewer than 3 points are skipped and noted, as Detectron2 and mmdetection do
 * (pycocotools would read a 4-number part as a box).
 * @throws MaskportError `INVALID_MASK` when RLE counts are malformed or do not sum to h·w
 */
export function decodeCocoSegmentation(segmentation: CocoSegmentationIn, image: CocoImageIn, where: string, file: string): DecodedSegmentation {
  const { width, height } = image;
  if (segmentation.kind === "rle") {
    const counts = typeof segmentation.counts === "string" ? decompressCountsIn(segmentation.counts, where, file) : segmentation.counts;
    let sum = 0;
    for (const count of counts) {
      if (count < 0) throw new MaskportError("INVALID_MASK", `${where}: RLE count ${count} is negative`, { file });
      sum += count;
    }
    if (sum !== width * height) {
      throw new MaskportError(
        "INVALID_MASK",
        `${where}: RLE counts sum to ${sum}, but size [${height}, ${width}] of image ${image.id} ("${image.fileName}") has ${width * height} pixels`,
        { file },
      );
    }
    return { mask: decodeCountsToCrop(counts, width, height), skipped: [] };
  }
  const rings: Ring[] = [];
  const skipped: string[] = [];
  segmentation.parts.forEach((part, index) => {
    if (part.length < 6) {
      skipped.push(`polygon part ${index} has ${part.length / 2} point(s); at least 3 are needed`);
      return;
    }
    const ring: Point[] = [];
    for (let i = 0; i < part.length; i += 2) ring.push([part[i]!, part[i + 1]!]);
    rings.push(ring);
  });
  const window = polygonWindow(rings, width, height);
  if (window === undefined) return { mask: undefined, skipped };
  return { mask: cropToContent(rasterizePolygons(rings, "pycocotools", width, height, window), window), skipped };
}

// --- internal ---

function decompressCountsIn(text: string, where: string, file: string): number[] {
  try {
    return decompressCounts(text);
  } catch (error) {
    throw new MaskportError("INVALID_MASK", `${where}: ${error instanceof Error ? error.message : String(error)}`, { file, cause: error });
  }
}
