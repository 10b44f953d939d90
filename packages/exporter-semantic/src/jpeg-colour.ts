/**
 * Chroma upsampling and YCbCr → RGB as libjpeg-turbo does them (what Pillow, OpenCV and
 * browsers decode with): its "fancy" triangle-filter upsampling (jdsample.c) and integer colour
 * tables (jdcolor.c), where jpeg-js would use nearest-neighbour chroma and float colour.
 */

/**
 * A component plane brought to full size as libjpeg-turbo does with its defaults
 * (jdsample.c): triangle filters for 2:1 ratios (h2v1 and h2v2 only when the plane is wider than
 * two samples), replication otherwise; edges repeat the outermost samples.
 */
export function upsample(plane: Uint8Array, planeWidth: number, planeHeight: number, sx: number, sy: number, width: number, height: number): Uint8Array {
  if (sx === 1 && sy === 1) return plane;
  const out = new Uint8Array(width * height);
  const row = (r: number): number => Math.min(Math.max(r, 0), planeHeight - 1) * planeWidth;
  const fancyH = sx === 2 && planeWidth > 2;
  for (let y = 0; y < height; y++) {
    const near = row(Math.floor(y / sy));
    // The other row of the vertical filter: above for even output rows, below for odd ones.
    const far = row((y >> 1) + (y & 1 ? 1 : -1));
    const o = y * width;
    if (sx === 2 && sy === 2 && fancyH) {
      const sum = (c: number): number => 3 * (plane[near + c] as number) + (plane[far + c] as number);
      for (let x = 0; x < width; x++) {
        const c = x >> 1;
        if (x & 1) out[o + x] = c === planeWidth - 1 ? (4 * sum(c) + 7) >> 4 : (3 * sum(c) + sum(c + 1) + 7) >> 4;
        else out[o + x] = c === 0 ? (4 * sum(c) + 8) >> 4 : (3 * sum(c) + sum(c - 1) + 8) >> 4;
      }
    } else if (sx === 2 && sy === 1 && fancyH) {
      for (let x = 0; x < width; x++) {
        const c = x >> 1;
        const here = plane[near + c] as number;
        if (x & 1) out[o + x] = c === planeWidth - 1 ? here : (3 * here + (plane[near + c + 1] as number) + 2) >> 2;
        else out[o + x] = c === 0 ? here : (3 * here + (plane[near + c - 1] as number) + 1) >> 2;
      }
    } else if (sx === 1 && sy === 2) {
      const bias = y & 1 ? 2 : 1;
      for (let x = 0; x < width; x++) out[o + x] = (3 * (plane[near + x] as number) + (plane[far + x] as number) + bias) >> 2;
    } else {
      for (let x = 0; x < width; x++) out[o + x] = plane[near + Math.floor(x / sx)] as number;
    }
  }
  return out;
}

/** libjpeg's integer YCbCr → RGB (jdcolor.c build_ycc_rgb_table, ycc_rgb_convert). */
export function yccToRgb(planes: readonly Uint8Array[], count: number): Uint8Array {
  const [luma, cb, cr] = planes as [Uint8Array, Uint8Array, Uint8Array];
  const out = new Uint8Array(count * 3);
  for (let p = 0; p < count; p++) {
    const y = luma[p] as number;
    const b = cb[p] as number;
    const r = cr[p] as number;
    out[3 * p] = clamp(y + (CR_R[r] as number));
    out[3 * p + 1] = clamp(y + (((CB_G[b] as number) + (CR_G[r] as number)) >> 16));
    out[3 * p + 2] = clamp(y + (CB_B[b] as number));
  }
  return out;
}

/** Three full-size planes interleaved as they are (RGB JPEGs need no colour conversion). */
export function interleave(planes: readonly Uint8Array[], count: number): Uint8Array {
  const out = new Uint8Array(count * 3);
  planes.forEach((plane, c) => {
    for (let p = 0; p < count; p++) out[3 * p + c] = plane[p] as number;
  });
  return out;
}

// --- internal ---

function clamp(value: number): number {
  return value < 0 ? 0 : value > 255 ? 255 : value;
}

/** libjpeg's 16-bit fixed point: FIX(x) = (JLONG)(x · 65536 + 0.5). */
function fix(x: number): number {
  return Math.floor(x * 65536 + 0.5);
}

const CR_R = Int32Array.from({ length: 256 }, (_, i) => (fix(1.402) * (i - 128) + 32768) >> 16);
const CB_B = Int32Array.from({ length: 256 }, (_, i) => (fix(1.772) * (i - 128) + 32768) >> 16);
const CR_G = Int32Array.from({ length: 256 }, (_, i) => -fix(0.71414) * (i - 128));
const CB_G = Int32Array.from({ length: 256 }, (_, i) => -fix(0.34414) * (i - 128) + 32768);
