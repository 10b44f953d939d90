export * from "./coco-rle.ts";
export * from "./cvat-rle.ts";
