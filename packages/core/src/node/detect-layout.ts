import { detectMaskLayout as detectIn, type MaskLayout } from "../mask-dataset/detect-layout.ts";
import { nodeFiles } from "./node-files.ts";

export { isMaskLayoutError, PAIR_CLASS, PAIR_OBJECT, type MaskLayout, type MaskLayoutKind } from "../mask-dataset/detect-layout.ts";

/** `detectMaskLayout` of `@maskport/core` on the Node file system. */
export function detectMaskLayout(input: string): Promise<MaskLayout> {
  return detectIn(nodeFiles, input);
}
