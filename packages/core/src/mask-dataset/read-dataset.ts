import { join } from "../files/paths.ts";
import type { FileSource } from "../files/file-source.ts";
import { readText } from "../files/read-text.ts";
import { MaskportError } from "../errors.ts";
import { checkSampleId } from "../sample-id.ts";
import type { Dataset, Diagnostic } from "../plugin.ts";
import type { ImageRef, Labelmap, Sample } from "../types.ts";
import type { Grouping } from "../model/instances.ts";
import { instancesFromRuns } from "../model/instances-from-runs.ts";
import { classRunsFromColors, objectRunsFromColors } from "../model/color-runs.ts";
import { rowRuns, type RowRuns } from "../model/row-runs.ts";
import { parseLabelmap } from "../model/labelmap.ts";
import { assertSameSize, classValuesFromImage, objectRasterFromImage } from "../model/rasters.ts";
import { detectMaskLayout, PAIR_CLASS, PAIR_OBJECT, type MaskLayout } from "./detect-layout.ts";
import { checkMatchedImage, indexImages, matchImage } from "./match-images.ts";
import { listFiles, MASK_EXTENSION, stripExtension } from "../files/list-files.ts";
import { PackedStrings } from "./packed-strings.ts";
import { decodeMaskPng } from "../png/png.ts";
import { SCRATCH, scratchInt32 } from "../model/scratch.ts";
import { stageTimes } from "./stage-times.ts";
import { VOC_CLASSES, vocLabelmap } from "./voc-labelmap.ts";

/** Options of {@link readMaskDataset}. */
export interface ReadMaskDatasetOptions {
  /** Folder of raw images matched to samples by stem (sub-folders kept); for CVAT exports `JPEGImages/` is used when present. */
  readonly images?: string;
  /** Pixel connectivity of connected-component instances (default 8). */
  readonly connectivity?: 4 | 8;
  /** How pixels become instances (default `object`, see {@link Grouping}). */
  readonly grouping?: Grouping;
  /** Receives warnings (skipped items, class/object disagreements). */
  readonly report?: (diagnostic: Omit<Diagnostic, "plugin">) => void;
  /**
   * False to skip listing the samples when the dataset only serves `load` for refs from
   * another read (a worker thread): `refs()` is then empty and `size` absent. Default true.
   */
  readonly listing?: boolean;
}

/** One sample of a mask dataset, as plain data (absolute paths), so a worker can load it. */
export interface MaskRef {
  readonly id: string;
  readonly subset: string;
  readonly classFile?: string;
  readonly objectFile?: string;
  readonly image?: ImageRef;
}

/**
 * Opens a mask dataset (see {@link detectMaskLayout} for the layouts) and lists its samples;
 * pixels are read one sample at a time by `load`. Sample ids are mask paths relative to the
 * class folder without extension, `/`-separated (pairs: without `_CLASS_`). Order: by subset
 * file then list order for CVAT exports with `ImageSets`, else by path.
 * CVAT items listed without any PNG are empty samples when an image gives their size, else
 * skipped with a warning. Gray class masks hold label ids, RGB ones label colours (per file).
 * @throws MaskportError INPUT_NOT_FOUND, UNKNOWN_INPUT_FORMAT, LABELMAP_MISSING (and labelmap
 *   errors), OBJECT_WITHOUT_CLASS, EMPTY_DATASET, UNSAFE_NAME (an ImageSets id such as `../x`,
 *   with its list file and line); `load` throws pixel and PNG errors naming the file
 */
