import { listFiles as listIn, listFolders as listFoldersIn } from "../files/list-files.ts";
import { nodeFiles } from "./node-files.ts";

export { IMAGE_EXTENSION, MASK_EXTENSION, stripExtension } from "../files/list-files.ts";
export { pathKind } from "./node-files.ts";

/** `listFiles` of `@maskport/core` on the Node file system. */
export function listFiles(root: string, accept: (name: string) => boolean, skipped?: (path: string, reason: string) => void): Promise<string[]> {
  return listIn(nodeFiles, root, accept, skipped);
}

/** `listFolders` of `@maskport/core` on the Node file system. */
export function listFolders(dir: string): Promise<string[]> {
  return listFoldersIn(nodeFiles, dir);
}
