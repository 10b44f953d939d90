import { basename, dirname, join, relative } from "../files/paths.ts";
import type { FileSource } from "../files/file-source.ts";
import { isMaskportError, MaskportError } from "../errors.ts";
import { listFiles, listFolders, MASK_EXTENSION } from "../files/list-files.ts";

/**
 * The mask layouts `readMaskDataset` reads:
 * - `segmentation-mask-1.1`: CVAT's export (`SegmentationClass/`, `SegmentationObject/`, `ImageSets/Segmentation/*.txt`);
 * - `class-object-folders`: the published-dataset layout, a folder whose name contains `CLASS`
 *   and optionally one containing `OBJECT` (any case), beside `labelmap.txt`;
 * - `class-object-pairs`: `<stem>_CLASS_.png` / `<stem>_OBJECT_.png` pairs in one folder tree;
 * - `class-only`: a folder of class masks.
 */
export type MaskLayoutKind = "segmentation-mask-1.1" | "class-object-folders" | "class-object-pairs" | "class-only";

/** A detected layout. Paths are absolute. */
export interface MaskLayout {
  readonly kind: MaskLayoutKind;
  /** The dataset folder: the one the user named, or the export found inside it. */
  readonly root: string;
  /** `labelmap.txt`, when found. */
  readonly labelmapFile: string | undefined;
  /** Folder of class masks (for pairs: the folder holding the pairs). */
  readonly classDir: string;
  /** Folder of object masks, when the layout has one. */
  readonly objectDir: string | undefined;
}

/**
 * Works out which mask layout `input` (a dataset folder, or its `labelmap.txt`) holds.
 * The labelmap is looked for in the folder, then in exactly one sub-folder (e.g.
 * `segmentation_mask/labelmap.txt`), then, for a folder of class masks, in its parent.
 * An export deeper down (a repository with `labelmap.txt` at the top and
 * `data/cheetah/SegmentationClass/`, `…/SegmentationObject/`) is found from where its masks
 * are, rather than read as class masks only; its own labelmap.txt wins over the one above it.
 * @throws MaskportError INPUT_NOT_FOUND; UNKNOWN_INPUT_FORMAT (nothing recognisable, or several
 *   candidates: the message lists them); OBJECT_WITHOUT_CLASS for an OBJECT folder without a CLASS
 *   folder. {@link isMaskLayoutError} tells which of them still mean "a mask dataset, laid out wrongly".
 */
export async function detectMaskLayout(files: FileSource, input: string): Promise<MaskLayout> {
  let root = files.resolve(input);
  const kind = await files.kind(root);
  if (kind === undefined) throw new MaskportError("INPUT_NOT_FOUND", "no such file or folder", { file: input });
  if (kind === "file") {
    if (basename(root) !== "labelmap.txt") {
      throw new MaskportError("UNKNOWN_INPUT_FORMAT", "expected a dataset folder (or its labelmap.txt), not a file", { file: input });
    }
    root = dirname(root);
  }
  const here = join(root, "labelmap.txt");
  if ((await files.kind(join(root, "SegmentationClass"))) === "folder" || (await files.kind(join(root, "SegmentationObject"))) === "folder" || (await files.kind(join(root, "ImageSets", "Segmentation"))) === "folder") {
    const objectDir = join(root, "SegmentationObject");
    return {
      kind: "segmentation-mask-1.1",
      root,
      labelmapFile: (await files.kind(here)) === "file" ? here : undefined,
      classDir: join(root, "SegmentationClass"),
      objectDir: (await files.kind(objectDir)) === "folder" ? objectDir : undefined,
    };
  }
  const labelmapFile = await findLabelmap(files, root, input);
  const places = [...new Set([labelmapFile === undefined ? root : dirname(labelmapFile), root])];
  for (const place of places) {
    const folders = await listFolders(files, place);
    const classDirs = folders.filter((name) => /class/i.test(name) && !/object/i.test(name));
    const objectDirs = folders.filter((name) => /object/i.test(name));
    if (classDirs.length === 0 && objectDirs.length === 0) continue;
    if (classDirs.length > 1 || objectDirs.length > 1) {
      throw layoutError(labelmapFile, new MaskportError("UNKNOWN_INPUT_FORMAT", `several CLASS/OBJECT mask folders: ${[...classDirs, ...objectDirs].join(", ")}`, {
        file: shown(place, input, root),
        hint: "Point maskport at a folder holding one CLASS folder and at most one OBJECT folder.",
      }));
    }
    const [classDir] = classDirs;
    const [objectDir] = objectDirs;
    if (classDir === undefined) {
      throw layoutError(labelmapFile, new MaskportError("OBJECT_WITHOUT_CLASS", `object mask folder ${objectDir} has no CLASS folder beside it`, {
        file: shown(place, input, root),
        hint: "Object masks only give instances; their labels come from the class masks.",
      }));
    }
    return { kind: "class-object-folders", root, labelmapFile, classDir: join(place, classDir), objectDir: objectDir === undefined ? undefined : join(place, objectDir) };
  }
  for (const place of places) {
    const pairs = await listFiles(files, place, (name) => PAIR_CLASS.test(name));
    if (pairs.length > 0) return { kind: "class-object-pairs", root, labelmapFile, classDir: place, objectDir: place };
  }
  const masks = await listFiles(files, root, (name) => MASK_EXTENSION.test(name));
  if (masks.length > 0) return (await nestedLayout(files, root, input, masks, labelmapFile)) ?? { kind: "class-only", root, labelmapFile, classDir: root, objectDir: undefined };
  throw new MaskportError("UNKNOWN_INPUT_FORMAT", "no mask layout found: expected SegmentationClass/, CLASS/OBJECT folders, *_CLASS_.png files or PNG masks", {
    file: input,
  });
}

