import { MaskportError, type ErrorCode } from "../errors.ts";
import type { Labelmap } from "../types.ts";
import { packRgb } from "./labelmap.ts";
import { NO_LABEL, type IdRaster, type MaskImage } from "./mask-image.ts";
import { vocColor, vocIndex } from "./voc-palette.ts";
import { colorTable, UNKNOWN, valueTable } from "./label-tables.ts";
import { unknownColorError } from "./color-error.ts";

/** The largest instance id an RGB object mask may encode through the VOC palette. */
export const MAX_VOC_INSTANCE = 65535;

/**
 * The class raster of a class mask: label id per pixel, {@link NO_LABEL} for background.
 * - gray: the value is the label id (CVAT's 1-channel rule); 0 without a label 0 is background.
 * - rgb: the colour is looked up in the labelmap; black without a black label is background.
 * - indexed: by palette colour, as CVAT and Datumaro read them (OpenCV expands palettes to
 *   colours, FORMATS.md §1.6). A palette whose colours are not all label colours is read by
 *   index (the index is the label id) only when it is clearly an index palette: every used index
 *   a label id coloured its Pascal VOC colour or gray (i,i,i), and no colour naming another label
 *   (VOC-style index PNGs); else UNKNOWN_COLOR.
 * @param file named in error messages
 * @param out where to write the ids (≥ width × height long, e.g. a reused buffer); a new array by default
 * @throws MaskportError UNKNOWN_VALUE / UNKNOWN_COLOR naming the value or colour, its pixel count and first (x, y)
 */
export function classRasterFromImage(image: MaskImage, labelmap: Labelmap, file: string, out?: Int32Array): IdRaster {
  const { width, height } = image;
  const data = out?.subarray(0, width * height) ?? new Int32Array(width * height);
  if (image.kind === "rgb") {
    const byColor = colorTable(labelmap);
    const values = image.values;
    const words = wordsOf(values, data.length);
    if (words !== undefined) {
      // By runs of equal 32-bit words (masks are long runs): one comparison per pixel, one
      // lookup and one fill per run. Alpha is part of the word, so a run also ends where only
      // alpha changes — harmless, the colour is looked up again.
      const size = data.length;
      let lastWord = -1;
      let lastId = NO_LABEL;
      for (let p = 0; p < size; ) {
        const raw = words[p] as number;
        let q = p + 1;
        while (q < size && words[q] === raw) q++;
        const word = raw & 0xffffff;
        if (word !== lastWord) {
          const id = byColor.get(((word & 0xff) << 16) | (word & 0xff00) | (word >>> 16));
          if (id === undefined) throw unknownColor(image, p, file, "is not a label colour in the labelmap");
          lastWord = word;
          lastId = id;
        }
        data.fill(lastId, p, q);
        p = q;
      }
      return { width, height, data };
    }
    let lastKey = -1;
    let lastId = NO_LABEL;
    for (let p = 0, q = 0; p < data.length; p++, q += 4) {
      const key = ((values[q] ?? 0) << 16) | ((values[q + 1] ?? 0) << 8) | (values[q + 2] ?? 0);
      if (key !== lastKey) {
        const id = byColor.get(key);
        if (id === undefined) throw unknownColor(image, p, file, "is not a label colour in the labelmap");
        lastKey = key;
        lastId = id;
      }
      data[p] = lastId;
    }
    return { width, height, data };
  }
  if (image.kind === "indexed") {
    mapThrough(image.values, paletteTable(image, labelmap, file), data);
    return { width, height, data };
  }
  const values = image.values;
  const byValue = valueTable(labelmap);
  for (let p = 0; p < data.length; p++) {
    const id = byValue[values[p] ?? 0] ?? UNKNOWN;
    if (id === UNKNOWN) throw unknownValue(image, p, file, "is not a label id in the labelmap");
    data[p] = id;
  }
  return { width, height, data };
}

/**
 * The class values of a class mask, for `instancesFromRasters`: a gray mask's own values
 * when they already are label ids (the labelmap has a label 0, so no value needs mapping), else
 * {@link classRasterFromImage}'s raster. Saves a 4-byte-a-pixel copy on large gray masks.
 * @throws MaskportError as {@link classRasterFromImage}
 */
