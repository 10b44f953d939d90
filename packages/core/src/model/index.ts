export * from "./voc-palette.ts";
export * from "./labelmap.ts";
export * from "./mask-image.ts";
export * from "./rasters.ts";
export * from "./connected-components.ts";
export * from "./instances.ts";
export * from "./crop-to-content.ts";
