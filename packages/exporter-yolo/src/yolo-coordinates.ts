/**
 * Normalised YOLO coordinates and how Ultralytics turns them back into pixel indices.
 *
 * Ultralytics' decode at native resolution (`ultralytics/data/utils.py` verify_image_label,
 * `utils/instance.py` denormalize, `data/utils.py` polygon2mask): the token is parsed into a
 * float32 (numpy goes through a Python float, i.e. string → float64 → float32), multiplied by
 * the image width/height in float32, then cast to int32 (truncation toward zero) before
 * `cv2.fillPoly`. A value written as exactly k/size can land on k − ε after the float32
 * rounding and truncate to k − 1, so the encoder aims inside [k, k + 1).
 */

/**
 * The pixel index Ultralytics gets from one normalised coordinate token.
 * @param token the text of the coordinate (normalised, 0..1)
 * @param size image width (for x) or height (for y), in pixels
 * @returns the int32-truncated pixel index (may be outside 0..size-1 for out-of-range tokens)
 */
export function decodeCoordinate(token: string, size: number): number {
  return truncateProduct(Math.fround(Number(token)), size);
}

/**
 * The pixel index of an already parsed float32 coordinate times `size`, computed in float32
 * and truncated toward zero as numpy's `astype(int32)` does.
 */
export function truncateProduct(value32: number, size: number): number {
  // f32 × size is exact in float64 (24 + 31 bits < 53), so fround gives the float32 product.
  const product = Math.fround(value32 * size);
  return Math.trunc(product) | 0;
}

/**
 * The shortest decimal in [0, 1) that decodes to pixel index `index` under
 * {@link decodeCoordinate}, and also under a plain float64 decode (so readers that skip the
 * float32 step agree). Among the shortest, the one nearest the pixel's middle. Cached per size.
 * @param index pixel index, 0..size-1
 * @param size image width or height in pixels (≥ 1)
 */
export function encodeCoordinate(index: number, size: number): string {
  let table = cache.get(size);
  if (table === undefined) {
    table = new Array<string | undefined>(size);
    cache.set(size, table);
  }
  const cached = table[index];
  if (cached !== undefined) return cached;
  const text = shortestDecimal(index, size);
  table[index] = text;
  return text;
}

// --- internal ---

const cache = new Map<number, (string | undefined)[]>();

function shortestDecimal(index: number, size: number): string {
  if (!Number.isInteger(index) || !Number.isInteger(size) || index < 0 || index >= size) {
    throw new RangeError(`pixel index ${index} is outside 0..${size - 1}`);
  }
  if (index === 0) return "0";
  const centre = (index + 0.5) / size;
  for (let digits = 1; digits <= 17; digits++) {
    const scale = 10 ** digits;
    // Candidates n / scale around the pixel [index, index + 1) / size; a few at coarse
    // precision, at most about a dozen by the first precision finer than the pixel.
    let best: string | undefined;
    let bestDistance = Infinity;
    const last = Math.min(scale - 1, Math.ceil(((index + 1) / size) * scale) + 1);
    for (let n = Math.max(0, Math.floor((index / size) * scale) - 1); n <= last; n++) {
      const text = formatFixed(n, digits);
      if (decodeCoordinate(text, size) !== index || Math.trunc(Number(text) * size) !== index) continue;
      const distance = Math.abs(n / scale - centre);
      if (distance < bestDistance) {
        best = text;
        bestDistance = distance;
      }
    }
    if (best !== undefined) return best;
  }
  throw new RangeError(`no decimal decodes to pixel ${index} of ${size}`);
}

/** `candidate / 10^digits` as text with exactly `digits` decimals (candidate < 10^digits). */
function formatFixed(candidate: number, digits: number): string {
  const body = String(candidate).padStart(digits, "0");
  const head = body.length > digits ? body.slice(0, body.length - digits) : "0";
  return `${head}.${body.slice(body.length - digits)}`;
}
