import { encodeSampleRef, sampleInfo, type Diagnostic, type FragmentBase, type PipelineStage, type SampleInfo } from "@maskport/core";
import { renderThumbnail } from "./report-thumbnails.ts";
import { stageTimes } from "@maskport/core/node";
import { encodeTime } from "./stage-stats.ts";

/** One sample as a run delivers it, from this thread or a worker: plain data, no pixels. */
export interface RunSample {
  readonly sample: SampleInfo;
  /** One fragment per target, in target order. */
  readonly fragments: readonly FragmentBase[];
  /** The importer's (when encoded in a worker), transforms' and exporters' diagnostics, in order. */
  readonly diagnostics: readonly Diagnostic[];
  /** The `--report` thumbnail (`data:` URI), drawn while the pixels are at hand. */
  readonly thumbnail?: string;
}

/** load → transforms → every target's `encodeSample` for one ref, and its thumbnail when asked. */
export async function encodeForRun(stage: PipelineStage, ref: unknown, thumbnail: boolean): Promise<RunSample> {
  const encoded = await encodeSampleRef(stage, ref, stageTimes.enabled ? encodeTime : undefined);
  const result = { sample: sampleInfo(encoded.sample), fragments: encoded.fragments, diagnostics: encoded.diagnostics };
  return thumbnail ? { ...result, thumbnail: await renderThumbnail(encoded, stage) } : result;
}
