/**
 * Importer `nnunet`: an nnU-Net v2 raw dataset of 2D PNGs — `dataset.json`, `labelsTr/<case>.png`
 * with `imagesTr/<case>_0000.png`, `labelsTs/` with `imagesTs/` as the `test` subset, and
 * `case_ids.json` (case → sample id) when maskport wrote it.
 */
import { checkSampleId, fileNamer, fileSourceOf, jsonExcerpt, listFiles, MaskportError, pathExists, paths, readText, stripExtension } from "@maskport/core";
import type { Dataset, FileSource, Importer } from "@maskport/core";
import { labelmapOfLabels, peekDatasetJson, readDatasetJson } from "./dataset-json.ts";
import { connectivityOf, indexDataset, loadIndexSample, type IndexRef } from "./load-index-sample.ts";

const { join } = paths;

/** Options of the `nnunet` importer. */
export interface NnunetImporterOptions {
  /** 8 or 4: pixel connectivity of instances (connected components of each class). */
  readonly connectivity: number;
}

/** The `nnunet` importer. */
export const nnunetImporter: Importer<NnunetImporterOptions> = {
  apiVersion: 1,
  kind: "importer",
  name: "nnunet",
  description: "nnU-Net v2 raw dataset of 2D PNGs: dataset.json, labelsTr/ (and imagesTr/, labelsTs/, case_ids.json)",
  options: {
    connectivity: { description: "Pixel connectivity (8 or 4) of instances: connected components of each class", default: 8 },
  },
  async detect(input, sourceFiles) {
    const files = fileSourceOf({ files: sourceFiles });
    const found = await peekDatasetJson(files, input);
    return found !== undefined && typeof found.json["channel_names"] === "object" && "file_ending" in found.json && (await files.kind(join(found.root, "labelsTr"))) === "folder";
  },
  async read(input, options, context): Promise<Dataset<IndexRef>> {
    const connectivity = connectivityOf(options.connectivity, "nnunet");
    const files = fileSourceOf({ files: context.files });
    const name = fileNamer({ files: context.files });
    const { root, file, json } = await readDatasetJson(files, context.files, input);
    const labelmap = labelmapOfLabels(json["labels"], file);
    const load = async (ref: IndexRef) => loadIndexSample(ref, labelmap, connectivity, context);
    if (context.purpose === "load") return { labelmap, subsets: ["default"], async *refs() {}, load };
    const ending = json["file_ending"];
    if (ending !== ".png") {
      throw new MaskportError("INVALID_INPUT", `file_ending is ${jsonExcerpt(ending)}: only 2D PNG nnU-Net datasets are read`, { file, plugin: "nnunet" });
    }
    const caseIds = await readCaseIds(files, join(root, "case_ids.json"), name(join(root, "case_ids.json")));
    const refs: IndexRef[] = [];
    const subsets: string[] = [];
    for (const [suffix, subset] of [["Tr", "default"], ["Ts", "test"]] as const) {
      const labelsDir = join(root, `labels${suffix}`);
      if ((await files.kind(labelsDir)) !== "folder") continue;
      const before = refs.length;
      for (const labelFile of await listFiles(files, labelsDir, (file) => file.endsWith(".png"))) {
        const caseName = stripExtension(labelFile);
        const imageFile = join(root, `images${suffix}`, `${caseName}_0000.png`);
        // An own property only: a case named `constructor` must not find Object.prototype's.
        const mapped = caseIds !== undefined && Object.hasOwn(caseIds, caseName) ? caseIds[caseName] : undefined;
        const id = mapped === undefined ? caseName : checkSampleId(mapped, { file: name(join(root, "case_ids.json")), entry: `case ${JSON.stringify(caseName)}: sample id`, plugin: "nnunet" });
        refs.push({ id, subset, mask: join(labelsDir, labelFile), ...((await pathExists(files, imageFile)) ? { image: { path: imageFile, fileName: `${caseName}_0000.png` } } : {}) });
      }
      if (refs.length > before) subsets.push(subset);
    }
    return indexDataset(labelmap, subsets, refs, load, { message: "the nnU-Net dataset has no label files", file: name(join(root, "labelsTr")) });
  },
};

// --- internal ---

/** @param file as messages name it */
async function readCaseIds(files: FileSource, path: string, file: string): Promise<Record<string, string> | undefined> {
  if (!(await pathExists(files, path))) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(await readText(files, path));
  } catch (cause) {
    throw new MaskportError("INVALID_INPUT", "case_ids.json is not valid JSON", { file, cause });
  }
  if (typeof json !== "object" || json === null || Array.isArray(json) || !Object.values(json).every((id) => typeof id === "string")) {
    throw new MaskportError("INVALID_INPUT", "case_ids.json is not an object of case → sample id strings", { file });
  }
  return json as Record<string, string>;
}
