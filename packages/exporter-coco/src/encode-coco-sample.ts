import { MaskportError, type CrowdCount, type EncodeContext, type FragmentBase, type Instance, type InstanceFidelity, type Sample } from "@maskport/core";
import type { CocoSegmentation } from "./coco-format.ts";
import type { CocoExportOptions } from "./coco-options.ts";
import { toCocoPolygon } from "./to-coco-polygon.ts";
import { toCocoRle } from "./to-coco-rle.ts";
import { writableCategory } from "./writable-category.ts";

/** One annotation of a sample before `write` numbers it. Plain data. */
export interface CocoAnnotationDraft {
  readonly categoryId: number;
  readonly segmentation: CocoSegmentation;
  /** Pixels of the segmentation as pycocotools decodes it. */
  readonly area: number;
  /** `[x, y, width, height]` in pixels of the decoded segmentation (pycocotools `toBbox`). */
  readonly bbox: readonly [number, number, number, number];
  readonly iscrowd: 0 | 1;
}

/**
 * What `encodeSample` hands to `write`: the sample's annotations in instance order, and how
 * many crowd flags differ from the input's (`crowds`: crowds written with `iscrowd: 0`), for
 * the one report `write` makes.
 */
export interface CocoFragment extends FragmentBase, CrowdCount {
  readonly annotations: readonly CocoAnnotationDraft[];
  /** Annotations written with `iscrowd: 1` whose instance is no crowd in the input; absent when none. */
  readonly marked?: number;
}

/**
 * The per-sample stage: every instance → one annotation with its fidelity. Pure (may run
 * in a worker). Instances of the background label, of a label missing from the labelmap
 * or without pixels are reported as INSTANCE_DROPPED and skipped. Crowd instances are
 * written as RLE with `iscrowd: 1` under `iscrowd: keep`, whatever `segmentation` says.
 */
export function encodeCocoSample(sample: Sample, options: Readonly<CocoExportOptions>, context: EncodeContext): CocoFragment {
  if (!(options.tolerance >= 0) || !Number.isFinite(options.tolerance)) {
    throw new MaskportError("INVALID_OPTION", `--coco.tolerance must be a number of pixels ≥ 0, not ${options.tolerance}`, { plugin: "coco" });
  }
  const annotations: CocoAnnotationDraft[] = [];
  const fidelity: InstanceFidelity[] = [];
  let crowds = 0;
  let marked = 0;
  for (const instance of sample.instances) {
    const categoryId = writableCategory(sample, instance, context);
    if (categoryId === undefined) continue;
    const encoded = encodeInstance(sample, instance, categoryId, options, context);
    annotations.push(encoded.annotation);
    fidelity.push(encoded.fidelity);
    if (instance.crowd === true && encoded.annotation.iscrowd === 0) crowds++;
    else if (instance.crowd !== true && encoded.annotation.iscrowd === 1) marked++;
  }
  return { annotations, fidelity, ...(crowds > 0 ? { crowds } : {}), ...(marked > 0 ? { marked } : {}) };
}

// --- internal ---

interface EncodedInstance {
  readonly annotation: CocoAnnotationDraft;
  readonly fidelity: InstanceFidelity;
}

function encodeInstance(
  sample: Sample,
  instance: Instance,
  categoryId: number,
  options: Readonly<CocoExportOptions>,
  context: EncodeContext,
): EncodedInstance {
  if (options.segmentation === "rle") return encodeRle(sample, instance, categoryId, options, "rle");
  // pycocotools reads crowds as RLE; a crowd kept as one stays RLE, exact.
  if (options.iscrowd === "keep" && instance.crowd === true) return encodeRle(sample, instance, categoryId, options, "rle (crowd)");
  const polygon = toCocoPolygon(instance, sample.width, sample.height, options);
  const exact = polygon.lost === 0 && polygon.added === 0;
  // Without any part a polygon annotation would be an empty list, which readers take for a box.
  if (!exact && (options.onLossy === "rle" || polygon.parts.length === 0)) return encodeRle(sample, instance, categoryId, options, "rle (polygon not exact)");
  if (!exact) {
    context.report({
      severity: "warning",
      code: "LOSSY_ENCODING",
      message: `instance ${instance.instanceId}: polygon at tolerance ${options.tolerance} px decodes with ${polygon.lost} pixel(s) lost and ${polygon.added} added (IoU ${polygon.iou.toFixed(4)})`,
      instanceId: instance.instanceId,
    });
  }
  return {
    annotation: { categoryId, segmentation: polygon.parts, area: polygon.area, bbox: polygon.bbox, iscrowd: iscrowdOf(instance, false, options) },
    fidelity: {
      instanceId: instance.instanceId,
      label: instance.label,
      area: instance.area,
      encoding: polygon.parts.length > 1 ? `polygon (${polygon.parts.length} parts)` : "polygon",
      lost: polygon.lost,
      added: polygon.added,
      iou: polygon.iou,
    },
  };
}

function encodeRle(sample: Sample, instance: Instance, categoryId: number, options: Readonly<CocoExportOptions>, encoding: string): EncodedInstance {
  const counts = options.cvatCompatible ? "uncompressed" : options.counts;
  const rle = toCocoRle(instance, sample.width, sample.height, counts);
  return {
    annotation: { categoryId, segmentation: rle.segmentation, area: rle.area, bbox: rle.bbox, iscrowd: iscrowdOf(instance, true, options) },
    fidelity: { instanceId: instance.instanceId, label: instance.label, area: instance.area, encoding, lost: 0, added: 0, iou: 1 },
  };
}

/**
 * An annotation's `iscrowd` (see {@link CocoExportOptions.iscrowd}): `none` 0; `all` 1 (0 for
 * polygons under cvatCompatible, as CVAT writes them); `keep` the instance's crowd flag, or 1
 * for RLE under cvatCompatible.
 */
function iscrowdOf(instance: Instance, rle: boolean, options: Readonly<CocoExportOptions>): 0 | 1 {
  if (options.iscrowd === "none") return 0;
  if (options.iscrowd === "all") return rle || !options.cvatCompatible ? 1 : 0;
  return instance.crowd === true || (rle && options.cvatCompatible) ? 1 : 0;
}
