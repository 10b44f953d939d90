export { detectMaskLayout, isMaskLayoutError, type MaskLayout, type MaskLayoutKind } from "./detect-layout.ts";
export { readMaskDataset, type MaskRef, type ReadMaskDatasetOptions } from "./read-dataset.ts";
export { maskImporter, type MaskImporterOptions } from "./mask-importer.ts";
export { checkMatchedImage, indexImages, matchImage, type ImageIndex } from "./match-images.ts";
