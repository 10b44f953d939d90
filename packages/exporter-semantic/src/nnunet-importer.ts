/**
 * Importer `nnunet`: an nnU-Net v2 raw dataset of 2D PNGs — `dataset.json`, `labelsTr/<case>.png`
 * with `imagesTr/<case>_0000.png`, `labelsTs/` with `imagesTs/` as the `test` subset, and
 * `case_ids.json` (case → sample id) when maskport wrote it.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { checkSampleId, jsonExcerpt, MaskportError } from "@maskport/core";
import type { Dataset, Importer } from "@maskport/core";
import { listFiles, pathKind, stripExtension } from "@maskport/core/node";
import { labelmapOfLabels, peekDatasetJson, readDatasetJson } from "./dataset-json.ts";
import { connectivityOf, indexDataset, loadIndexSample, type IndexRef } from "./load-index-sample.ts";

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
  async detect(input) {
    const found = await peekDatasetJson(input);
    return found !== undefined && typeof found.json["channel_names"] === "object" && "file_ending" in found.json && (await pathKind(join(found.root, "labelsTr"))) === "folder";
  },
  async read(input, options, context): Promise<Dataset<IndexRef>> {
    const connectivity = connectivityOf(options.connectivity, "nnunet");
    const { root, file, json } = await readDatasetJson(input);
    const labelmap = labelmapOfLabels(json["labels"], file);
    const load = async (ref: IndexRef) => loadIndexSample(ref, labelmap, connectivity, context);
    if (context.purpose === "load") return { labelmap, subsets: ["default"], async *refs() {}, load };
    const ending = json["file_ending"];
    if (ending !== ".png") {
      throw new MaskportError("INVALID_INPUT", `file_ending is ${jsonExcerpt(ending)}: only 2D PNG nnU-Net datasets are read`, { file, plugin: "nnunet" });
    }
    const caseIds = readCaseIds(join(root, "case_ids.json"));
    const refs: IndexRef[] = [];
    const subsets: string[] = [];
    for (const [suffix, subset] of [["Tr", "default"], ["Ts", "test"]] as const) {
      const labelsDir = join(root, `labels${suffix}`);
      if ((await pathKind(labelsDir)) !== "folder") continue;
      const before = refs.length;
      for (const labelFile of await listFiles(labelsDir, (name) => name.endsWith(".png"))) {
        const name = stripExtension(labelFile);
        const imageFile = join(root, `images${suffix}`, `${name}_0000.png`);
        // An own property only: a case named `constructor` must not find Object.prototype's.
        const mapped = caseIds !== undefined && Object.hasOwn(caseIds, name) ? caseIds[name] : undefined;
        const id = mapped === undefined ? name : checkSampleId(mapped, { file: join(root, "case_ids.json"), entry: `case ${JSON.stringify(name)}: sample id`, plugin: "nnunet" });
        refs.push({ id, subset, mask: join(labelsDir, labelFile), ...(existsSync(imageFile) ? { image: { path: imageFile, fileName: `${name}_0000.png` } } : {}) });
      }
      if (refs.length > before) subsets.push(subset);
    }
    return indexDataset(labelmap, subsets, refs, load, { message: "the nnU-Net dataset has no label files", file: join(root, "labelsTr") });
  },
};

// --- internal ---

function readCaseIds(file: string): Record<string, string> | undefined {
  if (!existsSync(file)) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (cause) {
    throw new MaskportError("INVALID_INPUT", "case_ids.json is not valid JSON", { file, cause });
  }
  if (typeof json !== "object" || json === null || Array.isArray(json) || !Object.values(json).every((id) => typeof id === "string")) {
    throw new MaskportError("INVALID_INPUT", "case_ids.json is not an object of case → sample id strings", { file });
  }
  return json as Record<string, string>;
}
