import { readFile } from "node:fs/promises";
import { PNG } from "pngjs";
import { callPlugin, renderOverlay, sampleInfo, type DecodedShape, type Diagnostic, type ExportStep, type FragmentBase, type Labelmap, type Overlay, type RgbaImage, type Sample } from "@maskport/core";

/** One sample drawn: the overlay and the problems with its raw image. */
export interface RenderedSample {
  readonly overlay: Overlay;
  readonly diagnostics: readonly Diagnostic[];
}

/**
 * Draws the overlay of `sample` over its raw image (or gray). With a format, `fragment` (what the
 * format encoded the sample to) is decoded back with the exporter's own `decodeFragment`, when it
 * has one, and drawn too.
 * @param scale integer magnification of the drawing
 */
export async function renderSample(sample: Sample, labelmap: Labelmap, format: ExportStep | undefined, scale: number, fragment: FragmentBase | undefined): Promise<RenderedSample> {
  const diagnostics: Diagnostic[] = [];
  const image = sample.image;
  const background =
    image === undefined
      ? undefined
      : await readBackground(image.path, sample.width, sample.height, (message) => diagnostics.push({ severity: "warning", code: "INVALID_INPUT", sampleId: sample.id, file: image.path, message }));
  let decoded: readonly DecodedShape[] | undefined;
  if (format?.exporter.decodeFragment !== undefined && fragment !== undefined) {
    const { exporter, options } = format;
    decoded = await callPlugin({ plugin: exporter.name, stage: "encodeSample", sampleId: sample.id }, () => exporter.decodeFragment!(fragment, sampleInfo(sample), options, { labelmap }));
  }
  const overlay = renderOverlay({
    width: sample.width,
    height: sample.height,
    labelmap,
    instances: sample.instances,
    scale,
    ...(background === undefined ? {} : { background }),
    ...(decoded === undefined ? {} : { decoded }),
  });
  return { overlay, diagnostics };
}

/** Encodes an RGBA image as an 8-bit PNG: RGB (the drawings are opaque, so alpha would only add bytes). */
export function encodeRgbaPng(image: RgbaImage): Uint8Array {
  const png = { width: image.width, height: image.height, data: Buffer.from(image.data.buffer, image.data.byteOffset, image.data.byteLength) } as PNG;
  return PNG.sync.write(png, { colorType: 2, inputColorType: 6, inputHasAlpha: true, bitDepth: 8 });
}

// --- internal ---

/**
 * The raw image as RGBA, when it is a PNG of the sample's size; otherwise undefined (gray
 * background) and a warning. JPEG is not decoded: the preview is about masks, not photos.
 */
async function readBackground(path: string, width: number, height: number, warn: (message: string) => void): Promise<RgbaImage | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (error) {
    warn(`raw image cannot be read (${error instanceof Error ? error.message : String(error)}); drawn on gray`);
    return undefined;
  }
  if (bytes.subarray(0, 8).toString("latin1") !== "\x89PNG\r\n\x1a\n") {
    warn("raw image is not a PNG (previews decode PNG only); drawn on gray");
    return undefined;
  }
  try {
    const png = PNG.sync.read(bytes);
    if (png.width !== width || png.height !== height) {
      warn(`raw image is ${png.width}×${png.height} px but the masks are ${width}×${height}; drawn on gray`);
      return undefined;
    }
    return { width, height, data: new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.byteLength) };
  } catch (error) {
    warn(`raw image cannot be decoded (${error instanceof Error ? error.message : String(error)}); drawn on gray`);
    return undefined;
  }
}
