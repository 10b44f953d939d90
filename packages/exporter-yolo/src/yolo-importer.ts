/**
 * The `yolo` importer: reads an Ultralytics YOLO-seg dataset (data.yaml, split lists or
 * folders, labels/…txt) back into samples, decoding each line exactly as Ultralytics does
 * at native resolution (float32 × size, int32 truncation, fillPoly). A sample's `imageName` is
 * its listed image's path below the split folder (`scans/Y1.jpg`), whether or not it exists.
 */
import { checkDeclaredFrame, checkSampleId, fileNamer, fileSourceOf, isMaskportError, jpegOrientation, MaskportError, namedSource, paths, readImageInfo, readText, resolveFrom, vocColor } from "@maskport/core";
import type { Dataset, FileSource, ImportContext, Importer, Instance, Labelmap, Sample } from "@maskport/core";
import { parseYoloLabel } from "./parse-yolo-label.ts";
import { toInstance } from "./polygon-to-instance.ts";
import { readDataYaml } from "./read-data-yaml.ts";
import { IMAGE_EXTENSIONS } from "./yolo-format.ts";
import type { YoloSplit } from "./yolo-format.ts";

/** Options of the `yolo` importer. */
export interface YoloImportOptions {
  /** Image width in pixels to assume when an image file is missing (0: the image must exist). */
  readonly width: number;
  /** Image height in pixels to assume when an image file is missing (0: the image must exist). */
  readonly height: number;
}

/** A sample of a YOLO dataset before loading: plain data, so workers can load it. */
export interface YoloRef {
  readonly id: string;
  readonly split: YoloSplit;
  /** Absolute image path as listed (the file may be missing). */
  readonly image: string;
  /** Absolute label path, derived from the image path the way Ultralytics does. */
  readonly label: string;
  /** File name relative to the split's image folder (`scans/Y1.jpg`). */
  readonly fileName: string;
}

/** The `yolo` importer object. */
export const yoloImporter: Importer<YoloImportOptions> = Object.freeze<Importer<YoloImportOptions>>({
  apiVersion: 1,
  kind: "importer",
  name: "yolo",
  description: "Ultralytics YOLO segmentation (data.yaml + labels/*.txt), decoded as Ultralytics decodes it",
  options: {
    width: { description: "image width (px) to assume when an image file is missing; 0 = image required", default: 0 },
    height: { description: "image height (px) to assume when an image file is missing; 0 = image required", default: 0 },
  },
  async detect(input, source) {
    try {
      const files = fileSourceOf({ files: source });
      const file = await findDataYaml(files, input);
      if (file === undefined) return false;
      const text = await readText(files, file);
      return /^(names|nc)\s*:/m.test(text) && /^train\s*:/m.test(text);
    } catch {
      return false;
    }
  },
  async read(input, options, context) {
    const files = fileSourceOf(context);
    const name = fileNamer(context);
    const file = await findDataYaml(files, input);
    if (file === undefined) {
      throw new MaskportError("INPUT_NOT_FOUND", "no data.yaml here", { file: name(input), plugin: "yolo", hint: "Point at a YOLO dataset folder or its data.yaml." });
    }
    const data = await readDataYaml(file, files, name);
    for (const message of data.warnings) context.report({ severity: "warning", code: "INVALID_INPUT", file: name(file), message: `YAML: ${message}` });
    const labelmap = labelmapOf(data.names);
    const refs: YoloRef[] = [];
    const seen = new Set<string>();
    for (const { split, images } of data.splits) {
      let repeated = 0;
      for (const image of images) {
        // data.yaml may point val at the train list (maskport does when val is empty): keep the first.
        if (seen.has(image)) {
          repeated++;
          continue;
        }
        seen.add(image);
        const fileName = fileNameOf(image, data.root);
        // Ids become output paths; one that is not a plain relative name (`a\b` on Linux, `D:/x` across drives) is the list's fault.
        const id = checkSampleId(stemOf(fileName), { file: name(file), entry: `${split} image`, name: image, plugin: "yolo" });
        refs.push({ id, split, image, label: labelPathOf(image), fileName });
      }
      // A split that repeats an earlier one whole (val: train.txt, as maskport writes when val is empty) is no surprise.
      if (repeated > 0 && repeated < images.length) context.report({ severity: "warning", code: "INVALID_INPUT", file: name(file), message: `${repeated} image(s) of ${split} are also in an earlier split; read once, in the first` });
    }
    return yoloDataset(labelmap, [...new Set(refs.map((r) => r.split))], refs, data.names.length, options, context, namedSource(files, name));
  },
});

// --- internal ---

/** Width and height in pixels. */
interface ImageSize {
  readonly width: number;
  readonly height: number;
}

/** @param files what to read through, `show` naming files as messages do ({@link fileNamer}) */
function yoloDataset(labelmap: Labelmap, subsets: YoloSplit[], refs: readonly YoloRef[], classCount: number, options: Readonly<YoloImportOptions>, context: ImportContext, files: FileSource): Dataset<YoloRef> {
  const name = (path: string): string => files.show(path);
  return {
    labelmap,
    subsets: subsets.length > 0 ? subsets : ["train"],
    size: refs.length,
    async *refs() {
      yield* refs;
    },
    async load(ref) {
      const found = (await files.kind(ref.image)) === "file";
      const size = await sizeOf(files, ref, found, options, context);
      const text = await readText(files, ref.label).catch((error: { code?: string }) => {
        if (error.code === "ENOENT") return ""; // Ultralytics: no label file = background image
        throw new MaskportError("INPUT_NOT_FOUND", `cannot read label file: ${String(error)}`, { file: name(ref.label), plugin: "yolo", cause: error });
      });
      const polygons = parseYoloLabel(text, name(ref.label), classCount, size.width, size.height, context.report);
      const instances: Instance[] = [];
      for (const polygon of polygons) {
        const instance = toInstance(polygon, instances.length + 1, size);
        if (instance === undefined) {
          context.report({ severity: "warning", code: "INSTANCE_DROPPED", file: name(ref.label), sampleId: ref.id, message: `${name(ref.label)}:${polygon.line}: polygon lies entirely outside the ${size.width}×${size.height} image` });
          continue;
        }
        instances.push(instance);
      }
      const sample: Sample = {
        id: ref.id,
        subset: ref.split,
        width: size.width,
        height: size.height,
        imageName: ref.fileName,
        ...(found ? { image: { path: ref.image, fileName: ref.fileName } } : {}),
        instances,
      };
      return sample;
    },
  };
}

