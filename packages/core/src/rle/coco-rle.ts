/**
 * COCO run-length encoding, exactly as pycocotools' C core (`common/maskApi.c`) does it.
 *
 * Order is COLUMN-MAJOR over the whole image (index = x * height + y), counts alternate
 * 0-runs and 1-runs and always start with a 0-run (0 when the first pixel is set).
 * `size` is [height, width]. The compressed string form is a LEB128-like variable-length
 * code of 5-bit groups offset by 48 ('0'), where from the third count on each count is
 * stored as the difference to the count two places before it.
 */
import { MaskportError } from "../errors.ts";
import type { BBox, Bitmap } from "../types.ts";

/** A COCO RLE with uncompressed counts. */
export interface CocoRle {
  /** [height, width], as COCO writes it. */
  readonly size: readonly [height: number, width: number];
  readonly counts: readonly number[];
}

/**
 * Encodes an instance crop placed at `bbox` inside a `width` × `height` image into
 * full-frame column-major counts, without materialising the full frame.
 */
export function encodeCocoRle(crop: Bitmap, bbox: Pick<BBox, "x" | "y">, width: number, height: number): CocoRle {
  const counts: number[] = [];
  let value = 0; // the value of the run being counted
  let run = 0;
  const { width: cw, height: ch, data } = crop;
  const below = height - bbox.y - ch;
  // Pixels outside the crop are zeros; a ones-run must be closed before they are counted.
  const addZeros = (n: number): void => {
    if (n <= 0) return;
    if (value !== 0) {
      counts.push(run);
      run = 0;
      value = 0;
    }
    run += n;
  };
  addZeros(bbox.x * height); // columns left of the crop
  for (let cx = 0; cx < cw; cx++) {
    addZeros(bbox.y); // rows above the crop
    for (let cy = 0; cy < ch; cy++) {
      const pixel = data[cy * cw + cx] === 0 ? 0 : 1;
      if (pixel !== value) {
        counts.push(run);
        run = 0;
        value = pixel;
      }
      run++;
    }
    addZeros(below); // rows below the crop
  }
  addZeros((width - bbox.x - cw) * height); // columns right of the crop
  counts.push(run);
  return { size: [height, width], counts };
}

/** Encodes a full-frame bitmap (row-major) into COCO counts. */
export function encodeCocoRleFromBitmap(bitmap: Bitmap): CocoRle {
  return encodeCocoRle(bitmap, { x: 0, y: 0 }, bitmap.width, bitmap.height);
}

/** Decodes COCO counts into a row-major full-frame bitmap. Counts must sum to h·w. */
export function decodeCocoRle(rle: CocoRle, file?: string): Bitmap {
  const [height, width] = rle.size;
  checkCountsSum(rle, file);
  const data = new Uint8Array(width * height);
  let index = 0;
  for (let i = 0; i < rle.counts.length; i++) {
    const count = rle.counts[i] ?? 0;
    if (i % 2 === 1) {
      for (let k = index; k < index + count; k++) {
        const x = Math.floor(k / height);
        const y = k - x * height;
        data[y * width + x] = 1;
      }
    }
    index += count;
  }
  return { width, height, data };
}

/** Throws `INVALID_MASK` unless the counts are non-negative integers summing to h·w. */
export function checkCountsSum(rle: CocoRle, file?: string): void {
  const [height, width] = rle.size;
  let sum = 0;
  for (const count of rle.counts) {
    if (!Number.isInteger(count) || count < 0) {
      throw new MaskportError("INVALID_MASK", `RLE count ${count} is not a non-negative integer`, file === undefined ? {} : { file });
    }
    sum += count;
  }
  if (sum !== width * height) {
    throw new MaskportError(
      "INVALID_MASK",
      `RLE counts sum to ${sum}, but size [${height}, ${width}] has ${width * height} pixels`,
      file === undefined ? {} : { file },
    );
  }
}

/** pycocotools' `rleToString`: counts → the compressed ASCII string. */
export function compressCounts(counts: readonly number[]): string {
  let out = "";
  for (let i = 0; i < counts.length; i++) {
    let x = counts[i] ?? 0;
    if (i > 2) x -= counts[i - 2] ?? 0;
    let more = true;
    while (more) {
      // Arithmetic on numbers, not 32-bit ints, so huge images cannot overflow.
      let c = ((x % 32) + 32) % 32;
      x = Math.floor(x / 32);
      more = (c & 0x10) !== 0 ? x !== -1 : x !== 0;
      if (more) c |= 0x20;
      out += String.fromCharCode(c + 48);
    }
  }
  return out;
}

/** pycocotools' `rleFrString`: the compressed ASCII string → counts. */
export function decompressCounts(text: string, file?: string): number[] {
  const counts: number[] = [];
  let p = 0;
  while (p < text.length) {
    let x = 0;
    let k = 0;
    let more = true;
    let c = 0;
    while (more) {
      if (p >= text.length) {
        throw new MaskportError("INVALID_MASK", "compressed RLE string ends inside a number", file === undefined ? {} : { file });
      }
      c = text.charCodeAt(p) - 48;
      if (c < 0 || c > 63) {
        throw new MaskportError("INVALID_MASK", `compressed RLE string has an invalid character ${JSON.stringify(text[p])} at ${p}`, file === undefined ? {} : { file });
      }
      x += (c & 0x1f) * 2 ** (5 * k);
      more = (c & 0x20) !== 0;
      p++;
      k++;
    }
    if ((c & 0x10) !== 0) x -= 2 ** (5 * k);
    if (counts.length > 2) x += counts[counts.length - 2] ?? 0;
    counts.push(x);
  }
  return counts;
}

/** pycocotools' `area`: the number of set pixels. */
export function cocoRleArea(counts: readonly number[]): number {
  let area = 0;
  for (let i = 1; i < counts.length; i += 2) area += counts[i] ?? 0;
  return area;
}

/** pycocotools' `toBbox`: [x, y, width, height], [0, 0, 0, 0] for an empty mask. */
export function cocoRleBbox(rle: CocoRle): [number, number, number, number] {
  const [h, w] = rle.size;
  const m = Math.floor(rle.counts.length / 2) * 2;
  if (m === 0) return [0, 0, 0, 0];
  let xs = w;
  let ys = h;
  let xe = 0;
  let ye = 0;
  let cc = 0;
  let xp = 0;
  for (let j = 0; j < m; j++) {
    cc += rle.counts[j] ?? 0;
    const t = cc - (j % 2);
    const y = t % h;
    const x = (t - y) / h;
    if (j % 2 === 0) xp = x;
    else if (xp < x) {
      ys = 0;
      ye = h - 1;
    }
    xs = Math.min(xs, x);
    xe = Math.max(xe, x);
    ys = Math.min(ys, y);
    ye = Math.max(ye, y);
  }
  return [xs, ys, xe - xs + 1, ye - ys + 1];
}
