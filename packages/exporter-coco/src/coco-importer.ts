import { checkDeclaredFrame, checkSampleId, fileNamer, fileSourceOf, folderOrFile, joinKeepingSlash, jsonExcerpt, MaskportError, paths, readText, type Dataset, type FileSource, type ImageRef, type ImportContext, type Importer, type Instance, type Sample } from "@maskport/core";
import { labelmapFromCategories } from "./coco-labelmap.ts";
import { subsetOfFileName } from "./coco-format.ts";
import type { CocoImportOptions } from "./coco-options.ts";
import { decodeCocoSegmentation } from "./decode-coco-segmentation.ts";
import { jsonFileShape } from "./json-file-shape.ts";
import { readCocoDocument, type CocoDocument } from "./read-coco-document.ts";

/** A sample of a COCO dataset: which file (index into the sorted subset files) and which image. */
export interface CocoRef {
  readonly file: number;
  readonly image: number;
}

/**
 * The `coco` importer: a COCO instances `.json` file, or a folder laid out as CVAT's COCO
 * 1.0 export (`annotations/instances_<subset>.json`, raw images in `images/<subset>/`).
 */
export const cocoImporter: Importer<CocoImportOptions> = Object.freeze({
  apiVersion: 1,
  kind: "importer",
  name: "coco",
  description: "COCO instances JSON (polygons, compressed or uncompressed RLE), file or CVAT COCO 1.0 folder",
  options: {},
  detect: detectCoco,
  read: readCoco,
});

/**
 * Whether `input` is a COCO instances JSON file or a folder with `annotations/instances_*.json`.
 * A file that is SA-1B shaped is left to the `sa1b` importer ({@link jsonFileShape}). Never throws.
 * @param source what to read through (a browser's picked files); absent: Node's disk
 */
export async function detectCoco(input: string, source?: FileSource): Promise<boolean> {
  try {
    const files = fileSourceOf({ files: source });
    const kind = await files.kind(input);
    if (kind === "folder") return (await subsetFiles(files, input)).length > 0;
    return kind === "file" && (await jsonFileShape(files, input)) === "coco";
  } catch {
    return false;
  }
}

/**
 * Reads a COCO dataset. Subsets come from `instances_<subset>.json` names (sorted; a file
 * with another name is subset `default`); samples are the images in file order, sample id =
 * `file_name` without its extension (sub-folders kept), `imageName` = `file_name` (with `/`
 * separators) whether or not the image is found; one instance per annotation, label id =
 * category id (the labelmap is flagged `categoryIds`), `crowd` set for `iscrowd: 1`, cropped to
 * its tight box; annotations that decode to no pixels are reported (INSTANCE_DROPPED) and
 * skipped. Raw images are taken from `images/<subset>/<file_name>`, `images/<file_name>` or
 * the `--images` folder when the file exists. An image whose width or height is above 2³¹
 * (INVALID_INPUT) or that has more pixels than the limit (IMAGE_TOO_LARGE) is refused here,
 * before any sample is decoded.
 */
