/** `@maskport/core/node`: everything that touches the disk (PNG files, dataset folders). */
export * from "./node/index.ts";
