/**
 * Exporter `monai`: the Medical Segmentation Decathlon layout that MONAI's
 * `load_decathlon_datalist` reads — `imagesTr/`, `labelsTr/` (index PNGs) and `dataset.json`
 * with `training` (and `validation`, `test`) lists of `{"image", "label"}` paths.
 */
import { crowdCount, joinRecords, reportCrowdsWritten, writePng } from "@maskport/core";
import type { CrowdCount, Exporter, FragmentBase, OutputFile, Spool } from "@maskport/core";
import { classIndices } from "./class-indices.ts";
import { hasImage, jsonOf, roleOf, type MissingImage, type Role } from "./dataset-roles.ts";
import { paintIndexMasks } from "./paint-index-masks.ts";
import { extensionOf } from "./safe-name.ts";

/** Options of the `monai` exporter. */
export interface MonaiExporterOptions {
  /** `name` in dataset.json. */
  readonly name: string;
  readonly missingImage: MissingImage;
}

/** One sample's label PNG (undefined when skipped for want of an image; `crowds`: crowd instances painted, which index masks cannot mark). */
export interface MonaiFragment extends FragmentBase, CrowdCount {
  readonly label?: Uint8Array;
}

/** The `monai` exporter. */
export const monaiExporter: Exporter<MonaiExporterOptions, MonaiFragment> = {
  apiVersion: 1,
  kind: "exporter",
  name: "monai",
  description: "Medical Segmentation Decathlon layout for MONAI: imagesTr/, labelsTr/ (index PNGs), dataset.json with training/validation lists",
  options: {
    name: { description: "The dataset's name in dataset.json", default: "maskport" },
    missingImage: { description: "A sample without a raw image: error (stop), or skip it with a warning", default: "error", choices: ["error", "skip"] },
  },

  encodeSample(sample, options, context) {
    if (!hasImage(sample, options.missingImage, context, "monai")) return { fidelity: [] };
    const painted = paintIndexMasks(sample, classIndices(context.labelmap, "monai"), false, context, "monai");
    return { label: writePng({ width: sample.width, height: sample.height, channels: 1, data: painted.classes }), fidelity: painted.fidelity, ...crowdCount(sample.instances, painted.fidelity) };
  },

  async *write(input, options, context) {
    const indices = classIndices(input.labelmap, "monai");
    const lists: Record<Role, Spool> = { training: context.spool(), validation: context.spool(), test: context.spool() };
    let crowds = 0;
    for await (const { sample, fragment } of input.fragments) {
      context.signal.throwIfAborted();
      if (fragment.label === undefined || sample.image === undefined) continue;
      crowds += fragment.crowds ?? 0;
      const role = roleOf(sample.subset);
      const suffix = role === "test" ? "Ts" : "Tr";
      const image = `images${suffix}/${sample.id}${extensionOf(sample.image.fileName)}`;
      const label = `labels${suffix}/${sample.id}.png`;
      yield { path: image, copyFrom: sample.image.path } satisfies OutputFile;
      yield { path: label, contents: fragment.label };
      lists[role].push(jsonOf({ image: `./${image}`, label: `./${label}` }));
    }
    reportCrowdsWritten(crowds, "index masks have no crowd flag", context);
    // The Decathlon's own labels: id → name as strings, "background" for 0 in all ten tasks.
    const labels: Record<string, string> = { "0": "background" };
    indices.labels.forEach((label, i) => (labels[String(i + 1)] = label.name));
    yield { path: "dataset.json", contents: datasetJson(options.name, labels, lists) };
  },
};

// --- internal ---

async function* datasetJson(name: string, labels: Record<string, string>, lists: Record<Role, Spool>): AsyncIterable<string> {
  const head = { name, description: "Written by maskport", labels, numTraining: lists.training.length, numTest: lists.test.length };
  yield `${JSON.stringify(head, null, 2).slice(0, -2)}`;
  for (const role of ["training", "validation", "test"] as const) {
    const list = lists[role];
    // `training` is always there (load_decathlon_datalist's default key); the others when used.
    if (role !== "training" && list.length === 0) continue;
    yield `,\n  ${jsonOf(role)}: [`;
    if (list.length > 0) {
      yield "\n    ";
      yield* joinRecords(list.drain(), { separator: ",\n    " });
      yield "\n  ";
    }
    yield "]";
  }
  yield "\n}\n";
}
