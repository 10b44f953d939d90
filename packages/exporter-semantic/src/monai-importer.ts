/**
 * Importer `monai`: a Decathlon-style dataset as MONAI's `load_decathlon_datalist` reads it —
 * `dataset.json` with `labels` and `training` (and `validation`, `test`) lists of
 * `{"image", "label"}` paths relative to the JSON's folder, labels as 2D index PNGs.
 */
import { checkSampleId, fileNamer, fileSourceOf, MaskportError, pathExists, paths, stripExtension } from "@maskport/core";
import type { Dataset, Importer } from "@maskport/core";
import { labelmapOfLabels, peekDatasetJson, readDatasetJson } from "./dataset-json.ts";
import { connectivityOf, indexDataset, loadIndexSample, type IndexRef } from "./load-index-sample.ts";

/** Options of the `monai` importer. */
export interface MonaiImporterOptions {
  /** 8 or 4: pixel connectivity of instances (connected components of each class). */
  readonly connectivity: number;
}

/** The lists read, and the subset each becomes. */
const LISTS = [
  ["training", "train"],
  ["validation", "val"],
  ["test", "test"],
] as const;

/** The `monai` importer. */
export const monaiImporter: Importer<MonaiImporterOptions> = {
  apiVersion: 1,
  kind: "importer",
  name: "monai",
  description: "Decathlon/MONAI datalist: dataset.json with labels and training/validation/test lists of 2D PNG labels",
  options: {
    connectivity: { description: "Pixel connectivity (8 or 4) of instances: connected components of each class", default: 8 },
  },
  async detect(input, sourceFiles) {
    const found = await peekDatasetJson(fileSourceOf({ files: sourceFiles }), input);
    if (found === undefined || !Array.isArray(found.json["training"]) || "channel_names" in found.json) return false;
    // A Decathlon dataset of NIfTI volumes is the nifti importer's.
    const first: unknown = found.json["training"][0];
    const label = typeof first === "object" && first !== null ? (first as { label?: unknown }).label : undefined;
    return !(typeof label === "string" && /\.nii(\.gz)?$/i.test(label));
  },
  async read(input, options, context): Promise<Dataset<IndexRef>> {
    const connectivity = connectivityOf(options.connectivity, "monai");
    const files = fileSourceOf({ files: context.files });
    const name = fileNamer({ files: context.files });
    const { root, file, json } = await readDatasetJson(files, context.files, input);
    const labelmap = labelmapOfLabels(json["labels"], file);
    const load = async (ref: IndexRef) => loadIndexSample(ref, labelmap, connectivity, context);
    if (context.purpose === "load") return { labelmap, subsets: ["default"], async *refs() {}, load };
    const refs: IndexRef[] = [];
    const subsets: string[] = [];
    for (const [key, subset] of LISTS) {
      const list = json[key];
      if (list === undefined) continue;
      if (!Array.isArray(list)) throw new MaskportError("INVALID_INPUT", `"${key}" is not a list`, { file, plugin: "monai" });
      const before = refs.length;
      for (const [index, entry] of (list as unknown[]).entries()) {
        // A test entry may be an image path alone: it has no label, so no sample.
        if (key === "test" && typeof entry === "string") continue;
        const where = `${key}[${index}]`;
        if (typeof entry !== "object" || entry === null || typeof (entry as { label?: unknown }).label !== "string" || typeof (entry as { image?: unknown }).image !== "string") {
          throw new MaskportError("INVALID_INPUT", `${where} is not {"image": path, "label": path}`, { file, plugin: "monai" });
        }
        const { image, label } = entry as { image: string; label: string };
        if (!label.toLowerCase().endsWith(".png")) {
          throw new MaskportError("INVALID_INPUT", `${where} label ${JSON.stringify(label)} is not a PNG: only 2D index PNG labels are read`, { file, plugin: "monai" });
        }
        // Paths relative to dataset.json's folder; one that climbs out or is absolute is the list's fault, refused now.
        checkSampleId(relativeOf(label), { file, entry: `${where} label`, plugin: "monai" });
        checkSampleId(relativeOf(image), { file, entry: `${where} image`, plugin: "monai" });
        const id = checkSampleId(sampleIdOf(label), { file, entry: `${where} label`, name: label, plugin: "monai" });
        const labelPath = paths.join(root, label);
        if (!(await pathExists(files, labelPath))) throw new MaskportError("INPUT_NOT_FOUND", `${where} label file not found`, { file: name(labelPath), plugin: "monai" });
        const imagePath = paths.join(root, image);
        const ref: IndexRef = {
          id,
          subset,
          mask: labelPath,
          ...((await pathExists(files, imagePath)) ? { image: { path: imagePath, fileName: withoutFirstFolder(relativeOf(image)) } } : {}),
        };
        refs.push(ref);
      }
      if (refs.length > before) subsets.push(subset);
    }
    return indexDataset(labelmap, subsets, refs, load, { message: "dataset.json lists no labelled samples", file });
  },
};

// --- internal ---

/** `./labelsTr/scans/Y1.png` → `scans/Y1`: the path below the labels folder, without extension. */
function sampleIdOf(label: string): string {
  return stripExtension(withoutFirstFolder(relativeOf(label)));
}

function relativeOf(path: string): string {
  return path.replace(/\\/g, "/").replace(/^(\.\/)+/, "");
}

function withoutFirstFolder(path: string): string {
  const slash = path.indexOf("/");
  return slash === -1 ? path : path.slice(slash + 1);
}
