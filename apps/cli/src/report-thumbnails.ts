import { scaleToFit, type EncodedSample, type PipelineStage } from "@maskport/core";
import { encodeRgbaPng, renderSample } from "./render-sample.ts";

/** Longest side of a thumbnail, pixels. */
const THUMBNAIL = 128;
/** Images that get a thumbnail at most (~40 kB each inlined: the page stays openable). */
export const MAX_THUMBNAILS = 1000;

/**
 * A sample's report thumbnail as a `data:` URI, drawn in the pass that encodes it: its preview
 * with the target that lost or added most for this sample (the first when all are exact),
 * decoded back from the fragment already made.
 */
export async function renderThumbnail(encoded: EncodedSample, stage: PipelineStage): Promise<string> {
  let shown = 0;
  let worst = 0;
  encoded.fragments.forEach((fragment, index) => {
    const inexact = (fragment.fidelity ?? []).filter((record) => record.lost + record.added > 0).length;
    if (inexact > worst) [shown, worst] = [index, inexact];
  });
  const format = stage.exports[shown];
  const rendered = await renderSample(encoded.sample, stage.labelmap, format, 1, encoded.fragments[shown]);
  const small = scaleToFit(rendered.overlay.image, THUMBNAIL, THUMBNAIL);
  return `data:image/png;base64,${Buffer.from(encodeRgbaPng(small)).toString("base64")}`;
}
