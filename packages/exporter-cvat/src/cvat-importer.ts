/**
 * Importer `cvat`: reads CVAT for images 1.1 `annotations.xml` (a file, or a folder holding
 * it). `<mask>` and `<polygon>` shapes become instances; other shapes are reported as skipped.
 */
import { existsSync } from "node:fs";
import { open, readFile, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { API_VERSION, MaskportError } from "@maskport/core";
import type { Dataset, ImageRef, Importer, ImportContext, Instance, Labelmap, Sample } from "@maskport/core";
import { ANNOTATIONS_FILE } from "./cvat-format.ts";
import { labelmapFromCvatLabels } from "./cvat-labelmap.ts";
import { findRawImage, indexRawImages, type RawImageIndex } from "./find-raw-image.ts";
import { cropUnion, decodeMaskShape, decodePolygon, parsePoints, type PlacedBitmap, type ShapeLocation } from "./decode-cvat-shape.ts";
import { parseCvatXml, type CvatXmlImage } from "./parse-cvat-xml.ts";

/** Options of the `cvat` importer (none yet). */
export type CvatImporterOptions = Record<never, never>;

/** The `cvat` importer (CVAT for images 1.1 XML). */
export const cvatImporter: Importer<CvatImporterOptions> = {
  apiVersion: API_VERSION,
  kind: "importer",
  name: "cvat",
  description: "CVAT for images 1.1 XML (annotations.xml): <mask> and <polygon> shapes",
  options: {},

  async detect(input) {
    try {
      const file = await annotationsFile(input);
      if (file === undefined) return false;
      const head = await readHead(file, 4096);
      return /<annotations[\s>]/.test(head) && /<version>|<meta>|<image[\s>]/.test(head);
    } catch {
      return false;
    }
  },

  async read(input, _options, context) {
    const file = await annotationsFile(input);
    if (file === undefined) {
      throw new MaskportError("INPUT_NOT_FOUND", `no ${ANNOTATIONS_FILE} here`, { file: input, hint: "Pass the XML file or the folder that holds it." });
    }
    const images = context.images === undefined ? undefined : await indexRawImages(context.images);
    return readCvatXml(await readFile(file, "utf8"), file, context, images);
  },
};

/**
 * A dataset over annotations.xml text (`images`: an index of the `--images` folder). The XML is parsed whole (text only); pixels are
 * decoded per sample in `load`. Instances may overlap (CVAT shapes do): each shape, or group
 * of shapes sharing a non-zero group_id, is its own instance, in CVAT's paint order (stable
 * by z_order), so the `mask` exporter paints them as CVAT would.
 */
export function readCvatXml(text: string, file: string, context: ImportContext, images?: RawImageIndex): Dataset<number> {
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
  const root = dirname(file);
  const entries = xml.images.map((image, index) => describeImage(image, index, xml.subset, file));
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
      const image = findRawImage(entry.name, entry.subset, root, images);
      const sample: Sample = {
        id: entry.id,
        subset: entry.subset,
        width: entry.width,
        height: entry.height,
        ...(image === undefined ? {} : { image }),
        instances: decodeInstances(xml.images[ref] as CvatXmlImage, entry, labelmap, file, context),
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

const READ_KINDS = new Set(["mask", "polygon"]);

/** The first `bytes` bytes of a file as text (detection must not read a large XML whole). */
async function readHead(file: string, bytes: number): Promise<string> {
  const handle = await open(file, "r");
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead).toString("utf8");
  } finally {
    await handle.close();
  }
}

async function annotationsFile(input: string): Promise<string | undefined> {
  const info = await stat(input).catch(() => undefined);
  if (info === undefined) return undefined;
  if (info.isFile()) return input;
  const inside = join(input, ANNOTATIONS_FILE);
  return existsSync(inside) ? inside : undefined;
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
  return { id, name, subset: attributes.subset ?? metaSubset ?? "default", width: size("width"), height: size("height"), where };
}

interface Member {
  readonly label: number;
  readonly zOrder: number;
  readonly group: number;
  readonly order: number;
  readonly placed: PlacedBitmap;
}

function decodeInstances(image: CvatXmlImage, entry: ImageEntry, labelmap: Labelmap, file: string, context: ImportContext): Instance[] {
  const labelIds = new Map(labelmap.labels.map((label) => [label.name, label.id]));
  const where: ShapeLocation = { file, image: entry.where };
  const skipped = new Map<string, number>();
  const members: Member[] = [];
  const report = (message: string): void => context.report({ severity: "warning", code: "INSTANCE_DROPPED", sampleId: entry.id, file, message });
  image.shapes.forEach((shape, order) => {
    if (!READ_KINDS.has(shape.kind)) {
      skipped.set(shape.kind, (skipped.get(shape.kind) ?? 0) + 1);
      return;
    }
    const labelName = shape.attributes.label ?? "";
    const label = labelIds.get(labelName);
    if (label === undefined) {
      report(`${entry.where}: <${shape.kind}> has label "${labelName}", which <meta> does not declare; skipped`);
      return;
    }
    let placed: PlacedBitmap;
    if (shape.kind === "mask") placed = decodeMaskShape(shape.attributes, where);
    else {
      const points = parsePoints(shape.attributes.points ?? "", where);
      if (points.length < 3) {
        report(`${entry.where}: <polygon label="${labelName}"> has ${points.length} point(s), a polygon needs 3; skipped`);
        return;
      }
      placed = decodePolygon(points, entry.width, entry.height);
    }
    const zOrder = Number.parseInt(shape.attributes.z_order ?? "0", 10);
    const group = Number.parseInt(shape.attributes.group_id ?? "0", 10);
    members.push({ label, zOrder: Number.isFinite(zOrder) ? zOrder : 0, group: Number.isFinite(group) ? group : 0, order, placed });
  });
  for (const [kind, count] of skipped) {
    context.report({
      severity: "warning",
      code: "SHAPE_SKIPPED",
      sampleId: entry.id,
      file,
      message: `${entry.where}: ${count} <${kind}> shape(s) skipped: maskport reads <mask> and <polygon> only`,
    });
  }

  // CVAT paints in z_order, stably; a group is one instance at its first member's place.
  members.sort((a, b) => a.zOrder - b.zOrder || a.order - b.order);
  const groups: Member[][] = [];
  const byGroup = new Map<number, Member[]>();
  for (const member of members) {
    if (member.group === 0) groups.push([member]);
    else {
      let group = byGroup.get(member.group);
      if (group === undefined) {
        group = [];
        byGroup.set(member.group, group);
        groups.push(group);
      }
      group.push(member);
    }
  }

  const instances: Instance[] = [];
  for (const group of groups) {
    const crop = cropUnion(
      group.map((member) => member.placed),
      entry.width,
      entry.height,
    );
    if (crop === undefined) {
      report(`${entry.where}: a shape of label "${labelmap.labels.find((l) => l.id === group[0]?.label)?.name ?? ""}" covers no pixel of the image; skipped`);
      continue;
    }
    instances.push({ label: largestMemberLabel(group, entry), instanceId: instances.length + 1, ...crop });
  }
  return instances;
}

/** CVAT's MergeInstanceSegments: the group takes the label of its largest member. */
function largestMemberLabel(group: readonly Member[], entry: ImageEntry): number {
  if (group.length === 1) return (group[0] as Member).label;
  let best = group[0] as Member;
  let bestArea = -1;
  for (const member of group) {
    const area = cropUnion([member.placed], entry.width, entry.height)?.area ?? 0;
    if (area > bestArea) {
      best = member;
      bestArea = area;
    }
  }
  return best.label;
}
