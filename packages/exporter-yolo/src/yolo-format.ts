/**
 * The Ultralytics YOLO-seg folder layout and `data.yaml`, as `ultralytics/data/utils.py`
 * (check_det_dataset, img2label_paths) and `data/base.py` (get_img_files) read them.
 */
import type { Scalar } from "yaml";
import { lazyDependency, type Labelmap } from "@maskport/core";

/**
 * The yaml package, loaded when data.yaml is first written or read rather than whenever the
 * package is imported (the CLI and every encode worker import it; yaml costs ~66 ms to load).
 * `get()` gives it (in Node, required then); outside Node, `load()` it first.
 */
export const yaml = lazyDependency<typeof import("yaml")>(import.meta.url, "yaml", async () => {
  const module = (await import("yaml")) as typeof import("yaml") & { default?: typeof import("yaml") };
  return module.default ?? module;
});

/** The splits Ultralytics knows; `train` and `val` are required in every data.yaml. */
export type YoloSplit = "train" | "val" | "test";

/** Image extensions Ultralytics accepts (`data/utils.py` IMG_FORMATS, compared lower-cased); others are left out of its lists. */
export const IMAGE_EXTENSIONS: ReadonlySet<string> = new Set(["bmp", "dng", "jpeg", "jpg", "mpo", "png", "tif", "tiff", "webp", "pfm", "heic"]);

/** One YOLO class: 0-based contiguous id, its name and the maskport label id it came from. */
export interface YoloClass {
  readonly index: number;
  readonly name: string;
  readonly labelId: number;
}

/** The YOLO classes of a labelmap: every label except background, in labelmap order. */
export function yoloClasses(labelmap: Labelmap): YoloClass[] {
  return labelmap.labels
    .filter((label) => label.id !== labelmap.backgroundId)
    .map((label, index) => ({ index, name: label.name, labelId: label.id }));
}

/** What a data.yaml points at: one list file per split (`val` may reuse the train list). */
export interface DataYamlSplits {
  readonly train: string;
  readonly val: string;
  readonly test?: string;
}

/**
 * The text of `data.yaml`. `path` is the empty string on purpose: Ultralytics then uses the
 * yaml's own folder as the dataset root (check_det_dataset: `data.get("path") or
 * Path(yaml_file).parent`), so the file works from any working directory, whereas `path: .`
 * would be resolved against the current directory and an absolute path is not portable.
 * Class names are written double-quoted, keys as plain integers (`0: "tumor"`).
 */
export function formatDataYaml(classes: readonly YoloClass[], splits: DataYamlSplits): string {
  // Names are always double-quoted: Ultralytics reads the file with PyYAML (YAML 1.1), which
  // would turn a plain `yes`/`on` into a boolean and `1:30` into the number 90.
  const names = new Map<number, Scalar>(classes.map((c) => [c.index, quoted(c.name)]));
  const document: Record<string, unknown> = { path: "", train: splits.train, val: splits.val };
  if (splits.test !== undefined) document.test = splits.test;
  document.names = names;
  document.nc = classes.length;
  return yaml.get().stringify(document);
}

/**
 * The split a subset of the input goes to: `val`, `valid` or `validation` (any case) → val,
 * `test` → test, every other subset → train (nothing is left out).
 */
export function splitOfSubset(subset: string): YoloSplit {
  const name = subset.toLowerCase();
  if (name === "val" || name === "valid" || name === "validation") return "val";
  if (name === "test") return "test";
  return "train";
}

/**
 * A deterministic split by ratio: a sample goes to val when a hash of (seed, id) falls
 * below `valRatio`. Depends only on the id, so it is stable across runs, workers and orders.
 * @param valRatio fraction of samples for val, 0..1
 */
export function splitByRatio(id: string, valRatio: number, seed: number): YoloSplit {
  return hashUnit(id, seed) < valRatio ? "val" : "train";
}

/**
 * Paths of one sample inside the export, relative to the output folder. The label path is
 * what Ultralytics derives from the image path (last `/images/` → `/labels/`, extension →
 * `.txt`), so the two always agree.
 * @param fileName image file relative to the split folder, with extension (`scans/Y1.jpg`)
 */
export function samplePaths(split: YoloSplit, fileName: string): { image: string; label: string; listEntry: string } {
  const image = `images/${split}/${fileName}`;
  const dot = fileName.lastIndexOf(".");
  const slash = fileName.lastIndexOf("/");
  const stem = dot > slash ? fileName.slice(0, dot) : fileName;
  return { image, label: `labels/${split}/${stem}.txt`, listEntry: `./${image}` };
}

/**
 * Why Ultralytics would not find this sample's label or image from its list entry, or
 * undefined when it would. get_img_files replaces every `./` in a list line and drops lines
 * without an image extension; img2label_paths swaps the *last* `/images/` of the path.
 */
export function pathHazard(fileName: string): string | undefined {
  if (fileName.includes("./")) return `"${fileName}" contains "./", which Ultralytics' list reader rewrites`;
  if (`/${fileName}`.includes("/images/")) return `"${fileName}" contains a folder named images, so Ultralytics looks for its label in the wrong folder`;
  // get_img_files keeps a list line only if the text after its last "." is an image extension.
  const extension = fileName.slice(fileName.lastIndexOf(".") + 1).toLowerCase();
  if (!IMAGE_EXTENSIONS.has(extension)) return `"${fileName}" does not end in an image extension Ultralytics reads (${[...IMAGE_EXTENSIONS].join(", ")}), so it skips the image`;
  return undefined;
}

// --- internal ---

function quoted(text: string): Scalar {
  const { Scalar } = yaml.get();
  const scalar = new Scalar(text);
  scalar.type = Scalar.QUOTE_DOUBLE;
  return scalar;
}

/** FNV-1a over the seed and the UTF-16 code units of `text`, then a murmur finaliser; 0 ≤ result < 1. */
function hashUnit(text: string, seed: number): number {
  let hash = (0x811c9dc5 ^ (seed | 0)) >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b) >>> 0;
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35) >>> 0;
  hash ^= hash >>> 16;
  return (hash >>> 0) / 2 ** 32;
}
