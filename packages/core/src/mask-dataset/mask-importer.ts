import { MaskportError } from "../errors.ts";
import type { Importer } from "../plugin.ts";
import { fileSourceOf } from "../files/file-source.ts";
import type { Grouping } from "../model/instances.ts";
import { detectMaskLayout, isMaskLayoutError } from "./detect-layout.ts";
import { readMaskDataset } from "./read-dataset.ts";

/** Options of the `mask` importer. */
export interface MaskImporterOptions {
  /** 8 or 4: pixel connectivity of connected-component instances. */
  readonly connectivity: number;
  readonly grouping: Grouping;
}

/**
 * The `mask` importer: CVAT Segmentation mask 1.1 exports, the published CLASS/OBJECT folder
 * layout (and `_CLASS_`/`_OBJECT_` pairs) and folders of class masks, via {@link readMaskDataset}.
 */
export const maskImporter: Importer<MaskImporterOptions> = {
  apiVersion: 1,
  kind: "importer",
  name: "mask",
  description: "Segmentation masks: CVAT Segmentation mask 1.1, CLASS/OBJECT PNG folders with labelmap.txt, or class masks alone",
  options: {
    connectivity: { description: "Pixel connectivity (8 or 4) of instances made from connected components", default: 8 },
    grouping: {
      description: "object: one instance per object-mask id (components without object masks); components: connected components of each class; class: one instance per class",
      default: "object",
      choices: ["object", "components", "class"],
    },
  },
  async detect(input, files) {
    try {
      const layout = await detectMaskLayout(fileSourceOf({ files }), input);
      // A bare folder of PNGs is only ours when a labelmap says what the pixels mean.
      return layout.kind !== "class-only" || layout.labelmapFile !== undefined;
    } catch (error) {
      // A mask dataset laid out wrongly (an OBJECT folder without CLASS folder…) is still ours:
      // read() then reports what is wrong, with or without --from.
      return isMaskLayoutError(error);
    }
  },
  async read(input, options, context) {
    if (options.connectivity !== 4 && options.connectivity !== 8) {
      throw new MaskportError("INVALID_OPTION", `--mask.connectivity must be 4 or 8, not ${options.connectivity}`, { plugin: "mask" });
    }
    return readMaskDataset(fileSourceOf(context), input, {
      connectivity: options.connectivity,
      grouping: options.grouping,
      ...(context.images === undefined ? {} : { images: context.images }),
      report: (diagnostic) => context.report(diagnostic),
      listing: context.purpose !== "load",
    });
  },
};
