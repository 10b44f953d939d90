export { decodePng } from "./png.ts";
export { writePng, type PngRaster } from "./write-png.ts";
export { checkPixelLimit, DEFAULT_MAX_PIXELS, MAX_PIXELS_ENV, maxPixels } from "./pixel-limit.ts";
export { checkDeclaredFrame, MAX_FRAME_SIDE, type DeclaredFrameSource } from "./declared-frame.ts";
export { sameBytes } from "./same-bytes.ts";
