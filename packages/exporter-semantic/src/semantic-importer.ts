/**
 * Importer `semantic`: the `semantic` exporter's layout — `labelmap.txt`, `masks/<id>.png`
 * (gray class ids), optional `instances/<id>.png`, `images/<id>.<ext>`, `splits/<subset>.txt`.
 */
import { checkSampleId, fileNamer, fileSourceOf, indexImages, listFiles, MaskportError, matchImage, parseLabelmap, paths, readText, stripExtension } from "@maskport/core";
import type { Dataset, FileSource, Importer } from "@maskport/core";
import { connectivityOf, indexDataset, loadIndexSample, type IndexRef } from "./load-index-sample.ts";
import { IMAGES_DIR, INSTANCES_DIR, MASKS_DIR, SPLITS_DIR } from "./semantic-format.ts";

const { basename, dirname, join } = paths;

/** Options of the `semantic` importer. */
export interface SemanticImporterOptions {
  /** 8 or 4: pixel connectivity of instances made from connected components (no instance masks). */
  readonly connectivity: number;
}

/** The `semantic` importer. */
export const semanticImporter: Importer<SemanticImporterOptions> = {
  apiVersion: 1,
  kind: "importer",
  name: "semantic",
  description: "Index masks as the semantic exporter writes them: labelmap.txt, masks/ (and instances/, images/, splits/)",
  options: {
    connectivity: { description: "Pixel connectivity (8 or 4) of instances made from connected components, when there are no instance masks", default: 8 },
  },
  async detect(input, sourceFiles) {
    const files = fileSourceOf({ files: sourceFiles });
    const root = rootOf(input);
    return (await files.kind(join(root, "labelmap.txt"))) === "file" && (await files.kind(join(root, MASKS_DIR))) === "folder";
  },
  async read(input, options, context): Promise<Dataset<IndexRef>> {
    const connectivity = connectivityOf(options.connectivity, "semantic");
    const files = fileSourceOf({ files: context.files });
    const name = fileNamer({ files: context.files });
    const root = rootOf(input);
    const labelmapFile = join(root, "labelmap.txt");
    if ((await files.kind(labelmapFile)) !== "file") throw new MaskportError("LABELMAP_MISSING", "no labelmap.txt in the semantic dataset", { file: name(labelmapFile) });
    const labelmap = parseLabelmap(await readText(files, labelmapFile), name(labelmapFile));
    const load = async (ref: IndexRef) => loadIndexSample(ref, labelmap, connectivity, context);
    if (context.purpose === "load") return { labelmap, subsets: ["default"], async *refs() {}, load };

    const masksDir = join(root, MASKS_DIR);
    if ((await files.kind(masksDir)) !== "folder") throw new MaskportError("INPUT_NOT_FOUND", "no masks/ folder in the semantic dataset", { file: name(masksDir) });
    const masks = new Map((await listFiles(files, masksDir, (file) => file.toLowerCase().endsWith(".png"))).map((file) => [stripExtension(file), file]));
    const instancesDir = join(root, INSTANCES_DIR);
    const instances = (await files.kind(instancesDir)) === "folder" ? new Set(await listFiles(files, instancesDir, (file) => file.toLowerCase().endsWith(".png"))) : new Set<string>();
    const imagesDir = context.images ?? join(root, IMAGES_DIR);
    const images = (await files.kind(imagesDir)) === "folder" ? await indexImages(files, imagesDir) : undefined;
    const { subsets, order } = await readSplits(files, name, join(root, SPLITS_DIR), [...masks.keys()], context);
    const refs: IndexRef[] = [];
    for (const { id, subset } of order) {
      const mask = masks.get(id);
      if (mask === undefined) {
        const splitFile = name(join(root, SPLITS_DIR, `${subset}.txt`));
        context.report({ severity: "warning", code: "INVALID_INPUT", file: splitFile, sampleId: id, message: `${id} is listed in ${splitFile} but has no mask; skipped` });
        continue;
      }
      const image = images === undefined ? undefined : matchImage(images, id);
      refs.push({
        id,
        subset,
        mask: join(masksDir, mask),
        ...(instances.has(mask) ? { instances: join(instancesDir, mask) } : {}),
        ...(image === undefined ? {} : { image }),
      });
    }
    return indexDataset(labelmap, subsets, refs, load, { message: "the semantic dataset has no masks", file: name(masksDir) });
  },
};

// --- internal ---

function rootOf(input: string): string {
  return basename(input) === "labelmap.txt" ? dirname(input) : input;
}

/** Subsets and sample order from `splits/*.txt`; without them, one `default` subset in path order. */
async function readSplits(
  files: FileSource,
  name: (path: string) => string,
  dir: string,
  ids: readonly string[],
  context: { report: Parameters<Importer["read"]>[2]["report"] },
): Promise<{ subsets: string[]; order: { id: string; subset: string }[] }> {
  const lists = (await files.kind(dir)) === "folder" ? (await listFiles(files, dir, (file) => file.endsWith(".txt"))).filter((file) => !file.includes("/")) : [];
  if (lists.length === 0) return { subsets: ["default"], order: ids.map((id) => ({ id, subset: "default" })) };
  const subsets: string[] = [];
  const order: { id: string; subset: string }[] = [];
  const listed = new Set<string>();
  for (const list of lists) {
    const shown = name(join(dir, list));
    const subset = checkSampleId(list.slice(0, -".txt".length), { file: shown, entry: "subset (from the file name)", plugin: "semantic" });
    subsets.push(subset);
    const lines = (await readText(files, join(dir, list))).split("\n");
    for (let index = 0; index < lines.length; index++) {
      const id = (lines[index] as string).trim();
      if (id === "" || listed.has(id)) continue;
      // Ids become output paths: `../x` or `/etc/passwd` is the list's fault, refused now.
      checkSampleId(id, { file: shown, line: index + 1, entry: "sample id", plugin: "semantic" });
      listed.add(id);
      order.push({ id, subset });
    }
  }
  const unlisted = ids.filter((id) => !listed.has(id));
  if (unlisted.length > 0) {
    context.report({ severity: "warning", code: "INVALID_INPUT", message: `${unlisted.length} mask(s) are in no ${SPLITS_DIR}/*.txt list and are ignored (first: ${unlisted[0]})` });
  }
  return { subsets, order };
}
