/**
 * Exporter `nnunet`: an nnU-Net v2 raw dataset, ready for `nnUNetv2_plan_and_preprocess` —
 * `imagesTr/<case>_0000.png`, `labelsTr/<case>.png`, `dataset.json`, `case_ids.json`.
 */
import { crowdCount, decodePng, fileNamer, fileSourceOf, fromBase64, joinRecords, MaskportError, reportCrowdsWritten, toBase64, writePng } from "@maskport/core";
import type { CrowdCount, EncodeContext, Exporter, FragmentBase, Sample, Spool, WriteContext } from "@maskport/core";
import { classIndices, type ClassIndices } from "./class-indices.ts";
import { hasImage, jsonOf, roleOf, type MissingImage } from "./dataset-roles.ts";
import { isGrey, toGrey, toRgb, type RawImage } from "./image-channels.ts";
import { CaseNames } from "./nnunet-case-names.ts";
import { paintIndexMasks } from "./paint-index-masks.ts";
import { loadRawImage } from "./read-raw-image.ts";

/** Options of the `nnunet` exporter. */
export interface NnunetExporterOptions {
  /** `auto`: one grey channel when every image is grey (R = G = B), else RGB for every case. */
  readonly channels: "auto" | "grey" | "rgb";
  /** `channel_names` entry of a grey channel (nnU-Net z-scores it unless it is `CT`). */
  readonly channelName: string;
  readonly missingImage: MissingImage;
}

/** One case: its label PNG and its image PNG (grey or RGB as encoded); `crowds`: crowd instances painted, which index masks cannot mark. */
export interface NnunetFragment extends FragmentBase, CrowdCount {
  /** Undefined when the sample was skipped (no raw image). */
  readonly label?: Uint8Array;
  readonly image?: Uint8Array;
  readonly imageChannels?: 1 | 3;
}

/** The `nnunet` exporter. */
export const nnunetExporter: Exporter<NnunetExporterOptions, NnunetFragment> = {
  apiVersion: 1,
  kind: "exporter",
  name: "nnunet",
  description: "nnU-Net v2 raw dataset: imagesTr/<case>_0000.png (lossless), labelsTr/<case>.png (0 background, 1..N), dataset.json",
  options: {
    channels: { description: "auto: grey when every image is grey (R = G = B), else RGB for all; grey: luma (BT.601, as PIL's convert('L')); rgb", default: "auto", choices: ["auto", "grey", "rgb"] },
    channelName: { description: "channel_names entry of a grey channel (CT switches nnU-Net's normalisation)", default: "MRI" },
    missingImage: { description: "A sample without a raw image: error (stop), or skip it with a warning", default: "error", choices: ["error", "skip"] },
  },

  async encodeSample(sample, options, context) {
    if (!hasImage(sample, options.missingImage, context, "nnunet")) return { fidelity: [] };
    const indices = classIndices(context.labelmap, "nnunet");
    const painted = paintIndexMasks(sample, indices, false, context, "nnunet");
    const image = await caseImage(sample, options.channels, context);
    return {
      label: writePng({ width: sample.width, height: sample.height, channels: 1, data: painted.classes }),
      image: writePng(image),
      imageChannels: image.channels,
      fidelity: painted.fidelity,
      ...crowdCount(sample.instances, painted.fidelity),
    };
  },

  async *write(input, options, context) {
    const indices = classIndices(input.labelmap, "nnunet");
    const labels = nnunetLabels(indices, context);
    const names = new CaseNames();
    const caseIds = context.spool();
    // With `auto`, images wait until every case's channels are known.
    const waiting = options.channels === "auto" ? context.spool() : undefined;
    let rgb = options.channels === "rgb";
    let training = 0;
    let crowds = 0;
    for await (const { sample, fragment } of input.fragments) {
      context.signal.throwIfAborted();
      if (fragment.label === undefined || fragment.image === undefined) continue;
      crowds += fragment.crowds ?? 0;
      const name = names.caseOf(sample.id);
      const test = roleOf(sample.subset) === "test";
      if (!test) training++;
      caseIds.push(`${jsonOf(name)}: ${jsonOf(sample.id)}`);
      yield { path: `${test ? "labelsTs" : "labelsTr"}/${name}.png`, contents: fragment.label };
      const imagePath = `${test ? "imagesTs" : "imagesTr"}/${name}_0000.png`;
      if (waiting === undefined) yield { path: imagePath, contents: fragment.image };
      else {
        if (fragment.imageChannels === 3) rgb = true;
        waiting.push(`${imagePath}\t${toBase64(fragment.image)}`);
      }
    }
    reportCrowdsWritten(crowds, "index masks have no crowd flag", context);
    if (waiting !== undefined) {
      for await (const record of waiting.drain()) {
        const tab = record.indexOf("\t");
        const path = record.slice(0, tab);
        const png = fromBase64(record.slice(tab + 1));
        yield { path, contents: rgb ? asRgbPng(png, path) : png };
      }
    }
    const channelNames = rgb ? { "0": "R", "1": "G", "2": "B" } : { "0": options.channelName };
    yield { path: "dataset.json", contents: `${JSON.stringify({ channel_names: channelNames, labels, numTraining: training, file_ending: ".png" }, null, 2)}\n` };
    yield { path: "case_ids.json", contents: joinObject(caseIds) };
  },
};

