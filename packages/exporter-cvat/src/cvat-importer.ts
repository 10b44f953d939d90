/**
 * Importer `cvat`: reads CVAT for images 1.1 `annotations.xml` (a file, or a folder holding
 * it). `<mask>` and `<polygon>` shapes become instances; other shapes are reported as skipped.
 */
import { checkDeclaredFrame, checkSampleId, fileNamer, fileSourceOf, indexImages, MaskportError, pathExists, paths, readText, type ImageIndex } from "@maskport/core";
import type { Dataset, FileSource, Importer, ImportContext, Sample } from "@maskport/core";
import { ANNOTATIONS_FILE } from "./cvat-format.ts";
import { labelmapFromCvatLabels } from "./cvat-labelmap.ts";
import { fastXml } from "./fast-xml.ts";
import { findRawImage } from "./find-raw-image.ts";
import { decodeImageInstances } from "./decode-image-instances.ts";
import { parseCvatXml, type CvatXmlImage } from "./parse-cvat-xml.ts";

/** Options of the `cvat` importer (none yet). */
export type CvatImporterOptions = Record<never, never>;

/** The `cvat` importer (CVAT for images 1.1 XML). */
export const cvatImporter: Importer<CvatImporterOptions> = {
  apiVersion: 1,
  kind: "importer",
  name: "cvat",
  description: "CVAT for images 1.1 XML (annotations.xml): <mask> and <polygon> shapes",
  options: {},

  async detect(input, sourceFiles) {
    try {
      const files = fileSourceOf({ files: sourceFiles });
      const file = await annotationsFile(files, input);
      if (file === undefined) return false;
      // The first bytes only: detection must not read a large XML whole.
      const head = new TextDecoder("utf-8", { ignoreBOM: true }).decode(await files.read(file, 4096));
      return /<annotations[\s>]/.test(head) && /<version>|<meta>|<image[\s>]/.test(head);
    } catch {
      return false;
    }
  },

  async read(input, _options, context) {
    const files = fileSourceOf({ files: context.files });
    const file = await annotationsFile(files, input);
    if (file === undefined) {
      throw new MaskportError("INPUT_NOT_FOUND", `no ${ANNOTATIONS_FILE} here`, { file: fileNamer({ files: context.files })(input), hint: "Pass the XML file or the folder that holds it." });
    }
    const images = context.images === undefined ? undefined : await indexImages(files, context.images);
    const text = await readText(files, file);
    await fastXml.load(); // the XML parser: a browser imports it here, Node requires it when first used
    return readCvatXml(text, file, context, images);
  },
};

/**
 * A dataset over annotations.xml text (`images`: an index of the `--images` folder). The XML is parsed whole (text only); pixels are
 * decoded per sample in `load`. Instances may overlap (CVAT shapes do): each shape, or group
 * of shapes sharing a non-zero group_id, is its own instance, in CVAT's paint order (stable
 * by z_order), so the `mask` exporter paints them as CVAT would. A sample's `imageName` is
 * its `<image name>`, whether or not the raw image is found. An `<image>` wider or taller than
 * 2³¹ (INVALID_INPUT) or with more pixels than the limit (IMAGE_TOO_LARGE) is refused here.
 * Raw images are looked for through `context.files` (see `fileSourceOf`); messages name `file`
 * as that source shows it, or as given when there is none. Outside Node, call it after the
 * importer's `read` has loaded the XML parser (or `read` instead).
 */
export function readCvatXml(text: string, path: string, context: ImportContext, images?: ImageIndex): Dataset<number> {
  const file = fileNamer({ files: context.files })(path);
  const xml = parseCvatXml(text, file);
  const labelmap = labelmapFromCvatLabels(xml.labels, file);
  if (xml.tracks > 0) {
    context.report({
      severity: "warning",
      code: "SHAPE_SKIPPED",
      file,
      message: `${xml.tracks} <track> element(s) skipped: maskport reads the shapes of CVAT for images, not interpolation tracks`,
    });
  }
  const root = paths.dirname(path);
  const entries = xml.images.map((image, index) => describeImage(image, index, xml.subset, file));
  // Two <image>s that give one sample id (in one subset) would write one output twice: refused, as the coco importer does.
  const seen = new Map<string, ImageEntry>();
  for (const entry of entries) {
    const key = `${entry.subset}\u0000${entry.id}`;
    const other = seen.get(key);
    if (other !== undefined) throw new MaskportError("INVALID_INPUT", `${other.where} and ${entry.where} give the same sample id "${entry.id}"${entry.subset === "" ? "" : ` in subset "${entry.subset}"`}`, { file });
    seen.set(key, entry);
  }
  const subsets = [...new Set(entries.map((entry) => entry.subset))];
  return {
    labelmap,
    subsets: subsets.length > 0 ? subsets : ["default"],
    size: entries.length,
    async *refs() {
      for (let i = 0; i < entries.length; i++) yield i;
    },
    async load(ref) {
      const entry = entries[ref];
      if (entry === undefined) throw new RangeError(`no sample ${ref}`);
      const image = await findRawImage(fileSourceOf(context), entry.name, entry.subset, root, images);
      const sample: Sample = {
        id: entry.id,
        subset: entry.subset,
        width: entry.width,
        height: entry.height,
        // The frame's own name, found or not; a frame without one names no image.
        ...(xml.images[ref]?.attributes.name === undefined ? {} : { imageName: entry.name }),
        ...(image === undefined ? {} : { image }),
        instances: decodeImageInstances(xml.images[ref] as CvatXmlImage, entry, labelmap, file, context),
      };
      return sample;
    },
  };
}

// --- internal ---

interface ImageEntry {
  readonly id: string;
  readonly name: string;
  readonly subset: string;
  readonly width: number;
  readonly height: number;
  readonly where: string;
}

/** `input` when it is a file, else the annotations.xml in it (anything by that name, as Node's existsSync), or undefined. */
async function annotationsFile(files: FileSource, input: string): Promise<string | undefined> {
  const kind = await files.kind(input);
  if (kind === undefined) return undefined;
  if (kind === "file") return input;
  const inside = paths.join(input, ANNOTATIONS_FILE);
  return (await pathExists(files, inside)) ? inside : undefined;
}

function describeImage(image: CvatXmlImage, index: number, metaSubset: string | undefined, file: string): ImageEntry {
  const { attributes } = image;
  const name = attributes.name ?? `frame_${String(index).padStart(6, "0")}.png`;
  const where = `image "${name}" (id ${attributes.id ?? index})`;
  const size = (key: "width" | "height"): number => {
    const value = Number(attributes[key]);
    if (attributes[key] === undefined || !Number.isInteger(value) || value <= 0) {
      throw new MaskportError("INVALID_INPUT", `${where} has ${key}="${attributes[key] ?? ""}", expected a positive integer`, { file });
    }
    return value;
  };
  const slash = name.lastIndexOf("/");
  const dot = name.lastIndexOf(".");
  const id = dot > slash + 1 ? name.slice(0, dot) : name;
  const subset = attributes.subset ?? metaSubset ?? "default";
  // Names become output paths: one that climbs out (`../../a.png`) or is absolute is the input's fault, refused now.
  const tag = `<image id="${attributes.id ?? index}">`;
  checkSampleId(id, { file, entry: `${tag} name`, name });
  if (subset !== "") checkSampleId(subset, { file, entry: `${tag} subset` });
  const width = size("width");
  const height = size("height");
  // Refused when the XML is read, before any shape is decoded: every shape's raster lies inside the frame.
  checkDeclaredFrame(width, height, { file, entry: where });
  return { id, name, subset, width, height, where };
}
