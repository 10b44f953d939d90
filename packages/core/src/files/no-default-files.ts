import type { FileSource } from "./file-source.ts";

/** Outside Node there is no file system to fall back on: hosts pass `files`. */
export const defaultFiles: FileSource | undefined = undefined;
