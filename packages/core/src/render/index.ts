export * from "./rgba-image.ts";
export * from "./draw-line.ts";
export * from "./bitmap-font.ts";
export * from "./render-overlay.ts";
export * from "./contact-sheet.ts";
export * from "./natural-order.ts";
