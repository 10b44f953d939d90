import type { Rgb } from "../types.ts";

/**
 * The Pascal VOC palette colour of an index (FORMATS.md §1.4, Datumaro `generate_colormap`):
 * bit `3k + c` of the index becomes bit `7 - k` of channel c (R = 0, G = 1, B = 2).
 * 0 → (0,0,0), 1 → (128,0,0), 2 → (0,128,0), 255 → (224,224,192). Defined for 0..2²⁴−1.
 */
export function vocColor(index: number): Rgb {
  if (!Number.isInteger(index) || index < 0 || index >= 1 << 24) throw new RangeError(`VOC palette index out of range: ${index}`);
  const color = [0, 0, 0];
  let rest = index;
  for (let bit = 7; bit >= 0; bit--) {
    for (let channel = 0; channel < 3; channel++) {
      color[channel] = (color[channel] ?? 0) | (((rest >> channel) & 1) << bit);
    }
    rest >>= 3;
  }
  return [color[0] ?? 0, color[1] ?? 0, color[2] ?? 0];
}

/**
 * The inverse of {@link vocColor}: the palette index whose colour is (r, g, b), each 0..255.
 * The palette is a bijection on 24-bit colours, so every colour has an index; callers decide
 * which indices are plausible (CVAT writes 1..255).
 */
export function vocIndex(r: number, g: number, b: number): number {
  let index = 0;
  for (let bit = 7; bit >= 0; bit--) {
    // Colour bit `bit` of each channel holds index bits 3·(7 − bit) + channel.
    const shift = 3 * (7 - bit);
    index |= (((r >> bit) & 1) << shift) | (((g >> bit) & 1) << (shift + 1)) | (((b >> bit) & 1) << (shift + 2));
  }
  return index;
}
