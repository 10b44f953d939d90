import { checkDeclaredFrame, fileNamer, fileSourceOf, folderOrFile, indexImages, MaskportError, matchImage, paths, readText, type Dataset, type FileSource, type ImageIndex, type ImageRef, type ImportContext, type Importer, type Instance, type Sample } from "@maskport/core";
import { detectCoco } from "./coco-importer.ts";
import { decodeCocoSegmentation } from "./decode-coco-segmentation.ts";
import { isPositiveInteger } from "./json-guards.ts";
import { jsonFileShape } from "./json-file-shape.ts";
import { findJsonFile, listJsonFiles } from "./list-json-files.ts";
import { readSa1bDocument, type Sa1bAnnotationIn, type Sa1bDocumentIn } from "./read-sa1b-document.ts";
import { isJsonFileName, sampleIdOfJsonPath } from "./sa1b-format.ts";
import { DEFAULT_SA1B_LABEL, labelmapFromNames } from "./sa1b-labelmap.ts";
import type { Sa1bImportOptions } from "./sa1b-options.ts";

/** A sample of an SA-1B dataset: its JSON file, `/`-separated, relative to the dataset root. */
export interface Sa1bRef {
  readonly path: string;
}

/**
 * The `sa1b` importer: a folder of SA-1B per-image JSON files (searched recursively; sample
 * id = relative path without `.json`), or one such file.
 */
export const sa1bImporter: Importer<Sa1bImportOptions> = Object.freeze({
  apiVersion: 1,
  kind: "importer",
  name: "sa1b",
  description: "Segment Anything SA-1B per-image JSON (compressed or uncompressed RLE), one file or a folder of them",
  options: {},
  detect: detectSa1b,
  read: readSa1b,
});

/**
 * Whether `input` is an SA-1B JSON file, or a folder whose first JSON file met is one (and
 * not a CVAT COCO 1.0 folder, which is the `coco` importer's). Never throws.
 */
export async function detectSa1b(input: string, source?: FileSource): Promise<boolean> {
  try {
    const files = fileSourceOf({ files: source });
    const kind = await files.kind(input);
    if (kind === undefined) return false;
    if (kind === "file") return (await jsonFileShape(files, input)) === "sa1b";
    if (await detectCoco(input, files)) return false;
    const first = await findJsonFile(files, input);
    return first !== undefined && (await jsonFileShape(files, paths.join(input, first))) === "sa1b";
  } catch {
    return false;
  }
}

/**
 * Reads an SA-1B dataset: one sample per JSON file (sorted paths), subset `default`; one
 * instance per annotation, cropped to its tight box, instance id = the annotation `id` when
 * the file's ids are unique positive integers, else 1..n in file order; label = the `label`
 * field, or `object` without one (see {@link labelmapFromNames}). Annotations that decode to
 * no pixels are reported (INSTANCE_DROPPED) and skipped. The raw image is the file named by
 * `image.file_name` beside the JSON, else the sample's image in `--images`; `imageName` is
 * that name beside the JSON (`<folder of the JSON>/<base name of file_name>`), found or not.
 *
 * Every file is parsed once here for its label names: the labelmap must be known before the
 * first sample, and equal in worker threads, so `purpose: "load"` cannot skip this pass.
 * Only the names and the file list are kept; `load` reads its file again.
 * @throws MaskportError `INPUT_NOT_FOUND`, `INVALID_INPUT` (no JSON files, bad JSON, not SA-1B,
 *   polygons, a width or height above 2³¹), `IMAGE_TOO_LARGE` (more pixels than the limit),
 *   `SIZE_MISMATCH`, `INVALID_MASK` (from `load`: counts not summing to h·w)
 */