/** Background (id 0, black) plus one label per YOLO class, class i → label id i + 1, VOC colours. */
function labelmapOf(names: readonly string[]): Labelmap {
  const background = names.includes("background") ? "_background_" : "background";
  return {
    labels: [
      { id: 0, name: background, color: [0, 0, 0], parts: [], actions: [] },
      ...names.map((name, i) => ({ id: i + 1, name, color: vocColor(i + 1), parts: [], actions: [] })),
    ],
    backgroundId: 0,
    dialect: "index",
  };
}

/** @param files `show` names files as messages do */
async function sizeOf(files: FileSource, ref: YoloRef, found: boolean, options: Readonly<YoloImportOptions>, context: ImportContext): Promise<ImageSize> {
  if (found) {
    const size = await orientedSize(files, ref.image);
    if (size !== undefined) return size;
    if (options.width <= 0 || options.height <= 0) {
      throw new MaskportError("INVALID_INPUT", "cannot read the image size from its header (PNG, JPEG, GIF and BMP are read)", { file: files.show(ref.image), plugin: "yolo", hint: "Pass the size: --yolo.width=<px> --yolo.height=<px>." });
    }
  }
  if (!found && context.images !== undefined) {
    for (const extension of IMAGE_EXTENSIONS) {
      const candidate = paths.join(context.images, `${ref.id}.${extension}`);
      // A missing candidate is skipped; one whose header is refused (IMAGE_TOO_LARGE) is not.
      const size = await orientedSize(files, candidate).catch((error: unknown) => {
        if (isMaskportError(error)) throw error;
        return undefined;
      });
      if (size !== undefined) return size;
    }
  }
  if (options.width > 0 && options.height > 0) {
    // Image headers are checked as they are read (readImageSize); a size given as options is checked here.
    checkDeclaredFrame(options.width, options.height, { file: files.show(ref.label), entry: "the assumed image size (--yolo.width and --yolo.height)", plugin: "yolo" });
    return { width: options.width, height: options.height };
  }
  throw new MaskportError("INPUT_NOT_FOUND", `image not found, so its size is unknown (label ${files.show(ref.label)})`, {
    file: files.show(ref.image),
    plugin: "yolo",
    sampleId: ref.id,
    hint: "Put the images where the list says, pass --images <folder>, or give the size: --yolo.width=<px> --yolo.height=<px>.",
  });
}

/**
 * The size Ultralytics normalises by: header size, width and height swapped for EXIF orientation 6 or 8 (exif_size).
 * @param files `show` names the file in IMAGE_TOO_LARGE
 */
async function orientedSize(files: FileSource, file: string): Promise<ImageSize | undefined> {
  const { format, size } = await readImageInfo(files, file);
  if (size === undefined) return undefined;
  // Only a JPEG has an EXIF orientation (the reader gives none for any other file).
  const orientation = format === "JPEG" ? jpegOrientation(await files.read(file, EXIF_HEAD_BYTES)) : undefined;
  return orientation === 6 || orientation === 8 ? { width: size.height, height: size.width } : size;
}

/** How much of a JPEG holds its EXIF orientation: APP1 is at most 64 KiB (as core's readJpegOrientation reads). */
const EXIF_HEAD_BYTES = 65_600;

async function findDataYaml(files: FileSource, input: string): Promise<string | undefined> {
  const kind = await files.kind(input);
  if (kind === undefined) return undefined;
  if (kind === "file") return /\.ya?ml$/i.test(input) ? input : undefined;
  for (const name of ["data.yaml", "data.yml"]) {
    const file = paths.join(input, name);
    if ((await files.kind(file)) === "file") return file;
  }
  return undefined;
}

/** Ultralytics' img2label_paths: the last `/images/` becomes `/labels/`, the extension `.txt`. */
function labelPathOf(image: string): string {
  const at = image.lastIndexOf("/images/");
  const swapped = at < 0 ? image : `${image.slice(0, at)}/labels/${image.slice(at + "/images/".length)}`;
  const dot = swapped.lastIndexOf(".");
  return `${dot > swapped.lastIndexOf("/") ? swapped.slice(0, dot) : swapped}.txt`;
}

/** The image's path below `images/<split>/` (or `<split>/images/`), else below the root, with `/`. */
function fileNameOf(image: string, root: string): string {
  const rel = paths.relative(root, image);
  if (rel.startsWith("../") || rel === "" || resolveFrom(root, rel) !== paths.normalize(image)) return paths.basename(image);
  const match = /^images\/[^/]+\/(.+)$/.exec(rel) ?? /^[^/]+\/images\/(.+)$/.exec(rel);
  return match?.[1] ?? rel;
}

function stemOf(fileName: string): string {
  const dot = fileName.lastIndexOf(".");
  return dot > fileName.lastIndexOf("/") ? fileName.slice(0, dot) : fileName;
}