export async function readMaskDataset(files: FileSource, input: string, options: ReadMaskDatasetOptions = {}): Promise<Dataset<MaskRef>> {
  const layout = await detectMaskLayout(files, input);
  const show = (file: string): string => files.show(file);
  // CVAT documents labelmap.txt as optional in its Segmentation mask export: without it, the
  // 21 Pascal VOC classes and colours.
  if (layout.labelmapFile === undefined && layout.kind !== "segmentation-mask-1.1") {
    throw new MaskportError("LABELMAP_MISSING", "no labelmap.txt found beside the masks (looked in the folder, its sub-folders and its parent)", {
      file: show(join(layout.root, "labelmap.txt")),
      hint: "Add labelmap.txt: CVAT's `name:R,G,B::` lines, or `0: Background` / `1: Tumor`.",
    });
  }
  const labelmap = layout.labelmapFile === undefined ? vocLabelmap() : parseLabelmap(await readText(files, layout.labelmapFile), show(layout.labelmapFile));
  const imagesDir = options.images ?? (layout.kind === "segmentation-mask-1.1" ? await existingFolder(files, join(layout.root, "JPEGImages")) : undefined);
  if (imagesDir !== undefined && (await files.kind(imagesDir)) !== "folder") {
    throw new MaskportError("INPUT_NOT_FOUND", "images folder not found", { file: imagesDir });
  }
  const report = options.report ?? (() => {});
  if (layout.labelmapFile === undefined && options.listing !== false) {
    report({
      severity: "info",
      code: "LABELMAP_MISSING",
      file: show(join(layout.root, "labelmap.txt")),
      message: `no labelmap.txt: using the ${VOC_CLASSES.length} Pascal VOC classes and colours (background, aeroplane, …, tvmonitor), as CVAT does`,
    });
  }
  const connectivity = options.connectivity ?? 8;
  const grouping = options.grouping ?? "object";
  const load = (ref: MaskRef): Promise<Sample> => loadSample(files, ref, labelmap, connectivity, grouping, report);
  if (options.listing === false) {
    // A worker's copy: refs come from the main thread's listing, which holds the real subsets.
    return { labelmap, subsets: ["default"], async *refs() {}, load };
  }
  const images = imagesDir === undefined ? undefined : await indexImages(files, imagesDir, reportSkipped(report, show, imagesDir));
  const listed = await listSamples(files, layout, show, report);
  // Refs are built as they are iterated, from the compact listing: a dataset of a million
  // masks holds its sorted names packed (measured: ~45 bytes a mask), not a million ref
  // objects (~1,200 bytes a mask) nor a million name strings (113 bytes a mask).
  const imageOf = (id: string): ImageRef | undefined => (images === undefined ? undefined : matchImage(images, id));
  const keep = new Uint8Array(listed.ids.length).fill(1);
  let size = 0;
  for (let i = 0; i < listed.ids.length; i++) {
    const id = listed.ids.get(i) as string;
    if (listed.classNames.get(i) === undefined && imageOf(id) === undefined) {
      // Only an ImageSets list names an id without a class mask: the warning names that list.
      const listFile = join(layout.root, "ImageSets", "Segmentation", `${listed.subsets[listed.subsetOf[i] as number] as string}.txt`);
      report({ severity: "warning", code: "INVALID_INPUT", file: show(listFile), sampleId: id, message: `${id} is listed but has no mask and no image to give its size; skipped` });
      keep[i] = 0;
    } else size++;
  }
  if (size === 0) {
    throw new MaskportError("EMPTY_DATASET", "the dataset has no samples", { file: input, hint: "Check the folder holds class masks (PNG)." });
  }
  const subsets = listed.subsets;
  const objectDir = layout.objectDir;
  return {
    labelmap,
    subsets,
    size,
    async *refs() {
      for (let i = 0; i < listed.ids.length; i++) {
        if (keep[i] === 0) continue;
        const id = listed.ids.get(i) as string;
        const className = listed.classNames.get(i);
        const objectName = listed.objectNames.get(i);
        const image = imageOf(id);
        const ref: MaskRef = {
          id,
          subset: subsets[listed.subsetOf[i] as number] as string,
          ...(className === undefined ? {} : { classFile: join(layout.classDir, className) }),
          ...(objectName === undefined || objectDir === undefined ? {} : { objectFile: join(objectDir, objectName) }),
          ...(image === undefined ? {} : { image }),
        };
        yield ref;
      }
    },
    load,
  };
}

// --- internal ---

/** The samples in output order, as parallel packed columns of short strings (file names relative to their folder). */
interface Listed {
  readonly subsets: string[];
  readonly ids: PackedStrings;
  /** Index into `subsets` of each sample. */
  readonly subsetOf: Uint16Array | Uint32Array;
  readonly classNames: PackedStrings;
  readonly objectNames: PackedStrings;
}

