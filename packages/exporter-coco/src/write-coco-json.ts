import { imageFileName, joinRecords, reportCrowdsWritten, type ExportInput, type FragmentRecord, type OutputFile, type SampleInfo, type Spool, type WriteContext } from "@maskport/core";
import { categoriesFromLabelmap, formatCategories } from "./coco-categories.ts";
import { annotationsPath, formatFloat, formatSegmentation, imagePath, INFO_JSON, LICENSES_JSON } from "./coco-format.ts";
import type { CocoAnnotationDraft, CocoFragment } from "./encode-coco-sample.ts";
import type { CocoExportOptions } from "./coco-options.ts";

/**
 * The sequential stage: numbers images (1..N per file, input order) and annotations (1..M
 * per file, input then instance order) and yields one `annotations/instances_<subset>.json`
 * per subset, then `images/<subset>/<file_name>` copies for samples with a raw image.
 *
 * With `order: "streaming"` the first subset's JSON streams: its annotations are written as
 * fragments arrive and its image records (about 130 bytes each) wait for the end in a
 * {@link Spool}. Files are consumed one after the other, so the annotations of any further
 * subset wait in spools too, as does everything in `order: "cvat"` (images before
 * annotations). The runner keeps spools on disk, so memory stays flat whatever the number
 * of samples; only raw-image paths (to copy each once) are held. The bytes do not depend on
 * how or where fragments were encoded. Crowd flags written otherwise than the input says
 * are reported once, as counts (CROWD_FLAG_CHANGED, info).
 */
export async function* writeCocoFiles(
  input: ExportInput<CocoFragment>,
  options: Readonly<CocoExportOptions>,
  context: WriteContext,
): AsyncIterable<OutputFile> {
  const header = `{"licenses":${LICENSES_JSON},"info":${INFO_JSON},"categories":${formatCategories(categoriesFromLabelmap(input.labelmap).categories)},`;
  const iterator = input.fragments[Symbol.asyncIterator]();
  const states = new Map<string, SubsetState>();
  const copies = new Map<string, string>();
  let exhausted = false;
  let crowds = 0;
  let marked = 0;

  const next = async (): Promise<FragmentRecord<CocoFragment> | undefined> => {
    context.signal.throwIfAborted();
    const step = await iterator.next();
    if (step.done) {
      exhausted = true;
      return undefined;
    }
    const { sample, fragment } = step.value;
    crowds += fragment.crowds ?? 0;
    marked += fragment.marked ?? 0;
    if (sample.image !== undefined) {
      const path = imagePath(sample.subset, sample.image.fileName);
      if (!copies.has(path)) copies.set(path, sample.image.path);
    }
    return step.value;
  };
  const stateOf = (subset: string): SubsetState => {
    let state = states.get(subset);
    if (state === undefined) {
      state = { images: context.spool(), annotations: context.spool(), imageCount: 0, annotationCount: 0 };
      states.set(subset, state);
    }
    return state;
  };

  const first = options.order === "streaming" ? await next() : undefined;
  let streamed: string | undefined;
  if (first !== undefined) {
    streamed = first.sample.subset;
    const state = stateOf(streamed);
    const subset = streamed;
    const contents = async function* (): AsyncIterable<string> {
      yield `${header}"annotations":[`;
      let chunk = annotationsText(state, addImage(state, first.sample, options.imageExtension), first.fragment.annotations);
      for (let record = await next(); record !== undefined; record = await next()) {
        const target = stateOf(record.sample.subset);
        const text = annotationsText(target, addImage(target, record.sample, options.imageExtension), record.fragment.annotations);
        if (record.sample.subset === subset) chunk += text;
        else if (text !== "") target.annotations.push(text);
        if (chunk.length >= CHUNK_CHARS) {
          yield chunk;
          chunk = "";
        }
      }
      yield `${chunk}],"images":[`;
      yield* joinRecords(state.images.drain(), { separator: "," });
      yield "]}";
    };
    yield { path: annotationsPath(subset), contents: contents() };
  }
  // Whatever the consumer left unread (or everything, in cvat order) is collected here.
  while (!exhausted) {
    const record = await next();
    if (record === undefined) break;
    const target = stateOf(record.sample.subset);
    const text = annotationsText(target, addImage(target, record.sample, options.imageExtension), record.fragment.annotations);
    if (text !== "") target.annotations.push(text);
  }
  reportCrowdsWritten(crowds, "--coco.iscrowd is none", context);
  if (marked > 0) {
    const why = options.iscrowd === "all" ? "--coco.iscrowd is all" : "--coco.cvatCompatible writes RLE with iscrowd 1";
    context.report({ severity: "info", code: "CROWD_FLAG_CHANGED", message: `${marked} annotation(s) written with iscrowd 1 although the input does not mark them as crowds: ${why}` });
  }

  const rest = [...states.keys(), ...input.subsets].filter((subset, i, all) => subset !== streamed && all.indexOf(subset) === i);
  if (streamed === undefined && rest.length === 0) rest.push("default");
  for (const subset of rest) {
    const state = stateOf(subset);
    const contents = async function* (): AsyncIterable<string> {
      yield header;
      const images = async function* (): AsyncIterable<string> {
        yield `"images":[`;
        yield* joinRecords(state.images.drain(), { separator: "," });
        yield "]";
      };
      const annotations = async function* (): AsyncIterable<string> {
        yield `"annotations":[`;
        yield* joinRecords(state.annotations.drain());
        yield "]";
      };
      if (options.order === "cvat") {
        yield* images();
        yield ",";
        yield* annotations();
      } else {
        yield* annotations();
        yield ",";
        yield* images();
      }
      yield "}";
    };
    yield { path: annotationsPath(subset), contents: contents() };
  }
  for (const [path, copyFrom] of copies) yield { path, copyFrom };
}

// --- internal ---

/** Roughly how many characters to gather before yielding a chunk. */
const CHUNK_CHARS = 1 << 16;

interface SubsetState {
  /** Compact image records, in input order. */
  readonly images: Spool;
  /** Compact annotation text of subsets that are not streamed (leading commas included), one sample per record. */
  readonly annotations: Spool;
  imageCount: number;
  annotationCount: number;
}

/** Registers a sample's image record (`file_name`: the image's name, else `<id>.<extension>`); returns its image id. */
function addImage(state: SubsetState, sample: SampleInfo, extension: string): number {
  const id = ++state.imageCount;
  const fileName = imageFileName(sample) ?? `${sample.id}.${extension.replace(/^\./, "")}`;
  state.images.push(
    `{"id":${id},"width":${sample.width},"height":${sample.height},"file_name":${JSON.stringify(fileName)},"license":0,"flickr_url":"","coco_url":"","date_captured":0}`,
  );
  return id;
}

/** Numbers a sample's annotations and returns their compact JSON, each preceded by a comma except the file's first. */
function annotationsText(state: SubsetState, imageId: number, annotations: readonly CocoAnnotationDraft[]): string {
  let text = "";
  for (const annotation of annotations) {
    const id = ++state.annotationCount;
    const bbox = annotation.bbox.map(formatFloat).join(",");
    text +=
      `${id === 1 ? "" : ","}{"id":${id},"image_id":${imageId},"category_id":${annotation.categoryId},` +
      `"segmentation":${formatSegmentation(annotation.segmentation)},"area":${formatFloat(annotation.area)},"bbox":[${bbox}],` +
      `"iscrowd":${annotation.iscrowd},"attributes":{"occluded":false}}`;
  }
  return text;
}
