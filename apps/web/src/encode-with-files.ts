// TEMPORARY (until core's encodeSampleRef passes the run's FileSource to encodeSample: nnunet
// reads raw images through EncodeContext.files, and without it reaches for the Node file system):
// encodeSampleRef's load → transforms → every encodeSample, with `files` in the context.
import { applyTransforms, callPlugin, sampleInfo, type ConvertedSample, type Diagnostic, type FileSource, type FragmentBase, type PipelineStage } from "@maskport/core";

/** The per-sample stage for `convertTargets`' `encode`, exporters reading through `files`. */
export function encodeWithFiles(stage: PipelineStage, files: FileSource): (ref: unknown) => Promise<ConvertedSample> {
  return async (ref) => {
    const diagnostics: Diagnostic[] = [];
    const report = (diagnostic: Diagnostic): void => void diagnostics.push(diagnostic);
    const id = typeof ref === "object" && ref !== null ? (ref as { id?: unknown }).id : undefined;
    const loaded = await callPlugin({ plugin: stage.importer, stage: "load", sampleId: typeof id === "string" ? id : undefined }, () => stage.dataset.load(ref));
    const sample = applyTransforms(loaded, stage.dataset.labelmap, stage.transforms, report);
    const fragments: FragmentBase[] = [];
    for (const { exporter, options } of stage.exports) {
      const fragment = await callPlugin({ plugin: exporter.name, stage: "encodeSample", sampleId: sample.id }, () =>
        exporter.encodeSample(sample, options, { labelmap: stage.labelmap, files, report: (diagnostic) => report({ ...diagnostic, sampleId: sample.id, plugin: exporter.name }) }),
      );
      fragments.push(fragment as FragmentBase);
    }
    return { sample: sampleInfo(sample), fragments, diagnostics };
  };
}
