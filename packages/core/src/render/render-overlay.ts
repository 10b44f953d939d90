import { traceBoundaries } from "../geometry/trace-boundaries.ts";
import type { PolygonTarget, Ring } from "../geometry/types.ts";
import { vocColor } from "../model/voc-palette.ts";
import type { DecodedShape } from "../plugin.ts";
import type { Instance, Labelmap, Rgb } from "../types.ts";
import { drawLine } from "./draw-line.ts";
import { blendPixel, createRgbaImage, fillRect, type RgbaImage } from "./rgba-image.ts";

/** Colour of source pixels the re-decoded output lost (cyan: far from typical label colours). */
export const LOST_COLOR: Rgb = [0, 255, 255];
/** Colour of pixels the re-decoded output added (yellow). */
export const ADDED_COLOR: Rgb = [255, 255, 0];
/** Background when there is no raw image. */
export const BACKGROUND_GRAY: Rgb = [96, 96, 96];

/** What an overlay shows. */
export interface OverlayInput {
  /** Image size in pixels. */
  readonly width: number;
  readonly height: number;
  readonly labelmap: Labelmap;
  /** The source instances (filled in their label colour). */
  readonly instances: readonly Instance[];
  /** The raw image, same size (RGBA); gray when absent. */
  readonly background?: RgbaImage;
  /**
   * What the output format decodes to (`Exporter.decodeFragment`). Absent: the format cannot be
   * re-decoded, so only the source is drawn (mask outlines, no lost/added).
   */
  readonly decoded?: readonly DecodedShape[];
  /** Integer magnification (each image pixel becomes scale × scale); default 1. */
  readonly scale?: number;
  /** Opacity of the instance fill, 0..1; default 0.45. */
  readonly fillAlpha?: number;
}

/** The drawn overlay and the pixel counts it marked. */
export interface Overlay {
  readonly image: RgbaImage;
  /** Source pixels (per instance, or per label) the decoded output lacks, drawn in {@link LOST_COLOR}. */
  readonly lost: number;
  /** Decoded pixels (per instance, or per label) the source lacks, drawn in {@link ADDED_COLOR}. */
  readonly added: number;
}

/**
 * Draws one image's overlay: the raw image (or gray), every instance filled at partial opacity
 * in its own colour (the first of a label in the label's colour, later ones hue-shifted from it,
 * so touching instances of one label are told apart), the outlines of the written polygons (or of the masks for raster
 * encodings), then lost and added pixels, opaque, on top: per instance when every decoded
 * shape names its instance, else per label (see `markDifferences`).
 */
export function renderOverlay(input: OverlayInput): Overlay {
  const { width, height } = input;
  const scale = Math.max(1, Math.floor(input.scale ?? 1));
  const alpha = input.fillAlpha ?? 0.45;
  const image = input.background === undefined ? createRgbaImage(width * scale, height * scale, BACKGROUND_GRAY) : magnify(input.background, scale);
  const colors = new Map(input.labelmap.labels.map((label) => [label.id, visible(label.color, label.id)]));
  const colorOf = (label: number): Rgb => colors.get(label) ?? vocColor(Math.max(1, label));
  const instanceColors = colorInstances(input.instances, colorOf);
  const shapeColor = (shape: DecodedShape): Rgb => (shape.instanceId === undefined ? undefined : instanceColors.get(shape.instanceId)) ?? colorOf(shape.label);

  for (const instance of input.instances) {
    const color = instanceColors.get(instance.instanceId) ?? colorOf(instance.label);
    const { x: bx, y: by, width: bw, height: bh } = instance.bbox;
    const data = instance.bitmap.data;
    for (let y = 0; y < bh; y++) {
      for (let x = 0; x < bw; x++) {
        if (data[y * bw + x] === 0) continue;
        for (let dy = 0; dy < scale; dy++) for (let dx = 0; dx < scale; dx++) blendPixel(image, (bx + x) * scale + dx, (by + y) * scale + dy, color, alpha);
      }
    }
  }

  if (input.decoded === undefined) {
    for (const instance of input.instances) {
      for (const ring of traceBoundaries(instance.bitmap)) drawRing(image, ring.points, "pycocotools", scale, instanceColors.get(instance.instanceId) ?? colorOf(instance.label), instance.bbox.x, instance.bbox.y);
    }
    return { image, lost: 0, added: 0 };
  }
  for (const shape of input.decoded) {
    if (shape.polygons !== undefined) {
      for (const ring of shape.polygons) drawRing(image, ring, shape.target ?? "pycocotools", scale, shapeColor(shape), 0, 0);
    } else {
      for (const ring of traceBoundaries(shape.bitmap)) drawRing(image, ring.points, "pycocotools", scale, shapeColor(shape), 0, 0);
    }
  }
  const { lost, added } = markDifferences(image, input, scale);
  return { image, lost, added };
}

