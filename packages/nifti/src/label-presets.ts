/** Label presets of well-known datasets: value → name. */
import { labelmapFromIds, type IdName, type Labelmap } from "@maskport/core";

/** The preset names (`--nifti.labels`, `--nifti.outputLabels`). */
export type PresetName = "brats2021" | "brats2023";

/** Every preset's labels, background included. */
export const PRESETS: Readonly<Record<PresetName, readonly IdName[]>> = {
  // BraTS 2021 (and 2017–2020): 4 is enhancing tumour, 3 unused.
  brats2021: [
    { id: 0, name: "background" },
    { id: 1, name: "necrotic core" },
    { id: 2, name: "edema" },
    { id: 4, name: "enhancing tumour" },
  ],
  // BraTS 2023 onwards: the same regions, enhancing tumour moved to 3.
  brats2023: [
    { id: 0, name: "background" },
    { id: 1, name: "necrotic core" },
    { id: 2, name: "edema" },
    { id: 3, name: "enhancing tumour" },
  ],
};

/** The preset names, for option choices. */
export const PRESET_NAMES: readonly PresetName[] = Object.keys(PRESETS) as PresetName[];

/** A preset's labelmap. */
export function presetLabelmap(name: PresetName): Labelmap {
  return labelmapFromIds(PRESETS[name], `preset ${name}`);
}
