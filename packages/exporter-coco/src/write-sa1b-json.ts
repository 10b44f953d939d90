import { formatLabelmap, isMaskportError, reportCrowdsWritten, type ExportInput, type OutputFile, type SampleInfo, type WriteContext } from "@maskport/core";
import { categoriesFromLabelmap } from "./coco-categories.ts";
import { formatFloat, formatSegmentation } from "./coco-format.ts";
import type { Sa1bAnnotationDraft, Sa1bFragment } from "./encode-sa1b-sample.ts";
import type { Sa1bExportOptions } from "./sa1b-options.ts";
import { sa1bPaths } from "./sa1b-format.ts";

/**
 * The `sa1b` exporter's sequential stage: `labelmap.txt` first (the classes the `label`
 * fields name, in CVAT's dialect; SA-1B readers only look at `.json` files, and an empty
 * dataset still gives a file), then per sample in input order its compact
 * `<sample id>.json` (one line and a newline) and its raw image beside it. Image ids run
 * 1..N and annotation ids 1..M over the whole export, in input order, so the bytes do not
 * depend on where fragments were encoded. Nothing is held per sample. Crowd instances are
 * written as ordinary masks (SA-1B has no crowd flag), reported once.
 */
export async function* writeSa1bFiles(input: ExportInput<Sa1bFragment>, options: Readonly<Sa1bExportOptions>, context: WriteContext): AsyncIterable<OutputFile> {
  const labelmapText = labelmapFile(input.labelmap, context);
  if (labelmapText !== undefined) yield { path: LABELMAP_FILE, contents: labelmapText };
  const names = new Map(categoriesFromLabelmap(input.labelmap).categories.map((category) => [category.id, category.name]));
  let imageId = 0;
  let annotationId = 0;
  let crowds = 0;
  for await (const { sample, fragment } of input.fragments) {
    context.signal.throwIfAborted();
    crowds += fragment.crowds ?? 0;
    const paths = sa1bPaths(sample, options.imageExtension);
    let text = `{"image":${formatImage(++imageId, sample, paths.fileName)},"annotations":[`;
    fragment.annotations.forEach((annotation, index) => {
      text += `${index === 0 ? "" : ","}${formatAnnotation(++annotationId, annotation, sample, names.get(annotation.categoryId))}`;
    });
    yield { path: paths.json, contents: `${text}]}\n` };
    if (sample.image !== undefined && paths.image !== undefined) yield { path: paths.image, copyFrom: sample.image.path };
  }
  reportCrowdsWritten(crowds, "SA-1B has no crowd flag", context);
}

// --- internal ---

const LABELMAP_FILE = "labelmap.txt";

/** The labelmap in CVAT's dialect, or undefined (reported) when a name cannot be written there. */
function labelmapFile(labelmap: WriteContext["labelmap"], context: WriteContext): string | undefined {
  try {
    return formatLabelmap(labelmap);
  } catch (error) {
    if (!isMaskportError(error)) throw error;
    context.report({ severity: "warning", code: error.code, message: `${LABELMAP_FILE} not written: ${error.message} (the JSON files keep every label name)` });
    return undefined;
  }
}

function formatImage(id: number, sample: SampleInfo, fileName: string): string {
  return `{"image_id":${id},"width":${sample.width},"height":${sample.height},"file_name":${JSON.stringify(fileName)}}`;
}

/** Keys in the order of FORMATS.md §7.3 plus `label`; `bbox` as Python floats (toBbox returns float64), `area` an integer. */
function formatAnnotation(id: number, annotation: Sa1bAnnotationDraft, sample: SampleInfo, label: string | undefined): string {
  const [x, y] = annotation.point;
  return (
    `{"id":${id},"segmentation":${formatSegmentation(annotation.segmentation)},"bbox":[${annotation.bbox.map(formatFloat).join(",")}],"area":${annotation.area},` +
    `"predicted_iou":1.0,"stability_score":1.0,"crop_box":[0,0,${sample.width},${sample.height}],"point_coords":[[${x},${y}]]` +
    `${label === undefined ? "" : `,"label":${JSON.stringify(label)}`}}`
  );
}
