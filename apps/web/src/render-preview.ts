import { callPlugin, renderOverlay, sampleInfo, type DecodedShape, type ExportStep, type FileSource, type PipelineStage, type RgbaImage } from "@maskport/core";

/** A drawn preview: RGBA pixels and the pixel counts it marked. */
export interface Preview {
  readonly width: number;
  readonly height: number;
  readonly pixels: Uint8ClampedArray<ArrayBuffer>;
  readonly lost: number;
  readonly added: number;
  /** Why the raw image is not drawn, when it is not. */
  readonly note?: string;
}

/**
 * Draws one sample as `maskport preview` does (core's `renderOverlay`): its raw image (or gray),
 * the instances in their label colours and, with a format, what the format decodes back to,
 * lost pixels cyan and added ones yellow. Magnified 2× up to 256 px, as the CLI's default.
 */
export async function renderPreview(stage: PipelineStage, files: FileSource, ref: unknown, format: ExportStep | undefined): Promise<Preview> {
  const sample = await callPlugin({ plugin: stage.importer, stage: "load" }, () => stage.dataset.load(ref));
  let decoded: readonly DecodedShape[] | undefined;
  if (format?.exporter.decodeFragment !== undefined) {
    const { exporter, options } = format;
    const fragment = await callPlugin({ plugin: exporter.name, stage: "encodeSample", sampleId: sample.id }, () =>
      exporter.encodeSample(sample, options, { labelmap: stage.labelmap, files, report: () => {} }),
    );
    decoded = await callPlugin({ plugin: exporter.name, stage: "encodeSample", sampleId: sample.id }, () => exporter.decodeFragment!(fragment, sampleInfo(sample), options, { labelmap: stage.labelmap }));
  }
  let note: string | undefined;
  let background: RgbaImage | undefined;
  if (sample.image !== undefined) {
    try {
      background = await decodeImage(new Blob([(await files.read(sample.image.path)) as Uint8Array<ArrayBuffer>]));
      if (background.width !== sample.width || background.height !== sample.height) {
        note = `the raw image is ${background.width}×${background.height} px but the masks are ${sample.width}×${sample.height}; drawn on gray`;
        background = undefined;
      }
    } catch (error) {
      note = `the raw image cannot be decoded (${error instanceof Error ? error.message : String(error)}); drawn on gray`;
    }
  }
  const scale = Math.max(sample.width, sample.height) <= 256 ? 2 : 1;
  const overlay = renderOverlay({
    width: sample.width,
    height: sample.height,
    labelmap: stage.labelmap,
    instances: sample.instances,
    scale,
    ...(background === undefined ? {} : { background }),
    ...(decoded === undefined ? {} : { decoded }),
  });
  const { image } = overlay;
  const pixels = new Uint8ClampedArray(image.data.buffer as ArrayBuffer, image.data.byteOffset, image.data.byteLength);
  return { width: image.width, height: image.height, pixels, lost: overlay.lost, added: overlay.added, ...(note === undefined ? {} : { note }) };
}

/** A PNG or JPEG decoded by the browser to RGBA, pixel values as stored (no colour conversion). */
async function decodeImage(blob: Blob): Promise<RgbaImage> {
  const bitmap = await createImageBitmap(blob, { colorSpaceConversion: "none", premultiplyAlpha: "none" });
  try {
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext("2d");
    if (context === null) throw new Error("no 2D canvas");
    context.drawImage(bitmap, 0, 0);
    const data = context.getImageData(0, 0, bitmap.width, bitmap.height).data;
    return { width: bitmap.width, height: bitmap.height, data: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
  } finally {
    bitmap.close();
  }
}