/**
 * Whether an error of {@link detectMaskLayout} still means "a mask dataset (a labelmap.txt was
 * found), laid out wrongly", so the mask importer should claim the input and report it, rather
 * than "not a mask dataset".
 */
export function isMaskLayoutError(error: unknown): boolean {
  return typeof error === "object" && error !== null && layoutErrors.has(error);
}

/** `<stem>_CLASS_.png` (any case). */
export const PAIR_CLASS = /_class_\.(png|jpe?g)$/i;
/** `<stem>_OBJECT_.png` (any case). */
export const PAIR_OBJECT = /_object_\.(png|jpe?g)$/i;

// --- internal ---

const layoutErrors = new WeakSet<object>();

/** Marks `error` as a layout error of a mask dataset when a labelmap says it is one. */
function layoutError(labelmapFile: string | undefined, error: MaskportError): MaskportError {
  if (labelmapFile !== undefined) layoutErrors.add(error);
  return error;
}

/**
 * The layout of an export nested below `root` that reading `masks` (all PNGs below it) as class
 * masks would get wrong: the folder holding a `SegmentationClass`/`SegmentationObject` folder,
 * or an OBJECT folder (object masks are no class masks). Undefined when there is none.
 * @throws MaskportError UNKNOWN_INPUT_FORMAT when there are several, naming them; the nested layout's errors
 */
async function nestedLayout(files: FileSource, root: string, input: string, masks: readonly string[], labelmapFile: string | undefined): Promise<MaskLayout | undefined> {
  const homes = new Set<string>();
  for (const mask of masks) {
    const parts = mask.split("/");
    const at = parts.findIndex((part, i) => i < parts.length - 1 && (/^Segmentation(Class|Object)$/.test(part) || /object/i.test(part)));
    if (at > 0) homes.add(parts.slice(0, at).join("/"));
  }
  if (homes.size > 1) {
    throw layoutError(labelmapFile, new MaskportError("UNKNOWN_INPUT_FORMAT", `several mask datasets below this folder (${[...homes].join(", ")}): name one of them`, {
      file: input,
      hint: `For example: maskport convert ${join(input, [...homes][0] as string)} …`,
    }));
  }
  const [home] = homes;
  if (home === undefined) return undefined;
  let nested: MaskLayout;
  try {
    nested = await detectMaskLayout(files, join(input, home));
  } catch (error) {
    throw isMaskportError(error) ? layoutError(labelmapFile, error) : error;
  }
  return { ...nested, labelmapFile: nested.labelmapFile ?? labelmapFile };
}

async function findLabelmap(files: FileSource, root: string, input: string): Promise<string | undefined> {
  const here = join(root, "labelmap.txt");
  if ((await files.kind(here)) === "file") return here;
  const nested: string[] = [];
  for (const folder of await listFolders(files, root)) {
    const candidate = join(root, folder, "labelmap.txt");
    if ((await files.kind(candidate)) === "file") nested.push(candidate);
  }
  if (nested.length > 1) {
    throw new MaskportError("UNKNOWN_INPUT_FORMAT", `several datasets here (${nested.map((file) => relative(root, dirname(file))).join(", ")}); name one of them`, {
      file: input,
    });
  }
  if (nested[0] !== undefined) return nested[0];
  const parent = join(dirname(root), "labelmap.txt");
  return (await files.kind(parent)) === "file" ? parent : undefined;
}

function shown(place: string, input: string, root: string): string {
  const rest = relative(root, place);
  return rest === "" ? input : join(input, rest);
}
