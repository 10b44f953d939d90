/**
 * The labelmap of a NIfTI input, first found wins: the `--nifti.labels` preset, the Decathlon
 * `dataset.json` labels, a `labelmap.txt` beside the input, else none (the importer then names
 * each value found `label_<value>`).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { jsonExcerpt, labelmapFromIds, MaskportError, parseLabelmap, type IdName, type Labelmap } from "@maskport/core";
import { presetLabelmap, type PresetName } from "./label-presets.ts";

/** Where the labels came from, for the report. */
export interface FoundLabelmap {
  readonly labelmap: Labelmap;
  readonly source: string;
}

/**
 * @param folder the input folder, or the folder of a single input file
 * @param datasetJson the Decathlon `dataset.json` already parsed, when the input is one
 * @throws MaskportError for a malformed `labels` object or labelmap.txt
 */
export function findLabelmap(preset: PresetName | "auto", folder: string, datasetJson: { readonly file: string; readonly json: Record<string, unknown> } | undefined): FoundLabelmap | undefined {
  if (preset !== "auto") return { labelmap: presetLabelmap(preset), source: `preset ${preset}` };
  if (datasetJson !== undefined && datasetJson.json["labels"] !== undefined) {
    return { labelmap: labelmapOfLabels(datasetJson.json["labels"], datasetJson.file), source: datasetJson.file };
  }
  const text = join(folder, "labelmap.txt");
  if (existsSync(text)) return { labelmap: parseLabelmap(readFileSync(text, "utf8"), text), source: text };
  return undefined;
}

/** `background` for 0 and `label_<value>` for every other value. */
export function namedByValue(values: readonly number[]): Labelmap {
  const ids = new Set([0, ...values]);
  return labelmapFromIds([...ids].sort((a, b) => a - b).map((id) => ({ id, name: id === 0 ? "background" : `label_${id}` })), "the label values found");
}

// --- internal ---

/** Decathlon's value → name (`{"0": "background"}`) or nnU-Net v2's name → value (`{"background": 0}`). */
function labelmapOfLabels(labels: unknown, file: string): Labelmap {
  if (typeof labels !== "object" || labels === null || Array.isArray(labels)) throw new MaskportError("INVALID_INPUT", "dataset.json \"labels\" is not an object", { file, plugin: "nifti" });
  const entries: IdName[] = [];
  for (const [key, value] of Object.entries(labels)) {
    if (typeof value === "string" && /^\d+$/.test(key)) entries.push({ id: Number(key), name: value });
    else if (typeof value === "number" && Number.isInteger(value)) entries.push({ id: value, name: key });
    else throw new MaskportError("INVALID_INPUT", `label ${JSON.stringify(key)}: ${jsonExcerpt(value)} is neither "value": "name" nor "name": value (region-based labels are not read)`, { file, plugin: "nifti" });
  }
  return labelmapFromIds(entries.sort((a, b) => a.id - b.id), file);
}
