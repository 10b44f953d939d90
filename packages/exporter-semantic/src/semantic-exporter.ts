/**
 * Exporter `semantic`: single-channel index masks for any U-Net/DeepLab training script —
 * `masks/<sample id>.png` (0 background, 1..N the labels), `labelmap.txt` in the index
 * dialect, and optionally instance masks and per-label binary masks.
 */
import { crowdCount, formatIndexLabelmap, joinRecords, MaskportError, reportCrowdsWritten, writePng } from "@maskport/core";
import type { CrowdCount, Exporter, FragmentBase, OutputFile, Spool } from "@maskport/core";
import { classIndices, type ClassIndices } from "./class-indices.ts";
import { paintIndexMasks } from "./paint-index-masks.ts";
import { extensionOf, safeName } from "./safe-name.ts";
import { BINARY_DIR, IMAGES_DIR, INSTANCES_DIR, MASKS_DIR, SPLITS_DIR } from "./semantic-format.ts";

/** Options of the `semantic` exporter. */
export interface SemanticExporterOptions {
  /** Also write `instances/<id>.png`: 16-bit instance numbers 1..K, lossless for instances. */
  readonly instances: boolean;
  /** Also write `binary/<label>/<id>.png` (0/255) for every non-background label. */
  readonly binary: boolean;
  /** Copy raw images, when known, into `images/`. */
  readonly saveImages: boolean;
}

/** One sample's encoded PNGs (`crowds`: crowd instances painted, which index masks cannot mark). */
export interface SemanticFragment extends FragmentBase, CrowdCount {
  readonly mask: Uint8Array;
  readonly instances?: Uint8Array;
  /** One 0/255 PNG per non-background label, in class index order. */
  readonly binary?: readonly Uint8Array[];
}

/** The `semantic` exporter. */
export const semanticExporter: Exporter<SemanticExporterOptions, SemanticFragment> = {
  apiVersion: 1,
  kind: "exporter",
  name: "semantic",
  description: "Single-channel index masks (0 background, 1..N labels) for U-Net/DeepLab, labelmap.txt; optional instance and per-label binary masks",
  options: {
    instances: { description: "Also write instances/<id>.png: 16-bit instance numbers 1..K (0 none), lossless for instances", default: false },
    binary: { description: "Also write binary/<label>/<id>.png (0/255) for every non-background label", default: false },
    saveImages: { description: "Copy raw images, when known, into images/", default: true },
  },

  encodeSample(sample, options, context) {
    const indices = classIndices(context.labelmap, "semantic");
    const { width, height } = sample;
    const painted = paintIndexMasks(sample, indices, options.instances, context, "semantic");
    const fragment: SemanticFragment = {
      mask: writePng({ width, height, channels: 1, data: painted.classes }),
      fidelity: painted.fidelity,
      ...crowdCount(sample.instances, painted.fidelity),
      ...(painted.instances === undefined ? {} : { instances: writePng({ width, height, channels: 1, data: painted.instances }) }),
      ...(options.binary ? { binary: binaryPngs(painted.classes, width, height, indices.labels.length) } : {}),
    };
    return fragment;
  },

  async *write(input, options, context) {
    const indices = classIndices(input.labelmap, "semantic");
    const folders = options.binary ? binaryFolders(indices) : [];
    yield { path: "labelmap.txt", contents: formatIndexLabelmap([{ id: 0, name: indices.backgroundName }, ...indices.labels.map((label, i) => ({ id: i + 1, name: label.name }))]) };
    const splits = new Map<string, Spool>(input.subsets.map((subset) => [subset, context.spool()]));
    let crowds = 0;
    for await (const { sample, fragment } of input.fragments) {
      context.signal.throwIfAborted();
      crowds += fragment.crowds ?? 0;
      yield { path: `${MASKS_DIR}/${sample.id}.png`, contents: fragment.mask };
      if (fragment.instances !== undefined) yield { path: `${INSTANCES_DIR}/${sample.id}.png`, contents: fragment.instances };
      for (let i = 0; i < (fragment.binary?.length ?? 0); i++) {
        yield { path: `${BINARY_DIR}/${folders[i]}/${sample.id}.png`, contents: fragment.binary?.[i] as Uint8Array };
      }
      if (options.saveImages && sample.image !== undefined) {
        yield { path: `${IMAGES_DIR}/${sample.id}${extensionOf(sample.image.fileName)}`, copyFrom: sample.image.path } satisfies OutputFile;
      }
      let split = splits.get(sample.subset);
      if (split === undefined) splits.set(sample.subset, (split = context.spool()));
      split.push(sample.id);
    }
    reportCrowdsWritten(crowds, "index masks have no crowd flag", context);
    for (const [subset, ids] of splits) yield { path: `${SPLITS_DIR}/${subset}.txt`, contents: joinRecords(ids.drain(), { suffix: "\n" }) };
  },
};

// --- internal ---

/** 0/255 masks of each class index 1..count. */
function binaryPngs(classes: Uint8Array | Uint16Array, width: number, height: number, count: number): Uint8Array[] {
  const out: Uint8Array[] = [];
  const mask = new Uint8Array(classes.length);
  for (let index = 1; index <= count; index++) {
    for (let p = 0; p < classes.length; p++) mask[p] = classes[p] === index ? 255 : 0;
    out.push(writePng({ width, height, channels: 1, data: mask }));
  }
  return out;
}

/** A folder name per label, safe on every file system; two labels may not share one. */
function binaryFolders(indices: ClassIndices): string[] {
  const seen = new Map<string, string>();
  return indices.labels.map((label) => {
    const folder = safeName(label.name);
    const other = seen.get(folder);
    if (other !== undefined) {
      throw new MaskportError("ID_COLLISION", `labels ${JSON.stringify(other)} and ${JSON.stringify(label.name)} would share the folder ${BINARY_DIR}/${folder}/`, {
        plugin: "semantic",
        hint: "Rename one of the labels (--transform remap-labels).",
      });
    }
    seen.set(folder, label.name);
    return folder;
  });
}
