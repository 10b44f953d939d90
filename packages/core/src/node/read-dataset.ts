import type { Dataset } from "../plugin.ts";
import { readMaskDataset as readFrom, type MaskRef, type ReadMaskDatasetOptions } from "../mask-dataset/read-dataset.ts";
import { nodeFiles } from "./node-files.ts";

export type { MaskRef, ReadMaskDatasetOptions } from "../mask-dataset/read-dataset.ts";

/** `readMaskDataset` of `@maskport/core` on the Node file system (`input` a path). */
export function readMaskDataset(input: string, options: ReadMaskDatasetOptions = {}): Promise<Dataset<MaskRef>> {
  return readFrom(nodeFiles, input, options);
}
