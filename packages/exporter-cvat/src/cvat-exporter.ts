/**
 * Exporter `cvat`: CVAT for images 1.1 (`annotations.xml` + optional `images/`). Masks are
 * written as CVAT `<mask>` shapes by default, which CVAT imports without loss.
 */
import { crowdCount, imageFileName, MaskportError, reportCrowdsWritten } from "@maskport/core";
import type { CrowdCount, Exporter, FragmentBase, Label, Labelmap, OutputFile, SampleInfo } from "@maskport/core";
import { ANNOTATIONS_FILE, DEFAULT_TIMESTAMP, IMAGES_DIR, toHexColor, type CvatShape } from "./cvat-format.ts";
import { decodeCvatFragment } from "./decode-cvat-fragment.ts";
import { fastXml } from "./fast-xml.ts";
import { toCvatShape } from "./to-cvat-shape.ts";
import { buildCvatHeader, buildCvatImage, CVAT_FOOTER, type CvatMetaLabel } from "./write-cvat-xml.ts";

/** Options of the `cvat` exporter. */
export interface CvatExporterOptions {
  /** `mask` (lossless `<mask>`) or `polygon` (`<polygon>` where possible). */
  readonly shapes: "mask" | "polygon";
  /** Polygon mode: instances with holes or several parts become `mask`s or `bridge`d outlines. */
  readonly complex: "mask" | "bridge";
  /** Polygon simplification tolerance in pixels (0 = exact corners). */
  readonly tolerance: number;
  /** The task name written in `<meta>`. */
  readonly taskName: string;
  /** Written as `<created>`, `<updated>` and `<dumped>`; fixed so output is deterministic. */
  readonly timestamp: string;
  /** Copy raw images (when the input knows them) into `images/`. */
  readonly saveImages: boolean;
}

/** What `encodeSample` hands to `write` for one sample (`crowds`: crowd instances written, which CVAT XML cannot mark). */
export interface CvatFragment extends FragmentBase, CrowdCount {
  readonly shapes: readonly CvatShape[];
}

/** The `cvat` exporter (CVAT for images 1.1 XML). */
export const cvatExporter: Exporter<CvatExporterOptions, CvatFragment> = {
  apiVersion: 1,
  kind: "exporter",
  name: "cvat",
  description: "CVAT for images 1.1 XML (annotations.xml): lossless <mask> shapes, or pixel-corner polygons",
  options: {
    shapes: { description: "Shape written per instance: mask (lossless CVAT RLE) or polygon", default: "mask", choices: ["mask", "polygon"] },
    complex: {
      description: "Polygon mode: instances with holes or several parts are written as a mask, or bridged into one polygon",
      default: "mask",
      choices: ["mask", "bridge"],
    },
    tolerance: { description: "Polygon simplification tolerance in pixels (0 = exact)", default: 0 },
    taskName: { description: "Task name written in <meta>", default: "maskport" },
    timestamp: { description: "Timestamp written in <meta> (created, updated, dumped); fixed for reproducible output", default: DEFAULT_TIMESTAMP },
    saveImages: { description: "Copy raw images, when known, into images/", default: true },
  },

  encodeSample(sample, options, context) {
    const labels = labelsById(context.labelmap);
    const shapes: CvatShape[] = [];
    const fidelity: CvatFragment["fidelity"][number][] = [];
    for (const instance of sample.instances) {
      const label = labels.get(instance.label);
      const drop = (why: string): void =>
        context.report({ severity: "warning", code: "INSTANCE_DROPPED", instanceId: instance.instanceId, message: `instance ${instance.instanceId} ${why}; not written` });
      if (label === undefined) drop(`has label id ${instance.label}, which the labelmap does not define`);
      else if (instance.label === context.labelmap.backgroundId) drop(`has the background label "${label.name}"`);
      else if (instance.area === 0) drop("is empty");
      else {
        const encoded = toCvatShape(instance, label.name, options);
        shapes.push(encoded.shape);
        fidelity.push(encoded.fidelity);
        const { lost, added, iou, encoding } = encoded.fidelity;
        if (lost > 0 || added > 0) {
          context.report({
            severity: "warning",
            code: "LOSSY_ENCODING",
            instanceId: instance.instanceId,
            message: `instance ${instance.instanceId}: ${encoding} decodes with ${lost} pixel(s) lost and ${added} added (IoU ${iou.toFixed(4)}); shapes=mask is lossless`,
          });
        }
      }
    }
    return { shapes, fidelity, ...crowdCount(sample.instances, fidelity) };
  },

  decodeFragment: decodeCvatFragment,

  async *write(input, options, context) {
    const metaLabels = input.labelmap.labels.filter((label) => label.id !== input.labelmap.backgroundId).map((label) => metaLabel(label, options));
    const multiSubset = input.subsets.length > 1;
    const copies: OutputFile[] = [];
    let done = false;

    async function* xml(): AsyncIterable<string> {
      await fastXml.load(); // the XML builder: a browser imports it here, Node requires it when first used
      yield buildCvatHeader({ name: options.taskName, subset: multiSubset ? "default" : (input.subsets[0] ?? "default"), timestamp: options.timestamp, labels: metaLabels });
      let frame = 0;
      let crowds = 0;
      const copied = new Set<string>();
      for await (const { sample, fragment } of input.fragments) {
        context.signal.throwIfAborted();
        crowds += fragment.crowds ?? 0;
        const name = imageName(sample);
        yield buildCvatImage(
          { id: frame++, name, ...(multiSubset ? { subset: sample.subset } : {}), width: sample.width, height: sample.height },
          fragment.shapes,
        );
        if (options.saveImages && sample.image !== undefined) {
          const path = multiSubset ? `${IMAGES_DIR}/${sample.subset}/${name}` : `${IMAGES_DIR}/${name}`;
          if (!copied.has(path)) copies.push({ path, copyFrom: sample.image.path });
          copied.add(path);
        }
      }
      yield CVAT_FOOTER;
      reportCrowdsWritten(crowds, "CVAT for images XML has no crowd flag", context);
      done = true;
    }

    yield { path: ANNOTATIONS_FILE, contents: xml() };
    // Image copies are learnt while the XML streams, so the runner must drain a file's
    // contents before asking for the next file (every writer does; say so if one does not).
    if (!done) {
      throw new MaskportError("PLUGIN_FAILED", `${ANNOTATIONS_FILE} must be read to the end before the next output file is requested`, { plugin: "cvat" });
    }
    yield* copies;
  },
};

// --- internal ---

/** The frame path CVAT matches against task frames: the raw image's, else the one the input names, else `<sample id>.png`. */
function imageName(sample: SampleInfo): string {
  return imageFileName(sample) ?? `${sample.id}.png`;
}

function labelsById(labelmap: Labelmap): Map<number, Label> {
  return new Map(labelmap.labels.map((label) => [label.id, label]));
}

function metaLabel(label: Label, options: CvatExporterOptions): CvatMetaLabel {
  // XML 1.0 cannot carry most C0 control characters at all, escaped or not.
  if (/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/.test(label.name)) {
    throw new MaskportError("LABELMAP_MALFORMED", `label ${JSON.stringify(label.name)} contains a control character that XML cannot represent`, {
      plugin: "cvat",
      hint: "Rename the label (a remap transform can do it).",
    });
  }
  // With the mask fallback a polygon-mode export mixes polygons and masks, so the label
  // must accept any shape.
  const type = options.shapes === "mask" ? "mask" : options.complex === "bridge" ? "polygon" : "any";
  return { name: label.name, color: toHexColor(label.color), type };
}