/**
 * A colour per instance id: the first instance of each label gets the label's colour, the k-th
 * the label's hue turned by k golden angles (grey labels get a saturated hue), away from the
 * lost (cyan) and added (yellow) marks.
 */
export function colorInstances(instances: readonly Instance[], colorOf: (label: number) => Rgb): Map<number, Rgb> {
  const seen = new Map<number, number>();
  const result = new Map<number, Rgb>();
  for (const instance of instances) {
    const k = seen.get(instance.label) ?? 0;
    seen.set(instance.label, k + 1);
    result.set(instance.instanceId, k === 0 ? colorOf(instance.label) : turnHue(colorOf(instance.label), k));
  }
  return result;
}

// --- internal ---

/** `color` with its hue turned by k × 137.5°, kept 25° from the cyan and yellow marks. */
function turnHue(color: Rgb, k: number): Rgb {
  const [h, s, l] = toHsl(color);
  let hue = (h + k * 137.5) % 360;
  for (const mark of [60, 180]) if (Math.abs(hue - mark) < 25) hue = (mark + 25 * Math.sign(hue - mark || 1) + 360) % 360;
  // A grey has no hue to turn: give it one, at a mid lightness that shows on a dark image.
  return fromHsl(hue, s < 0.25 ? 0.7 : s, s < 0.25 ? 0.5 : Math.min(0.65, Math.max(0.35, l)));
}

function toHsl([r, g, b]: Rgb): [number, number, number] {
  const [R, G, B] = [r / 255, g / 255, b / 255];
  const max = Math.max(R, G, B);
  const min = Math.min(R, G, B);
  const l = (max + min) / 2;
  const d = max - min;
  if (d === 0) return [0, 0, l];
  const s = d / (1 - Math.abs(2 * l - 1));
  const h = max === R ? ((G - B) / d + 6) % 6 : max === G ? (B - R) / d + 2 : (R - G) / d + 4;
  return [h * 60, s, l];
}

function fromHsl(h: number, s: number, l: number): Rgb {
  const c = (1 - Math.abs(2 * l - 1)) * s;
  const x = c * (1 - Math.abs(((h / 60) % 2) - 1));
  const m = l - c / 2;
  const [r, g, b] = h < 60 ? [c, x, 0] : h < 120 ? [x, c, 0] : h < 180 ? [0, c, x] : h < 240 ? [0, x, c] : h < 300 ? [x, 0, c] : [c, 0, x];
  return [Math.round((r + m) * 255), Math.round((g + m) * 255), Math.round((b + m) * 255)];
}

/** Label colours that would vanish on a dark background (black) get a palette colour instead. */
function visible(color: Rgb, id: number): Rgb {
  return color[0] + color[1] + color[2] < 60 ? vocColor(Math.max(1, id)) : color;
}

function magnify(source: RgbaImage, scale: number): RgbaImage {
  if (scale === 1) return { width: source.width, height: source.height, data: source.data.slice() };
  const out = createRgbaImage(source.width * scale, source.height * scale);
  for (let y = 0; y < source.height; y++) {
    for (let x = 0; x < source.width; x++) {
      const i = (y * source.width + x) * 4;
      fillRect(out, x * scale, y * scale, scale, scale, [source.data[i]!, source.data[i + 1]!, source.data[i + 2]!]);
    }
  }
  return out;
}

/**
 * Draws a closed ring. Pixel-corner vertices (pycocotools) sit between pixels: at scale s the
 * corner c maps to canvas pixel round(c·s − 0.5); pixel-centre vertices (fillpoly) to the
 * centre of their magnified pixel, p·s + (s − 1)/2.
 */
function drawRing(image: RgbaImage, ring: Ring, target: PolygonTarget, scale: number, color: Rgb, offsetX: number, offsetY: number): void {
  const n = ring.length;
  if (n === 0) return;
  const map = (value: number, offset: number): number =>
    target === "pycocotools" ? Math.round((value + offset) * scale - 0.5) : Math.floor((value + offset) * scale + (scale - 1) / 2);
  for (let i = 0; i < n; i++) {
    const a = ring[i]!;
    const b = ring[(i + 1) % n]!;
    drawLine(image, map(a[0], offsetX), map(a[1], offsetY), map(b[0], offsetX), map(b[1], offsetY), outline(color));
  }
}

/** Outlines a shade lighter than the fill, so they stand out against it. */
function outline(color: Rgb): Rgb {
  return [Math.round(color[0] + (255 - color[0]) * 0.5), Math.round(color[1] + (255 - color[1]) * 0.5), Math.round(color[2] + (255 - color[2]) * 0.5)];
}