export async function readCoco(input: string, _options: Readonly<CocoImportOptions>, context: ImportContext): Promise<Dataset<CocoRef>> {
  const source = fileSourceOf(context);
  const name = fileNamer(context);
  const kind = await folderOrFile(source, input).catch((error: unknown) => {
    throw new MaskportError("INPUT_NOT_FOUND", `cannot read ${name(input)}`, { file: name(input), cause: error });
  });
  const files = kind === "folder" ? (await subsetFiles(source, input)).map((file) => paths.join(input, "annotations", file)) : [input];
  if (files.length === 0) throw new MaskportError("INVALID_INPUT", "no annotations/instances_<subset>.json in this folder", { file: name(input) });
  const documents: CocoDocument[] = [];
  for (const file of files) documents.push(readCocoDocument(await readText(source, file), name(file)));
  const subsets = files.map((file) => subsetOfFileName(paths.basename(file)) ?? "default");
  subsets.forEach((subset, i) => checkSampleId(subset, { file: name(files[i] as string), entry: "subset (from the file name)" }));
  if (new Set(subsets).size !== subsets.length) throw new MaskportError("INVALID_INPUT", `two annotation files name the same subset (${subsets.join(", ")})`, { file: name(input) });

  const categoryKey = (document: CocoDocument): string => JSON.stringify([...document.categories].sort((a, b) => a.id - b.id));
  const first = documents[0]!;
  for (const document of documents) {
    if (categoryKey(document) !== categoryKey(first)) {
      throw new MaskportError("INVALID_INPUT", `its categories differ from those of ${first.file}; all subsets must share one category list`, { file: document.file });
    }
  }
  const seen = new Map<string, string>();
  for (const document of documents) {
    for (const [index, image] of document.images.entries()) {
      // Refused before any sample is decoded; every instance raster lies inside its frame.
      checkDeclaredFrame(image.width, image.height, { file: document.file, entry: `images[${index}] (id ${image.id}, ${jsonExcerpt(image.fileName)})` });
      const id = checkSampleId(sampleIdOf(image.fileName), { file: document.file, entry: `image ${image.id}: file_name`, name: image.fileName });
      const other = seen.get(id);
      if (other !== undefined) {
        throw new MaskportError("INVALID_INPUT", `images "${image.fileName}" and "${other}" give the same sample id "${id}"`, { file: document.file });
      }
      seen.set(id, image.fileName);
    }
  }

  const root = kind === "folder" ? input : paths.basename(paths.dirname(input)) === "annotations" ? paths.dirname(paths.dirname(input)) : paths.dirname(input);
  const labelmap = labelmapFromCategories(first.categories);
  return {
    labelmap,
    subsets,
    size: documents.reduce((n, d) => n + d.images.length, 0),
    async *refs() {
      for (let file = 0; file < documents.length; file++) {
        for (let image = 0; image < documents[file]!.images.length; image++) yield { file, image };
      }
    },
    async load(ref) {
      const document = documents[ref.file];
      const image = document?.images[ref.image];
      if (document === undefined || image === undefined) throw new RangeError(`no COCO image ${ref.file}/${ref.image}`);
      const subset = subsets[ref.file]!;
      const id = sampleIdOf(image.fileName);
      const instances: Instance[] = [];
      (document.annotations[ref.image] ?? []).forEach((annotation, index) => {
        const where = `annotation ${jsonExcerpt(annotation.id)} of image ${image.id}`;
        const decoded = decodeCocoSegmentation(annotation.segmentation, image, where, document.file);
        for (const reason of decoded.skipped) {
          context.report({ severity: "warning", code: "SHAPE_SKIPPED", message: `${where}: ${reason}`, sampleId: id, instanceId: index + 1, file: document.file });
        }
        if (decoded.mask === undefined) {
          context.report({ severity: "warning", code: "INSTANCE_DROPPED", message: `${where} has no pixels; skipped`, sampleId: id, instanceId: index + 1, file: document.file });
          return;
        }
        instances.push({ label: annotation.categoryId, instanceId: index + 1, ...decoded.mask, ...(annotation.crowd ? { crowd: true } : {}) });
      });
      const raw = await findImage(source, image.fileName, [paths.join(root, "images", subset), paths.join(root, "images"), ...(context.images === undefined ? [] : [context.images])]);
      const imageName = image.fileName.replaceAll("\\", "/");
      const sample: Sample = { id, subset, width: image.width, height: image.height, imageName, instances, ...(raw === undefined ? {} : { image: raw }) };
      return sample;
    },
  };
}

// --- internal ---

/** `instances_*.json` names in `<folder>/annotations` (any kind of entry, as `readdir` listed them), sorted. */
async function subsetFiles(files: FileSource, folder: string): Promise<string[]> {
  const names: string[] = [];
  try {
    for await (const entry of files.list(paths.join(folder, "annotations"))) names.push(entry.name);
  } catch {
    return [];
  }
  return names.filter((name) => subsetOfFileName(name) !== undefined).sort();
}

/** A COCO `file_name` without its extension; `\` separators become `/`. */
function sampleIdOf(fileName: string): string {
  const normalised = fileName.replaceAll("\\", "/");
  const slash = normalised.lastIndexOf("/");
  const dot = normalised.lastIndexOf(".");
  return dot > slash + 1 ? normalised.slice(0, dot) : normalised;
}

/** The first candidate that exists (whatever it is, as `access` found it), made absolute. */
async function findImage(files: FileSource, fileName: string, folders: readonly string[]): Promise<ImageRef | undefined> {
  for (const folder of folders) {
    for (const candidate of [joinKeepingSlash(folder, fileName), joinKeepingSlash(folder, paths.basename(fileName))]) {
      if ((await files.kind(candidate)) !== undefined) return { path: files.resolve(candidate), fileName };
    }
  }
  return undefined;
}
