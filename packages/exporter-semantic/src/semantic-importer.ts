/**
 * Importer `semantic`: the `semantic` exporter's layout — `labelmap.txt`, `masks/<id>.png`
 * (gray class ids), optional `instances/<id>.png`, `images/<id>.<ext>`, `splits/<subset>.txt`.
 */
import { readFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { checkSampleId, MaskportError, parseLabelmap } from "@maskport/core";
import type { Dataset, Importer } from "@maskport/core";
import { indexImages, listFiles, matchImage, pathKind, stripExtension } from "@maskport/core/node";
import { connectivityOf, indexDataset, loadIndexSample, type IndexRef } from "./load-index-sample.ts";
import { IMAGES_DIR, INSTANCES_DIR, MASKS_DIR, SPLITS_DIR } from "./semantic-format.ts";

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
  async detect(input) {
    const root = rootOf(input);
    return (await pathKind(join(root, "labelmap.txt"))) === "file" && (await pathKind(join(root, MASKS_DIR))) === "folder";
  },
  async read(input, options, context): Promise<Dataset<IndexRef>> {
    const connectivity = connectivityOf(options.connectivity, "semantic");
    const root = rootOf(input);
    const labelmapFile = join(root, "labelmap.txt");
    if ((await pathKind(labelmapFile)) !== "file") throw new MaskportError("LABELMAP_MISSING", "no labelmap.txt in the semantic dataset", { file: labelmapFile });
    const labelmap = parseLabelmap(await readFile(labelmapFile, "utf8"), labelmapFile);
    const load = async (ref: IndexRef) => loadIndexSample(ref, labelmap, connectivity, context);
    if (context.purpose === "load") return { labelmap, subsets: ["default"], async *refs() {}, load };

    const masksDir = join(root, MASKS_DIR);
    if ((await pathKind(masksDir)) !== "folder") throw new MaskportError("INPUT_NOT_FOUND", "no masks/ folder in the semantic dataset", { file: masksDir });
    const masks = new Map((await listFiles(masksDir, (name) => name.toLowerCase().endsWith(".png"))).map((file) => [stripExtension(file), file]));
    const instancesDir = join(root, INSTANCES_DIR);
    const instances = (await pathKind(instancesDir)) === "folder" ? new Set(await listFiles(instancesDir, (name) => name.toLowerCase().endsWith(".png"))) : new Set<string>();
    const imagesDir = context.images ?? join(root, IMAGES_DIR);
    const images = (await pathKind(imagesDir)) === "folder" ? await indexImages(imagesDir) : undefined;
    const { subsets, order } = await readSplits(join(root, SPLITS_DIR), [...masks.keys()], context);
    const refs: IndexRef[] = [];
    for (const { id, subset } of order) {
      const mask = masks.get(id);
      if (mask === undefined) {
        const splitFile = join(root, SPLITS_DIR, `${subset}.txt`);
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
    return indexDataset(labelmap, subsets, refs, load, { message: "the semantic dataset has no masks", file: masksDir });
  },
};

// --- internal ---

function rootOf(input: string): string {
  return basename(input) === "labelmap.txt" ? dirname(input) : input;
}

/** Subsets and sample order from `splits/*.txt`; without them, one `default` subset in path order. */
async function readSplits(dir: string, ids: readonly string[], context: { report: Parameters<Importer["read"]>[2]["report"] }): Promise<{ subsets: string[]; order: { id: string; subset: string }[] }> {
  const files = (await pathKind(dir)) === "folder" ? (await listFiles(dir, (name) => name.endsWith(".txt"))).filter((file) => !file.includes("/")) : [];
  if (files.length === 0) return { subsets: ["default"], order: ids.map((id) => ({ id, subset: "default" })) };
  const subsets: string[] = [];
  const order: { id: string; subset: string }[] = [];
  const listed = new Set<string>();
  for (const file of files) {
    const subset = checkSampleId(file.slice(0, -".txt".length), { file: join(dir, file), entry: "subset (from the file name)", plugin: "semantic" });
    subsets.push(subset);
    const lines = (await readFile(join(dir, file), "utf8")).split("\n");
    for (let index = 0; index < lines.length; index++) {
      const id = (lines[index] as string).trim();
      if (id === "" || listed.has(id)) continue;
      // Ids become output paths: `../x` or `/etc/passwd` is the list's fault, refused now.
      checkSampleId(id, { file: join(dir, file), line: index + 1, entry: "sample id", plugin: "semantic" });
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