async function listSamples(files: FileSource, layout: MaskLayout, show: (file: string) => string, report: NonNullable<ReadMaskDatasetOptions["report"]>): Promise<Listed> {
  const pairs = layout.kind === "class-object-pairs";
  const classFiles = await maskFiles(files, layout.classDir, pairs ? PAIR_CLASS : undefined, reportSkipped(report, show, layout.classDir));
  const objectFiles =
    layout.objectDir === undefined ? new Map<string, string>() : await maskFiles(files, layout.objectDir, pairs ? PAIR_OBJECT : undefined, reportSkipped(report, show, layout.objectDir));
  for (const [id, file] of objectFiles) {
    if (!classFiles.has(id)) {
      throw new MaskportError("OBJECT_WITHOUT_CLASS", `object mask has no class mask ${pairs ? `${id}_CLASS_.png` : `at ${show(join(layout.classDir, `${id}.png`))}`}`, {
        file: show(join(layout.objectDir ?? layout.root, file)),
        hint: "Object masks only give instances; their labels come from the class masks.",
      });
    }
  }
  const listed = (subsets: string[], ids: string[], subsetOf: Uint16Array | number[]): Listed => ({
    subsets,
    ids: PackedStrings.from(ids),
    subsetOf: subsets.length <= 65536 ? Uint16Array.from(subsetOf) : Uint32Array.from(subsetOf),
    classNames: PackedStrings.from(ids.map((id) => classFiles.get(id))),
    objectNames: PackedStrings.from(ids.map((id) => objectFiles.get(id))),
  });
  const setsDir = join(layout.root, "ImageSets", "Segmentation");
  if (layout.kind !== "segmentation-mask-1.1" || (await files.kind(setsDir)) !== "folder") {
    const ids = [...classFiles.keys()];
    return listed(["default"], ids, new Uint16Array(ids.length));
  }
  const setFiles = await listFiles(files, setsDir, (name) => name.endsWith(".txt"));
  const subsets: string[] = [];
  const ids: string[] = [];
  const subsetOf: number[] = [];
  const listedIds = new Set<string>();
  for (const setFile of setFiles.filter((file) => !file.includes("/"))) {
    const subset = checkSampleId(setFile.slice(0, -".txt".length), { file: show(join(setsDir, setFile)), entry: "subset (from the file name)" });
    subsets.push(subset);
    const lines = (await readText(files, join(setsDir, setFile))).split("\n");
    for (let index = 0; index < lines.length; index++) {
      const id = (lines[index] as string).trim();
      if (id === "" || id.startsWith("#")) continue;
      // Ids become output paths: `../x` or `/etc/passwd` is the list's fault, refused now.
      checkSampleId(id, { file: show(join(setsDir, setFile)), line: index + 1, entry: "sample id" });
      listedIds.add(id);
      ids.push(id);
      subsetOf.push(subsets.length - 1);
    }
  }
  const unlisted = [...classFiles.keys()].filter((id) => !listedIds.has(id));
  if (unlisted.length > 0) {
    report({
      severity: "warning",
      code: "INVALID_INPUT",
      file: show(join(layout.classDir, classFiles.get(unlisted[0] as string) as string)),
      message: `${unlisted.length} class mask(s) are in no ImageSets/Segmentation list and are ignored, as CVAT does (first: ${unlisted[0]})`,
    });
  }
  return subsets.length > 0 ? listed(subsets, ids, subsetOf) : listed(["default"], ids, subsetOf);
}

/** A `listFiles` listener that reports what it passed over in `dir` (a broken link, a link loop) as a warning. */
function reportSkipped(report: NonNullable<ReadMaskDatasetOptions["report"]>, show: (file: string) => string, dir: string): (path: string, reason: string) => void {
  return (path, reason) => report({ severity: "warning", code: "INVALID_INPUT", file: show(join(dir, path)), message: `skipped: ${reason}` });
}

