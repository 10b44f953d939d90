import { indexImages as indexIn, type ImageIndex } from "../mask-dataset/match-images.ts";
import { nodeFiles } from "./node-files.ts";

export { matchImage, type ImageIndex } from "../mask-dataset/match-images.ts";

/** `indexImages` of `@maskport/core` on the Node file system. */
export function indexImages(root: string, skipped?: (path: string, reason: string) => void): Promise<ImageIndex> {
  return indexIn(nodeFiles, root, skipped);
}