/**
 * Paints lost and added pixels. When every decoded shape names its instance (COCO, CVAT), each
 * source instance is compared with its own shapes — the exporters' per-instance fidelity, so
 * the counts match theirs; otherwise (YOLO: an instance may span several lines) per label,
 * the union of the label's instances against the union of its shapes.
 */
function markDifferences(image: RgbaImage, input: OverlayInput, scale: number): { lost: number; added: number } {
  const { width, height } = input;
  const shapes = input.decoded ?? [];
  const byInstance = shapes.every((shape) => shape.instanceId !== undefined);
  const keyOf = (item: { readonly label: number; readonly instanceId?: number }): number => (byInstance ? item.instanceId! : item.label);
  // Each group is compared inside the union of its boxes only: a frame scan per group would
  // dominate the cost on large images with many instances.
  const groups = new Map<number, { instances: Instance[]; shapes: DecodedShape[]; box: Box }>();
  const groupOf = (key: number) => {
    let group = groups.get(key);
    if (group === undefined) groups.set(key, (group = { instances: [], shapes: [], box: { x0: width, y0: height, x1: 0, y1: 0 } }));
    return group;
  };
  for (const instance of input.instances) {
    const group = groupOf(keyOf(instance));
    group.instances.push(instance);
    const { x, y, width: w, height: h } = instance.bbox;
    grow(group.box, { x0: x, y0: y, x1: x + w, y1: y + h });
  }
  for (const shape of shapes) {
    const group = groupOf(keyOf(shape));
    group.shapes.push(shape);
    grow(group.box, contentBox(shape.bitmap.data, width, height));
  }
  let lost = 0;
  let added = 0;
  const source = new Uint8Array(width * height);
  const decoded = new Uint8Array(width * height);
  // 1 = added, 2 = lost: a pixel one instance lost and another gained shows as lost.
  const marks = new Uint8Array(width * height);
  for (const group of groups.values()) {
    const { x0, y0 } = group.box;
    const x1 = Math.min(width, group.box.x1);
    const y1 = Math.min(height, group.box.y1);
    if (x1 <= x0 || y1 <= y0) continue;
    for (let y = y0; y < y1; y++) {
      source.fill(0, y * width + x0, y * width + x1);
      decoded.fill(0, y * width + x0, y * width + x1);
    }
    for (const instance of group.instances) {
      const { x: bx, y: by, width: bw, height: bh } = instance.bbox;
      for (let y = 0; y < bh; y++) for (let x = 0; x < bw; x++) if (instance.bitmap.data[y * bw + x] !== 0) source[(by + y) * width + bx + x] = 1;
    }
    for (const shape of group.shapes) {
      const data = shape.bitmap.data;
      for (let y = y0; y < y1; y++) for (let i = y * width + x0, end = y * width + x1; i < end; i++) if (data[i] !== 0) decoded[i] = 1;
    }
    for (let y = y0; y < y1; y++) {
      for (let i = y * width + x0, end = y * width + x1; i < end; i++) {
        if (source[i] === decoded[i]) continue;
        if (source[i] === 1) {
          lost++;
          marks[i] = 2;
        } else {
          added++;
          if (marks[i] === 0) marks[i] = 1;
        }
      }
    }
  }
  for (let i = 0; i < marks.length; i++) {
    if (marks[i] !== 0) fillRect(image, (i % width) * scale, Math.floor(i / width) * scale, scale, scale, marks[i] === 2 ? LOST_COLOR : ADDED_COLOR);
  }
  return { lost, added };
}

/** A pixel box [x0, x1) × [y0, y1); empty when x1 ≤ x0. */
interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

function grow(box: Box, other: Box): void {
  if (other.x1 <= other.x0 || other.y1 <= other.y0) return;
  box.x0 = Math.min(box.x0, other.x0);
  box.y0 = Math.min(box.y0, other.y0);
  box.x1 = Math.max(box.x1, other.x1);
  box.y1 = Math.max(box.y1, other.y1);
}

/** The box of the set pixels of a full-frame bitmap (empty box when none). */
function contentBox(data: Uint8Array, width: number, height: number): Box {
  const box = { x0: width, y0: height, x1: 0, y1: 0 };
  for (let y = 0; y < height; y++) {
    for (let i = y * width, x = 0; x < width; x++, i++) {
      if (data[i] === 0) continue;
      if (x < box.x0) box.x0 = x;
      if (x >= box.x1) box.x1 = x + 1;
      if (y < box.y0) box.y0 = y;
      box.y1 = y + 1;
    }
  }
  return box;
}