/** Mask files under `dir` by sample id (relative path without extension, and without the pair suffix), as paths relative to `dir`. */
async function maskFiles(files: FileSource, dir: string, pair: RegExp | undefined, skipped: (path: string, reason: string) => void): Promise<Map<string, string>> {
  const found = await listFiles(files, dir, (name) => (pair === undefined ? MASK_EXTENSION.test(name) : pair.test(name)), skipped);
  const byId = new Map<string, string>();
  for (const file of found) {
    const id = pair === undefined ? stripExtension(file) : file.replace(pair, "");
    if (!byId.has(id)) byId.set(id, file);
  }
  return byId;
}

async function loadSample(files: FileSource, ref: MaskRef, labelmap: Labelmap, connectivity: 4 | 8, grouping: Grouping, report: NonNullable<ReadMaskDatasetOptions["report"]>): Promise<Sample> {
  // The header also says whether the matched file is an image at all (not attached if not).
  const checked = ref.image === undefined ? undefined : await checkMatchedImage(files, ref.image, ref.id, report);
  const attached = checked?.image;
  const image = attached === undefined ? {} : { image: attached };
  const imageSize = checked?.size;
  if (ref.classFile === undefined) {
    if (imageSize === undefined) {
      throw new MaskportError("INVALID_INPUT", "cannot read the size of this image, which the empty sample needs", { file: ref.image === undefined ? ref.id : files.show(ref.image.path), sampleId: ref.id });
    }
    return { id: ref.id, subset: ref.subset, ...imageSize, ...image, instances: [] };
  }
  const classFile = files.show(ref.classFile);
  const classBytes = await files.read(ref.classFile);
  const objectBytes = ref.objectFile !== undefined && grouping === "object" ? await files.read(ref.objectFile) : undefined;
  // Timed from here, not across the reads (the bench's decode stage is the decode alone).
  const timed = stageTimes.enabled;
  const decodeStart = timed ? performance.now() : 0;
  // From here to the return there is no await: inflated rows, pixel buffers and rasters live in
  // reused scratch buffers (fresh megabyte-sized arrays per mask cost page faults and GC), which
  // a concurrent load must not overwrite midway. Instances get their own crops.
  const classMask = decodeMaskPng(classBytes, classFile);
  const { width, height } = classMask;
  const classRuns =
    classMask.kind === "color-runs"
      ? classRunsFromColors(classMask.runs, labelmap, classFile)
      : rowRuns(classValuesFromImage(classMask, labelmap, classFile, scratchInt32(SCRATCH.classRaster, width * height)), width, height);
  let objectRuns: RowRuns | undefined;
  if (ref.objectFile !== undefined && objectBytes !== undefined) {
    const objectFile = files.show(ref.objectFile);
    const objectMask = decodeMaskPng(objectBytes, objectFile);
    assertSameSize(classMask, objectMask, classFile, objectFile);
    objectRuns =
      objectMask.kind === "color-runs"
        ? objectRunsFromColors(objectMask.runs, objectFile)
        : rowRuns(objectRasterFromImage(objectMask, objectFile, scratchInt32(SCRATCH.objectRaster, width * height)).data, width, height);
  }
  if (attached !== undefined && imageSize !== undefined && (imageSize.width !== width || imageSize.height !== height)) {
    throw new MaskportError(
      "IMAGE_SIZE_MISMATCH",
      `image is ${imageSize.width}×${imageSize.height} but its mask ${classFile} is ${width}×${height}`,
      { file: files.show(attached.path), sampleId: ref.id },
    );
  }
  const instancesStart = timed ? performance.now() : 0;
  if (timed) stageTimes.decode += instancesStart - decodeStart;
  const { instances, diagnostics } = instancesFromRuns({
    width,
    height,
    classRuns,
    ...(objectRuns === undefined ? {} : { objectRuns }),
    labelmap,
    connectivity,
    grouping,
    sampleId: ref.id,
    file: classFile,
  });
  if (timed) stageTimes.instances += performance.now() - instancesStart;
  for (const diagnostic of diagnostics) report({ ...diagnostic, file: classFile });
  return { id: ref.id, subset: ref.subset, width, height, ...image, instances };
}

async function existingFolder(files: FileSource, path: string): Promise<string | undefined> {
  return (await files.kind(path)) === "folder" ? path : undefined;
}