// --- internal ---

/** The sample's raw image (read through `context.files`) in the dataset's channels, checked against the mask's size. */
async function caseImage(sample: Sample, channels: NnunetExporterOptions["channels"], context: EncodeContext): Promise<RawImage> {
  const ref = sample.image as NonNullable<Sample["image"]>;
  const shown = fileNamer({ files: context.files })(ref.path);
  const raw = await loadRawImage(fileSourceOf({ files: context.files }), ref.path, shown);
  if (raw.width !== sample.width || raw.height !== sample.height) {
    throw new MaskportError("IMAGE_SIZE_MISMATCH", `image is ${raw.width}×${raw.height} but sample "${sample.id}" is ${sample.width}×${sample.height}`, {
      file: shown,
      sampleId: sample.id,
      plugin: "nnunet",
    });
  }
  if (channels === "grey") return toGrey(raw);
  if (channels === "rgb") return toRgb(raw, shown);
  return isGrey(raw) ? toGrey(raw) : raw;
}

/** A grey case PNG of an `auto` dataset that turned out to need RGB, expanded R = G = B. */
function asRgbPng(png: Uint8Array, path: string): Uint8Array {
  const image = decodePng(png, path);
  if (image.kind !== "gray") return png;
  const data = image.bitDepth === 16 ? image.values : Uint8Array.from(image.values);
  return writePng(toRgb({ width: image.width, height: image.height, channels: 1, data }, path));
}

/**
 * nnU-Net's `labels`: `background: 0` (nnU-Net requires that exact key), then each label's
 * name → its class index.
 * @throws MaskportError ID_COLLISION when a non-background label is itself named `background`
 */
function nnunetLabels(indices: ClassIndices, context: WriteContext): Record<string, number> {
  const labels: Record<string, number> = { background: 0 };
  indices.labels.forEach((label, i) => {
    if (label.name === "background") {
      throw new MaskportError("ID_COLLISION", `label "background" is not the labelmap's background, but nnU-Net reserves that name for value 0`, {
        plugin: "nnunet",
        hint: "Rename the label (--transform remap-labels).",
      });
    }
    if (label.name === "ignore") {
      context.report({ severity: "warning", code: "INVALID_INPUT", message: `label "ignore" becomes nnU-Net's ignore label (its pixels are not trained on)` });
    }
    labels[label.name] = i + 1;
  });
  return labels;
}

/** `{"a": …, "b": …}` from spooled `"key": value` records, one per line. */
async function* joinObject(records: Spool): AsyncIterable<string> {
  if (records.length === 0) {
    yield "{}\n";
    return;
  }
  yield "{\n  ";
  yield* joinRecords(records.drain(), { separator: ",\n  " });
  yield "\n}\n";
}
