import type { BBox, Bitmap } from "@maskport/core";

/**
 * Column-major COCO counts (pycocotools order: index = x·height + y, starting with a 0-run)
 * of an instance crop placed at `bbox` in a `width` × `height` image, without building the
 * full frame.
 *
 * Why not core's `encodeCocoRle`: in the version this package was written against it adds
 * the zero rows above a column (and the zero columns right of the crop) to a run of ones
 * when the crop touches the bottom edge, e.g. a 30×80 block at x = 0 of an 80×80 image
 * comes out as `[0, 6400]` instead of `[0, 2400, 4000]` (golden m02, value 1). The fix is
 * reported to core; this encoder is checked against every pycocotools golden vector.
 */
export function encodeCropCounts(crop: Bitmap, bbox: Pick<BBox, "x" | "y">, width: number, height: number): number[] {
  const counts: number[] = [];
  const { width: cw, height: ch, data } = crop;
  const below = height - bbox.y - ch;
  const end = ch * cw;
  let value = 0; // value of the run being counted; the first run is always zeros
  let run = bbox.x * height; // whole zero columns left of the crop
  for (let cx = 0; cx < cw; cx++) {
    if (bbox.y > 0) {
      if (value !== 0) {
        counts.push(run);
        run = 0;
        value = 0;
      }
      run += bbox.y;
    }
    for (let index = cx; index < end; index += cw) {
      const pixel = data[index] === 0 ? 0 : 1;
      if (pixel !== value) {
        counts.push(run);
        run = 0;
        value = pixel;
      }
      run++;
    }
    if (below > 0) {
      if (value !== 0) {
        counts.push(run);
        run = 0;
        value = 0;
      }
      run += below;
    }
  }
  const right = (width - bbox.x - cw) * height;
  if (right > 0) {
    if (value !== 0) {
      counts.push(run);
      run = 0;
    }
    run += right;
  }
  counts.push(run);
  return counts;
}
