/**
 * Paints a sample's instances into the two rasters of CVAT's Segmentation mask 1.1: the
 * class image (label colours) and the object image (Pascal VOC palette by instance index).
 */
import { MaskportError, sameBytes, vocColor } from "@maskport/core";
import type { Instance, InstanceFidelity, Rgb } from "@maskport/core";

/** One instance to paint and the colour of its label. */
export interface PaintItem {
  readonly instance: Instance;
  readonly color: Rgb;
}

/** The two RGB rasters (row-major, 3 bytes per pixel) and each instance's fidelity. */
export interface SegmentationRasters {
  readonly width: number;
  readonly height: number;
  readonly classRgb: Uint8Array;
  readonly objectRgb: Uint8Array;
  readonly fidelity: InstanceFidelity[];
}

/** Largest instance index an 8-bit object image can hold (VOC palette index). */
export const MAX_INSTANCES = 255;

/**
 * Paints `items` in order (instance index 1..n; later items overwrite earlier ones where
 * they overlap, as CVAT paints in z_order). Unpainted pixels get `background` in the class
 * image and (0,0,0) in the object image. An instance's `lost` counts its pixels painted
 * over by later instances.
 * @throws MaskportError `TOO_MANY_INSTANCES` when more than 255 instances would be painted
 */
export function paintSegmentation(
  sampleId: string,
  width: number,
  height: number,
  items: readonly PaintItem[],
  background: Rgb,
): SegmentationRasters {
  if (items.length > MAX_INSTANCES) {
    throw new MaskportError(
      "TOO_MANY_INSTANCES",
      `sample "${sampleId}" has ${items.length} instances, but a Segmentation mask 1.1 object image holds at most ${MAX_INSTANCES} (8-bit VOC palette index)`,
      { sampleId, hint: "Split the image's instances, or export to a format without this limit (coco, cvat)." },
    );
  }
  const owner = new Uint8Array(width * height);
  for (let k = 0; k < items.length; k++) paintOwner(owner, width, height, (items[k] as PaintItem).instance, k + 1);

  const palette = new Uint8Array((items.length + 1) * 3);
  const classPalette = new Uint8Array((items.length + 1) * 3);
  classPalette.set(background, 0);
  for (let k = 1; k <= items.length; k++) {
    palette.set(vocColor(k), k * 3);
    classPalette.set((items[k - 1] as PaintItem).color, k * 3);
  }
  const classRgb = new Uint8Array(width * height * 3);
  const objectRgb = new Uint8Array(width * height * 3);
  const kept = new Uint32Array(items.length + 1);
  // Pixels per instance in the last painted row: a row equal to the one above (most mask
  // rows) is copied natively and adds these counts, instead of being painted pixel by pixel.
  const rowKept = new Uint32Array(items.length + 1);
  const rowBytes = 3 * width;
  for (let y = 0; y < height; y++) {
    const start = y * width;
    if (y > 0 && sameBytes(owner, start, owner, start - width, width)) {
      classRgb.copyWithin(y * rowBytes, (y - 1) * rowBytes, y * rowBytes);
      objectRgb.copyWithin(y * rowBytes, (y - 1) * rowBytes, y * rowBytes);
      for (let k = 0; k < kept.length; k++) kept[k] = (kept[k] as number) + (rowKept[k] as number);
      continue;
    }
    rowKept.fill(0);
    for (let p = start, q = y * rowBytes, end = start + width; p < end; p++, q += 3) {
      const k = owner[p] as number;
      rowKept[k] = (rowKept[k] as number) + 1;
      const c = k * 3;
      classRgb[q] = classPalette[c] as number;
      classRgb[q + 1] = classPalette[c + 1] as number;
      classRgb[q + 2] = classPalette[c + 2] as number;
      objectRgb[q] = palette[c] as number;
      objectRgb[q + 1] = palette[c + 1] as number;
      objectRgb[q + 2] = palette[c + 2] as number;
    }
    for (let k = 0; k < kept.length; k++) kept[k] = (kept[k] as number) + (rowKept[k] as number);
  }

  const fidelity = items.map(({ instance }, index): InstanceFidelity => {
    const lost = instance.area - (kept[index + 1] as number);
    return {
      instanceId: instance.instanceId,
      label: instance.label,
      area: instance.area,
      encoding: "png",
      lost,
      added: 0,
      iou: instance.area === 0 ? 1 : (instance.area - lost) / instance.area,
    };
  });
  return { width, height, classRgb, objectRgb, fidelity };
}

// --- internal ---

/** Writes index `k` where the instance is set, clipped to the image. */
function paintOwner(owner: Uint8Array, width: number, height: number, instance: Instance, k: number): void {
  const { bbox, bitmap } = instance;
  const x0 = Math.max(0, bbox.x);
  const x1 = Math.min(width, bbox.x + bitmap.width);
  const y0 = Math.max(0, bbox.y);
  const y1 = Math.min(height, bbox.y + bitmap.height);
  const data = bitmap.data;
  for (let y = y0; y < y1; y++) {
    let src = (y - bbox.y) * bitmap.width + (x0 - bbox.x);
    let dst = y * width + x0;
    for (let x = x0; x < x1; x++, src++, dst++) {
      if (data[src] !== 0) owner[dst] = k;
    }
  }
}