export function classValuesFromImage(image: MaskImage, labelmap: Labelmap, file: string, out?: Int32Array): Int32Array | Uint16Array | Uint8Array {
  if (image.kind !== "gray" || !labelmap.labels.some((label) => label.id === 0)) return classRasterFromImage(image, labelmap, file, out).data;
  const byValue = valueTable(labelmap);
  const values = image.values;
  for (let p = 0; p < values.length; ) {
    const value = values[p] as number;
    if (byValue[value] === UNKNOWN) throw unknownValue(image, p, file, "is not a label id in the labelmap");
    let q = p + 1;
    while (q < values.length && values[q] === value) q++;
    p = q;
  }
  return values;
}

/**
 * The object raster of an object (instance) mask: instance id per pixel, 0 = none.
 * gray: the value; indexed: the palette index (never the colour, so repeated palette colours
 * stay distinct); rgb: the VOC palette index of the colour (up to {@link MAX_VOC_INSTANCE}).
 * @param out where to write the ids (≥ width × height long); a new array by default
 * @throws MaskportError UNKNOWN_COLOR for an RGB colour that is not a VOC palette colour
 */
export function objectRasterFromImage(image: MaskImage, file: string, out?: Int32Array): IdRaster {
  const { width, height } = image;
  const data = out?.subarray(0, width * height) ?? new Int32Array(width * height);
  if (image.kind !== "rgb") {
    data.set(image.values);
    return { width, height, data };
  }
  const values = image.values;
  const words = wordsOf(values, data.length);
  if (words !== undefined) {
    const size = data.length;
    let lastWord = -1;
    let lastIndex = 0;
    for (let p = 0; p < size; ) {
      const raw = words[p] as number;
      let q = p + 1;
      while (q < size && words[q] === raw) q++;
      const word = raw & 0xffffff;
      if (word !== lastWord) {
        lastWord = word;
        lastIndex = vocIndex(word & 0xff, (word >>> 8) & 0xff, word >>> 16);
        if (lastIndex > MAX_VOC_INSTANCE) throw unknownColor(image, p, file, "is not a Pascal VOC palette colour (instance colours are VOC palette entries)");
      }
      data.fill(lastIndex, p, q);
      p = q;
    }
    return { width, height, data };
  }
  let lastKey = -1;
  let lastIndex = 0;
  for (let p = 0, q = 0; p < data.length; p++, q += 4) {
    const r = values[q] ?? 0;
    const g = values[q + 1] ?? 0;
    const b = values[q + 2] ?? 0;
    const key = (r << 16) | (g << 8) | b;
    if (key !== lastKey) {
      lastKey = key;
      lastIndex = vocIndex(r, g, b);
      if (lastIndex > MAX_VOC_INSTANCE) throw unknownColor(image, p, file, "is not a Pascal VOC palette colour (instance colours are VOC palette entries)");
    }
    data[p] = lastIndex;
  }
  return { width, height, data };
}

/**
 * Checks that an object mask has its class mask's size.
 * @throws MaskportError SIZE_MISMATCH naming both files and sizes
 */
export function assertSameSize(classMask: { width: number; height: number }, objectMask: { width: number; height: number }, classFile: string, objectFile: string): void {
  if (classMask.width !== objectMask.width || classMask.height !== objectMask.height) {
    throw new MaskportError(
      "SIZE_MISMATCH",
      `object mask is ${objectMask.width}×${objectMask.height} but its class mask ${classFile} is ${classMask.width}×${classMask.height}`,
      { file: objectFile },
    );
  }
}

// --- internal ---

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** RGBA bytes as one little-endian word per pixel (R in the low byte), when aligned; else undefined. */
function wordsOf(values: Uint8Array, pixels: number): Uint32Array | undefined {
  if (!LITTLE_ENDIAN || values.byteOffset % 4 !== 0 || values.length < 4 * pixels) return undefined;
  return new Uint32Array(values.buffer, values.byteOffset, pixels);
}

