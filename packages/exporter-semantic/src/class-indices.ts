/**
 * The class index of each label in an index mask: 0 background, 1..N the other labels in
 * labelmap order — what U-Net/DeepLab scripts, nnU-Net ("consecutive integers") and the
 * Decathlon read.
 */
import { MaskportError, type Label, type Labelmap } from "@maskport/core";

/** Largest class index a 16-bit index mask holds. */
export const MAX_CLASS_INDEX = 65535;

/** Labels by class index, and the reverse lookup. */
export interface ClassIndices {
  /** Non-background labels; `labels[i]` has class index i + 1. */
  readonly labels: readonly Label[];
  /** Name written for index 0: the labelmap's background label, else `background`. */
  readonly backgroundName: string;
  /** Class index of a label id; undefined for the background label and unknown ids. */
  indexOf(labelId: number): number | undefined;
}

/**
 * Numbers the labelmap's non-background labels 1..N in labelmap order.
 * @param plugin named in the error
 * @throws MaskportError TOO_MANY_LABELS when N exceeds what a 16-bit mask holds (65,535)
 */
export function classIndices(labelmap: Labelmap, plugin: string): ClassIndices {
  const labels = labelmap.labels.filter((label) => label.id !== labelmap.backgroundId);
  if (labels.length > MAX_CLASS_INDEX) {
    throw new MaskportError("TOO_MANY_LABELS", `the labelmap has ${labels.length} labels besides the background, but an index mask holds at most ${MAX_CLASS_INDEX} (16-bit)`, {
      plugin,
      hint: "Drop or merge labels first (--transform drop-labels / remap-labels), or export to coco or cvat.",
    });
  }
  const byId = new Map(labels.map((label, index) => [label.id, index + 1]));
  const background = labelmap.labels.find((label) => label.id === labelmap.backgroundId);
  return { labels, backgroundName: background?.name ?? "background", indexOf: (labelId) => byId.get(labelId) };
}

/** 8-bit samples when every class index fits, else 16-bit. */
export function indexArray(classCount: number, length: number): Uint8Array | Uint16Array {
  return classCount > 255 ? new Uint16Array(length) : new Uint8Array(length);
}
