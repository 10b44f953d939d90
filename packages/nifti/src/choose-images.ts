/** Which image volume each case's slices get, from the `image` option. */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { MaskportError } from "@maskport/core";
import { MODALITIES, type NiftiInput } from "./find-cases.ts";
import type { CaseSource } from "./prepare-case.ts";

/**
 * The cases with their image: none for an empty option; the BraTS modality's file for a
 * modality name; the Decathlon entry's image for a Decathlon input (a number or a
 * `modality` name of its dataset.json picks a 4D image's volume); else the option as a path.
 * @throws MaskportError IMAGE_MISSING when a case lacks the modality or the entry its image;
 *   INVALID_OPTION for a path that does not exist, or one path for several cases
 */
export function chooseImages(found: NiftiInput, option: string): CaseSource[] {
  const plain = found.cases.map((c): CaseSource => ({ case: c.name, label: c.label }));
  if (option === "") return plain;
  const modality = MODALITIES[option.toLowerCase()];
  if (found.layout !== "decathlon" && modality !== undefined) {
    return found.cases.map((c) => {
      const image = c.images[modality];
      if (image === undefined) {
        throw new MaskportError("IMAGE_MISSING", `case ${c.name} has no ${modality} image beside its labels (looked for ${c.name}-${modality}.nii.gz and the older _ names, .nii too)`, {
          file: c.label,
          plugin: "nifti",
          hint: "Pick a modality the case has, or give the image's path.",
        });
      }
      return { case: c.name, label: c.label, image };
    });
  }
  if (found.layout === "decathlon") {
    const volume = volumeIndex(option, found.datasetJson?.json);
    return found.cases.map((c) => {
      const image = c.images["image"];
      if (image === undefined || !existsSync(image)) {
        throw new MaskportError("IMAGE_MISSING", `training case ${c.name} has no image file${image === undefined ? " in dataset.json" : ` (${image} does not exist)`}`, { file: found.datasetJson?.file ?? c.label, plugin: "nifti" });
      }
      return { case: c.name, label: c.label, image, ...(volume === undefined ? {} : { imageVolume: volume }) };
    });
  }
  const path = resolve(option);
  if (!existsSync(path)) {
    throw new MaskportError("INVALID_OPTION", `--nifti.image ${JSON.stringify(option)} is neither a modality (${Object.keys(MODALITIES).join(", ")}) nor an existing file`, { plugin: "nifti" });
  }
  if (plain.length > 1) throw new MaskportError("INVALID_OPTION", `--nifti.image names one file, but the input has ${plain.length} cases: name a modality instead`, { plugin: "nifti" });
  return plain.map((c) => ({ ...c, image: path }));
}

// --- internal ---

/** A 4D Decathlon image's volume: a number, or a name among `modality` (or `channel_names`) values; else undefined (the first, with a warning). */
function volumeIndex(option: string, json: Record<string, unknown> | undefined): number | undefined {
  if (/^\d+$/.test(option)) return Number(option);
  const names = (json?.["modality"] ?? json?.["channel_names"]) as Record<string, unknown> | undefined;
  if (typeof names === "object" && names !== null) {
    for (const [key, value] of Object.entries(names)) if (typeof value === "string" && value.toLowerCase() === option.toLowerCase() && /^\d+$/.test(key)) return Number(key);
  }
  return undefined;
}