/**
 * Per palette index, its label: by colour (what CVAT reads) when every used index's colour is a
 * label colour; else by index (the index is the label id) when that is clearly what the palette
 * means: every used index i is a label id, coloured the Pascal VOC colour of i or gray (i,i,i),
 * and where its colour is a label colour, that label is i.
 * @throws MaskportError UNKNOWN_VALUE for an index past the palette; UNKNOWN_COLOR, naming the
 *   first pixel whose colour is no label's, otherwise
 */
function paletteTable(image: MaskImage & { kind: "indexed" }, labelmap: Labelmap, file: string): Int32Array {
  const used = new Uint8Array(256);
  for (const index of image.values) used[index] = 1;
  const byColor = colorTable(labelmap);
  const byValue = valueTable(labelmap);
  const table = new Int32Array(256).fill(UNKNOWN);
  const byIndex = new Int32Array(256).fill(UNKNOWN);
  let byColorOk = true;
  let byIndexOk = true;
  for (let index = 0; index < 256; index++) {
    if (used[index] === 0) continue;
    const at = 3 * index;
    if (at + 2 >= image.palette.length) throw unknownValue(image, image.values.indexOf(index), file, "has no colour");
    const color = ((image.palette[at] ?? 0) << 16) | ((image.palette[at + 1] ?? 0) << 8) | (image.palette[at + 2] ?? 0);
    const id = byColor.get(color);
    if (id === undefined) byColorOk = false;
    else table[index] = id;
    const asId = byValue[index] ?? UNKNOWN;
    const indexColor = color === index * 0x010101 || color === packRgb(vocColor(index));
    if (asId === UNKNOWN || !indexColor || (id !== undefined && id !== asId)) byIndexOk = false;
    else byIndex[index] = asId;
  }
  if (byColorOk) return table;
  if (byIndexOk) return byIndex;
  let first = 0;
  while (table[image.values[first] ?? 0] !== UNKNOWN) first++;
  const index = image.values[first] ?? 0;
  let count = 0;
  for (let p = first; p < image.values.length; p++) if (image.values[p] === index) count++;
  throw pixelError(
    "UNKNOWN_COLOR",
    `colour (${image.palette.subarray(3 * index, 3 * index + 3).join(",")}) of palette index ${index} is not a label colour in the labelmap (${count} pixel${count === 1 ? "" : "s"}); palette PNGs are read by colour, as CVAT does, unless the palette is clearly an index palette (VOC or gray colours of label ids)`,
    image.width,
    first,
    file,
  );
}

function mapThrough(values: Uint8Array, table: Int32Array, out: Int32Array): void {
  for (let p = 0; p < out.length; p++) out[p] = table[values[p] ?? 0] ?? UNKNOWN;
}

function unknownValue(image: MaskImage & { kind: "gray" | "indexed" }, first: number, file: string, why: string): MaskportError {
  const values = image.values;
  const value = values[first] ?? 0;
  let count = 0;
  for (let p = first; p < values.length; p++) if (values[p] === value) count++;
  const what = image.kind === "indexed" ? `palette index ${value}${paletteColor(image, value)}` : `value ${value}`;
  return pixelError("UNKNOWN_VALUE", `${what} ${why} (${count} pixel${count === 1 ? "" : "s"})`, image.width, first, file);
}

function unknownColor(image: MaskImage & { kind: "rgb" }, first: number, file: string, why: string): MaskportError {
  const values = image.values;
  const r = values[4 * first] ?? 0;
  const g = values[4 * first + 1] ?? 0;
  const b = values[4 * first + 2] ?? 0;
  let count = 0;
  for (let q = 4 * first; q < values.length; q += 4) if (values[q] === r && values[q + 1] === g && values[q + 2] === b) count++;
  return unknownColorError((r << 16) | (g << 8) | b, why, count, first % image.width, Math.floor(first / image.width), file);
}

function paletteColor(image: MaskImage & { kind: "indexed" }, index: number): string {
  const at = 3 * index;
  if (at + 2 >= image.palette.length) return " (beyond the palette)";
  return ` (colour ${image.palette[at]},${image.palette[at + 1]},${image.palette[at + 2]})`;
}

function pixelError(code: ErrorCode, message: string, width: number, first: number, file: string): MaskportError {
  return new MaskportError(code, message, { file, pixel: { x: first % width, y: Math.floor(first / width) } });
}
