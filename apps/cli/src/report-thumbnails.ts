import { applyTransforms, callPlugin, scaleToFit, type Dataset, type Labelmap, type TransformStep } from "@maskport/core";
import type { ReportImage } from "./fidelity-report.ts";
import { encodeRgbaPng, renderSample, type PreviewFormat } from "./render-sample.ts";

/** What the thumbnail pass re-reads: the conversion's input (re-opened) and transforms. */
export interface ThumbnailSource {
  readonly dataset: Dataset;
  /** Name of the importer, for wrapping its errors. */
  readonly importer: string;
  readonly transforms: readonly TransformStep[];
  /** The labelmap after the transforms. */
  readonly labelmap: Labelmap;
  /** The format whose decoding the thumbnails show (lost/added); masks only when undefined. */
  readonly format: PreviewFormat | undefined;
  readonly signal: AbortSignal;
}

/** Longest side of a thumbnail, pixels. */
const THUMBNAIL = 128;
/** Images that get a thumbnail at most (~40 kB each inlined: the page stays openable). */
export const MAX_THUMBNAILS = 1000;

/**
 * Gives every report image a PNG thumbnail (`data:` URI) of its preview: a second pass over the
 * input, one sample in memory at a time (the conversion itself may have run in workers, which
 * keep no pixels for the main thread). Diagnostics of this pass are the conversion's again and
 * are dropped.
 */
export async function addThumbnails(images: readonly ReportImage[], source: ThumbnailSource): Promise<void> {
  const byId = new Map(images.map((image) => [image.id, image]));
  const ignore = (): void => {};
  const { dataset } = source;
  let done = 0;
  for await (const ref of dataset.refs()) {
    if (done >= MAX_THUMBNAILS) break;
    source.signal.throwIfAborted();
    const loaded = await callPlugin(source.importer, () => dataset.load(ref));
    const image = byId.get(loaded.id);
    if (image === undefined) continue;
    const sample = applyTransforms(loaded, dataset.labelmap, source.transforms, ignore);
    const rendered = await renderSample(sample, source.labelmap, source.format, 1);
    const small = scaleToFit(rendered.overlay.image, THUMBNAIL, THUMBNAIL);
    image.thumbnail = `data:image/png;base64,${Buffer.from(encodeRgbaPng(small)).toString("base64")}`;
    done++;
  }
}
