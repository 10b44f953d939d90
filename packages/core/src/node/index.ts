export { decodePng } from "./png.ts";
export * from "./image-size.ts";
export * from "./detect-layout.ts";
export * from "./read-dataset.ts";
export * from "./mask-importer.ts";
export * from "./stage-times.ts";
export { indexImages, matchImage, type ImageIndex } from "./match-images.ts";
export * from "./file-spool.ts";
export { onFirstUse } from "./on-first-use.ts";
