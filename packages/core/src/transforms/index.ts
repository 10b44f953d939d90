import type { Transform } from "../plugin.ts";
import { dropLabels } from "./drop-labels.ts";
import { fillHoles } from "./fill-holes.ts";
import { keepLabels } from "./keep-labels.ts";
import { largestComponent } from "./largest-component.ts";
import { minArea } from "./min-area.ts";
import { remapLabels } from "./remap-labels.ts";

export { dropLabels, type DropLabelsOptions } from "./drop-labels.ts";
export { fillHoles } from "./fill-holes.ts";
export { keepLabels, type KeepLabelsOptions } from "./keep-labels.ts";
export { largestComponent } from "./largest-component.ts";
export { minArea, type MinAreaOptions } from "./min-area.ts";
export { remapLabels, type RemapLabelsOptions } from "./remap-labels.ts";

/** The transforms built into core, in the order the CLI lists them. Look one up by `name`. */
export const builtinTransforms: readonly Transform<any>[] = Object.freeze([remapLabels, dropLabels, keepLabels, minArea, largestComponent, fillHoles]);
