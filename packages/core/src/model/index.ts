export * from "./voc-palette.ts";
export * from "./labelmap.ts";
