import type { Bitmap } from "@maskport/core";

/**
 * Squared Euclidean distance from every pixel of an instance crop to the nearest pixel that
 * is not in the instance, where every pixel outside the crop (outside the image included)
 * counts as not in it: what OpenCV's `cv2.distanceTransform(DIST_L2, DIST_MASK_PRECISE)`
 * gives, squared, on the mask padded with a zero border. Exact integers (Felzenszwalb and
 * Huttenlocher's two-pass transform, with the envelope's breakpoints compared as fractions).
 * @param bitmap the instance crop, row-major 0/1
 * @returns `bitmap.width × bitmap.height` values, row-major; 0 where the crop is 0
 */
export function squaredDistancesToBoundary(bitmap: Bitmap): Int32Array | Float64Array {
  const { width, height, data } = bitmap;
  // A pixel outside the crop is no closer to any instance pixel than the ring pixel its coordinates clamp to (crop padded by 1), so one ring of zeros stands for them all.
  const w = width + 2;
  const h = height + 2;
  // Squared distances reach w² + h²; past int32 the exact integers need doubles.
  const Values = w * w + h * h < 2 ** 31 ? Int32Array : Float64Array;
  const columns = new Values(w * h);
  columnPass(data, width, height, columns);
  const out = new Values(width * height);
  rowPass(columns, width, height, out);
  return out;
}

/**
 * The integer pixel of an instance farthest from its boundary: the largest
 * {@link squaredDistancesToBoundary} (the image edge counts as boundary), ties to the first
 * pixel in row-major order.
 * @param bitmap the instance crop, row-major 0/1
 * @param origin image position of the crop's top-left pixel
 * @returns `[x, y]` in image pixels (column, row), or undefined when no pixel is set
 */
export function pointFarthestFromBoundary(bitmap: Bitmap, origin: { readonly x: number; readonly y: number }): [x: number, y: number] | undefined {
  const distances = squaredDistancesToBoundary(bitmap);
  let best = -1;
  let at = -1;
  for (let i = 0; i < distances.length; i++) {
    // Strictly greater keeps the first of equal pixels; instance pixels are ≥ 1, others 0.
    if (bitmap.data[i] !== 0 && distances[i]! > best) {
      best = distances[i]!;
      at = i;
    }
  }
  if (at < 0) return undefined;
  return [origin.x + (at % bitmap.width), origin.y + Math.floor(at / bitmap.width)];
}

// --- internal ---

/**
 * Per column of the padded grid, the squared distance to the nearest 0 in that column. The
 * padding rows are 0, so every column has one and every value is finite. Rows are walked
 * down and then up, one counter per column, so memory is read in order.
 */
function columnPass(data: Uint8Array, width: number, height: number, out: Int32Array | Float64Array): void {
  const w = width + 2;
  const run = new Int32Array(w);
  // The padding (rows 0 and h − 1, columns 0 and w − 1) is 0, and so is `out` when made.
  for (let y = 1; y <= height; y++) {
    for (let x = 1, i = (y - 1) * width; x <= width; x++, i++) {
      run[x] = data[i] === 0 ? 0 : run[x]! + 1;
      out[y * w + x] = run[x]!;
    }
  }
  run.fill(0);
  for (let y = height; y >= 1; y--) {
    for (let x = 1, i = (y - 1) * width; x <= width; x++, i++) {
      run[x] = data[i] === 0 ? 0 : run[x]! + 1;
      const nearest = Math.min(run[x]!, out[y * w + x]!);
      out[y * w + x] = nearest * nearest;
    }
  }
}

/**
 * Per inner row, the lower envelope of the parabolas (x − q)² + f(q) over the column pass's
 * values f, evaluated at the crop's pixels. Breakpoints are kept as numerator/denominator
 * pairs and compared by cross-multiplying (exact: the products stay below 2⁵³ for crops
 * under 100,000 pixels a side).
 */
function rowPass(columns: Int32Array | Float64Array, width: number, height: number, out: Int32Array | Float64Array): void {
  const w = width + 2;
  const vertex = new Int32Array(w);
  const num = new Float64Array(w);
  const den = new Float64Array(w);
  for (let y = 1; y <= height; y++) {
    const row = y * w;
    let top = 0;
    vertex[0] = 0;
    for (let q = 1; q < w; q++) {
      const fq = columns[row + q]! + q * q;
      let sNum = 0;
      let sDen = 1;
      for (;;) {
        const p = vertex[top]!;
        sNum = fq - (columns[row + p]! + p * p);
        sDen = 2 * (q - p);
        // Parabola `top` is hidden when the new one overtakes it before its own left breakpoint.
        if (top > 0 && sNum * den[top]! <= num[top]! * sDen) top--;
        else break;
      }
      top++;
      vertex[top] = q;
      num[top] = sNum;
      den[top] = sDen;
    }
    let k = 0;
    for (let x = 1; x <= width; x++) {
      while (k < top && num[k + 1]! < x * den[k + 1]!) k++;
      const p = vertex[k]!;
      out[(y - 1) * width + (x - 1)] = (x - p) * (x - p) + columns[row + p]!;
    }
  }
}