export async function readSa1b(input: string, _options: Readonly<Sa1bImportOptions>, context: ImportContext): Promise<Dataset<Sa1bRef>> {
  const files = fileSourceOf(context);
  const name = fileNamer(context);
  const kind = await folderOrFile(files, input).catch((error: unknown) => {
    throw new MaskportError("INPUT_NOT_FOUND", `cannot read ${name(input)}`, { file: name(input), cause: error });
  });
  if (kind !== "folder" && !isJsonFileName(input)) throw new MaskportError("INVALID_INPUT", "an SA-1B input is a .json file or a folder of them", { file: name(input) });
  const root = kind === "folder" ? input : paths.dirname(input);
  const jsonPaths = kind === "folder" ? await listJsonFiles(files, input) : [paths.basename(input)];
  if (jsonPaths.length === 0) throw new MaskportError("INVALID_INPUT", "no .json files in this folder", { file: name(input), hint: "An SA-1B folder holds one <image>.json per image." });
  const readDocument = (path: string): Promise<Sa1bDocumentIn> => readSa1bFile(files, paths.join(root, path), name);

  const names = new Set<string>();
  for (const path of jsonPaths) for (const annotation of (await readDocument(path)).annotations) names.add(labelName(annotation));
  const labelmap = labelmapFromNames(names);
  const labelIds = new Map(labelmap.labels.map((label) => [label.name, label.id]));
  let images: Promise<ImageIndex> | undefined;
  // The --images folder is listed only when some JSON has no image beside it.
  const imageIndex = (): Promise<ImageIndex> | undefined => (context.images === undefined ? undefined : (images ??= indexImages(files, files.resolve(context.images))));

  return {
    labelmap,
    subsets: ["default"],
    size: jsonPaths.length,
    async *refs() {
      for (const path of jsonPaths) yield { path };
    },
    async load(ref) {
      const document = await readDocument(ref.path);
      const id = sampleIdOfJsonPath(ref.path);
      const ids = instanceIds(document.annotations);
      const instances: Instance[] = [];
      document.annotations.forEach((annotation, index) => {
        const instanceId = ids[index]!;
        const decoded = decodeCocoSegmentation(annotation.segmentation, document.image, annotation.where, document.file);
        if (decoded.mask === undefined) {
          context.report({ severity: "warning", code: "INSTANCE_DROPPED", message: `${annotation.where} has no pixels; skipped`, sampleId: id, instanceId, file: document.file });
          return;
        }
        const label = labelIds.get(labelName(annotation));
        if (label === undefined) throw new MaskportError("INVALID_INPUT", `${annotation.where}: label "${labelName(annotation)}" was not in the file when the dataset was opened`, { file: document.file });
        instances.push({ label, instanceId, ...decoded.mask });
      });
      instances.sort((a, b) => a.instanceId - b.instanceId);
      const imageName = namedImage(ref.path, document.image.fileName);
      const image = await rawImage(files, root, imageName, id, imageIndex);
      const sample: Sample = {
        id,
        subset: "default",
        width: document.image.width,
        height: document.image.height,
        instances,
        ...(imageName === undefined ? {} : { imageName }),
        ...(image === undefined ? {} : { image }),
      };
      return sample;
    },
  };
}

// --- internal ---

/** @param name how messages name `path` ({@link fileNamer}) */
async function readSa1bFile(files: FileSource, path: string, name: (path: string) => string): Promise<Sa1bDocumentIn> {
  const file = name(path);
  const text = await readText(files, path).catch((error: unknown) => {
    throw new MaskportError("INPUT_NOT_FOUND", "cannot read this SA-1B file", { file, cause: error });
  });
  const document = readSa1bDocument(text, file);
  // Checked when the dataset is opened, before any sample is decoded: every instance raster lies inside the frame.
  checkDeclaredFrame(document.image.width, document.image.height, { file, entry: `image ${document.image.id}` });
  return document;
}

function labelName(annotation: Sa1bAnnotationIn): string {
  return annotation.label ?? DEFAULT_SA1B_LABEL;
}

/** The annotations' own ids when they are unique positive integers, else 1..n in file order. */
function instanceIds(annotations: readonly Sa1bAnnotationIn[]): number[] {
  const ids = annotations.map((annotation) => annotation.id);
  if (ids.every(isPositiveInteger) && new Set(ids).size === ids.length) return ids;
  return ids.map((_, index) => index + 1);
}

/** The image `image.file_name` names beside the JSON at `path` (SA-1B's layout), relative to the root; undefined for an unusable name. */
function namedImage(path: string, fileName: string): string | undefined {
  const folder = path.slice(0, Math.max(0, path.lastIndexOf("/")));
  const name = fileName.replaceAll("\\", "/").split("/").pop() ?? "";
  if (name === "" || name === "." || name === "..") return undefined;
  return folder === "" ? name : `${folder}/${name}`;
}

/** The image named beside the JSON when it exists, else the sample's image in `--images`. */
async function rawImage(files: FileSource, root: string, named: string | undefined, id: string, imageIndex: () => Promise<ImageIndex> | undefined): Promise<ImageRef | undefined> {
  if (named !== undefined) {
    const beside = paths.join(root, named);
    if ((await files.kind(beside)) === "file") return { path: files.resolve(beside), fileName: named };
  }
  const index = imageIndex();
  return index === undefined ? undefined : matchImage(await index, id);
}
