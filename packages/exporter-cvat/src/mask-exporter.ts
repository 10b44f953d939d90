/**
 * Exporter `mask`: CVAT's Segmentation mask 1.1 layout (FORMATS.md §1) — labelmap.txt,
 * SegmentationClass/ and SegmentationObject/ RGB PNGs, ImageSets/Segmentation/<subset>.txt.
 */
import { crowdCount, formatLabelmap, joinRecords, reportCrowdsWritten, writePng } from "@maskport/core";
import type { CrowdCount, Exporter, FragmentBase, Label, Labelmap, OutputFile, Rgb, Spool } from "@maskport/core";
import { decodeMaskFragment } from "./decode-mask-fragment.ts";
import { paintSegmentation, type PaintItem } from "./paint-segmentation.ts";

/** Options of the `mask` exporter. */
export interface MaskExporterOptions {
  /** Copy raw images (when the input knows them) into `JPEGImages/`. */
  readonly saveImages: boolean;
}

/** One sample's encoded PNGs (`crowds`: crowd instances painted, which the layout cannot mark). */
export interface MaskFragment extends FragmentBase, CrowdCount {
  readonly classPng: Uint8Array;
  readonly objectPng: Uint8Array;
}

/** The `mask` exporter (CVAT Segmentation mask 1.1). */
export const maskExporter: Exporter<MaskExporterOptions, MaskFragment> = {
  apiVersion: 1,
  kind: "exporter",
  name: "mask",
  description: "CVAT Segmentation mask 1.1: labelmap.txt, SegmentationClass/ and SegmentationObject/ RGB PNGs",
  options: {
    saveImages: { description: "Copy raw images, when known, into JPEGImages/", default: true },
  },

  encodeSample(sample, _options, context) {
    const labelmap = context.labelmap;
    const labels = new Map(labelmap.labels.map((label) => [label.id, label]));
    const items: PaintItem[] = [];
    for (const instance of sample.instances) {
      const label = labels.get(instance.label);
      const drop = (why: string): void =>
        context.report({ severity: "warning", code: "INSTANCE_DROPPED", instanceId: instance.instanceId, message: `instance ${instance.instanceId} ${why}; not painted` });
      // CVAT maps background-label masks to object index 0: they are not instances.
      if (label === undefined) drop(`has label id ${instance.label}, which the labelmap does not define`);
      else if (instance.label === labelmap.backgroundId) drop(`has the background label "${label.name}"`);
      else if (instance.area === 0) drop("is empty");
      else items.push({ instance, color: label.color });
    }
    const rasters = paintSegmentation(sample.id, sample.width, sample.height, items, backgroundColor(labelmap));
    return {
      classPng: writePng({ width: sample.width, height: sample.height, channels: 3, data: rasters.classRgb }),
      objectPng: writePng({ width: sample.width, height: sample.height, channels: 3, data: rasters.objectRgb }),
      fidelity: rasters.fidelity,
      ...crowdCount(sample.instances, rasters.fidelity),
    };
  },

  decodeFragment: decodeMaskFragment,

  async *write(input, options, context) {
    yield { path: "labelmap.txt", contents: formatLabelmap(withBackground(input.labelmap), { sort: true }) };
    // The subset lists wait in spools (on disk in the CLI): nothing is held per sample.
    const lists = new Map<string, Spool>(input.subsets.map((subset) => [subset, context.spool()]));
    let crowds = 0;
    for await (const { sample, fragment } of input.fragments) {
      context.signal.throwIfAborted();
      crowds += fragment.crowds ?? 0;
      // Every sample gets PNGs, empty ones included (CVAT writes none for an unannotated
      // frame): they carry the image size, and CVAT reads an all-background PNG as no objects.
      yield { path: `SegmentationClass/${sample.id}.png`, contents: fragment.classPng };
      yield { path: `SegmentationObject/${sample.id}.png`, contents: fragment.objectPng };
      if (options.saveImages && sample.image !== undefined) {
        yield { path: `JPEGImages/${sample.id}${extensionOf(sample.image.fileName)}`, copyFrom: sample.image.path } satisfies OutputFile;
      }
      let list = lists.get(sample.subset);
      if (list === undefined) lists.set(sample.subset, (list = context.spool()));
      list.push(sample.id);
    }
    reportCrowdsWritten(crowds, "Segmentation mask 1.1 has no crowd flag", context);
    for (const [subset, ids] of lists) yield { path: `ImageSets/Segmentation/${subset}.txt`, contents: joinRecords(ids.drain(), { suffix: "\n" }) };
  },
};

// --- internal ---

const BLACK: Rgb = [0, 0, 0];

/** The colour of unannotated pixels: the background label's, else black. */
function backgroundColor(labelmap: Labelmap): Rgb {
  const background = labelmap.labels.find((label) => label.id === labelmap.backgroundId);
  return background?.color ?? BLACK;
}

/**
 * CVAT's make_colormap adds `background:0,0,0` when the task has none; without it CVAT would
 * read the black unannotated pixels as an undeclared colour.
 */
function withBackground(labelmap: Labelmap): Labelmap {
  if (labelmap.backgroundId !== undefined) return labelmap;
  const id = labelmap.labels.reduce((max, label) => Math.max(max, label.id), -1) + 1;
  const background: Label = { id, name: "background", color: BLACK, parts: [], actions: [] };
  return { ...labelmap, labels: [...labelmap.labels, background], backgroundId: id };
}

function extensionOf(fileName: string): string {
  const slash = fileName.lastIndexOf("/");
  const dot = fileName.lastIndexOf(".");
  return dot > slash + 1 ? fileName.slice(dot) : "";
}
