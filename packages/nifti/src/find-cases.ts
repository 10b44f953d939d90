/**
 * The cases of a NIfTI input: one label file; a BraTS case folder or a folder of them
 * (`<case>-seg.nii.gz` beside `-t1c`, `-t1n`, `-t2w`, `-t2f`, or the older `_seg` beside
 * `_t1ce`, `_t1`, `_t2`, `_flair`); or a Decathlon folder whose `dataset.json` lists them.
 */
import { closeSync, openSync, readdirSync, readFileSync, readSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { checkSampleId, MaskportError } from "@maskport/core";

/** One label volume and the image volumes beside it. */
export interface NiftiCase {
  readonly name: string;
  readonly subset: string;
  readonly label: string;
  /** Image volumes by modality (`t1c`, `t1n`, `t2w`, `t2f`; `image` for a Decathlon entry's image). */
  readonly images: Readonly<Record<string, string>>;
}

/** The cases of an input and where its labels may be named. */
export interface NiftiInput {
  readonly layout: "file" | "brats" | "decathlon";
  /** The folder a `labelmap.txt` is looked for in. */
  readonly folder: string;
  readonly cases: readonly NiftiCase[];
  readonly datasetJson?: { readonly file: string; readonly json: Record<string, unknown> };
}

/** The BraTS modalities, and the older names that mean the same (2021 and before). */
export const MODALITIES: Readonly<Record<string, string>> = { t1c: "t1c", t1n: "t1n", t2w: "t2w", t2f: "t2f", t1ce: "t1c", t1: "t1n", t2: "t2w", flair: "t2f" };
const OLD_NAMES: Readonly<Record<string, string>> = { t1c: "t1ce", t1n: "t1", t2w: "t2", t2f: "flair" };

/** `.nii` or `.nii.gz` (any case). */
export const NIFTI_FILE = /\.nii(\.gz)?$/i;
const SEG_FILE = /^(.+?)([-_])seg\.nii(\.gz)?$/i;

/** The file name without `.nii` / `.nii.gz`. */
export function caseNameOf(file: string): string {
  return basename(file).replace(NIFTI_FILE, "");
}

/** Whether `input` is a NIfTI file, a BraTS layout or a Decathlon folder of NIfTI labels. Never throws. */
export function detectNifti(input: string): boolean {
  try {
    const stat = statSync(input);
    if (stat.isFile()) return NIFTI_FILE.test(input) && startsLikeNifti(input);
    if (!stat.isDirectory()) return false;
    const decathlon = readDecathlon(input);
    if (decathlon !== undefined) return decathlon.entries.some((entry) => NIFTI_FILE.test(entry.label));
    return bratsCases(input).length > 0;
  } catch {
    return false;
  }
}

/**
 * @throws MaskportError INPUT_NOT_FOUND, INVALID_INPUT for a dataset.json without a usable
 *   `training` list, EMPTY_DATASET for a folder with no case, UNSAFE_NAME for a case name that cannot be a path
 */
export function findCases(input: string): NiftiInput {
  let stat;
  try {
    stat = statSync(input);
  } catch (cause) {
    throw new MaskportError("INPUT_NOT_FOUND", "does not exist", { file: input, plugin: "nifti", cause });
  }
  if (stat.isFile()) {
    const name = checkSampleId(caseNameOf(input), { file: input, entry: "file name", plugin: "nifti" });
    const seg = SEG_FILE.exec(basename(input));
    return { layout: "file", folder: dirname(input), cases: [{ name, subset: "default", label: input, images: seg === undefined || seg === null ? {} : modalitiesBeside(dirname(input), seg[1] as string) }] };
  }
  const decathlon = readDecathlon(input);
  if (decathlon !== undefined) {
    const cases = decathlon.entries.map((entry, index): NiftiCase => {
      const where = { file: decathlon.file, entry: `training[${index}] label`, plugin: "nifti" };
      const name = checkSampleId(caseNameOf(entry.label), where);
      checkSampleId(entry.label.replace(/^(\.\/)+/, ""), where);
      return { name, subset: "train", label: join(input, entry.label), images: entry.image === undefined ? {} : { image: join(input, entry.image) } };
    });
    if (cases.length === 0) throw new MaskportError("EMPTY_DATASET", "dataset.json lists no training cases", { file: decathlon.file, plugin: "nifti" });
    return { layout: "decathlon", folder: input, cases, datasetJson: { file: decathlon.file, json: decathlon.json } };
  }
  const cases = bratsCases(input);
  if (cases.length === 0) {
    throw new MaskportError("EMPTY_DATASET", "holds no NIfTI label volume: no <case>-seg.nii.gz / <case>_seg.nii.gz here or one folder down, and no dataset.json", {
      file: input,
      plugin: "nifti",
      hint: "Give a label file (.nii / .nii.gz), a BraTS case folder, a folder of them, or a Decathlon folder.",
    });
  }
  return { layout: "brats", folder: input, cases };
}

// --- internal ---

function startsLikeNifti(file: string): boolean {
  const bytes = new Uint8Array(4);
  const fd = openSync(file, "r");
  try {
    if (readSync(fd, bytes, 0, 4, 0) < 4) return false;
  } finally {
    closeSync(fd);
  }
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) return true;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return [348, 540].some((size) => view.getInt32(0, true) === size || view.getInt32(0, false) === size);
}

/** Case folders of a BraTS layout: `input` itself, or each sub-folder, holding a seg file. */
function bratsCases(input: string): NiftiCase[] {
  const own = caseIn(input);
  if (own !== undefined) return [own];
  const cases: NiftiCase[] = [];
  for (const entry of visible(input)) {
    if (!entry.isDirectory()) continue;
    const found = caseIn(join(input, entry.name));
    if (found !== undefined) cases.push(found);
  }
  return cases.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function caseIn(folder: string): NiftiCase | undefined {
  const segs = visible(folder).filter((entry) => entry.isFile() && SEG_FILE.test(entry.name));
  const seg = segs[0];
  if (seg === undefined) return undefined;
  if (segs.length > 1) throw new MaskportError("INVALID_INPUT", `holds ${segs.length} label volumes (${segs.map((s) => s.name).join(", ")}): a BraTS case folder holds one`, { file: folder, plugin: "nifti" });
  const prefix = (SEG_FILE.exec(seg.name) as RegExpExecArray)[1] as string;
  const label = join(folder, seg.name);
  return { name: checkSampleId(prefix, { file: label, entry: "case name", plugin: "nifti" }), subset: "default", label, images: modalitiesBeside(folder, prefix) };
}

/** `<prefix>-t1c.nii.gz` (or `_t1ce`, `.nii`) and the other modalities found in `folder`. */
function modalitiesBeside(folder: string, prefix: string): Record<string, string> {
  const names = new Map(visible(folder).filter((e) => e.isFile()).map((e) => [e.name.toLowerCase(), e.name]));
  const images: Record<string, string> = {};
  for (const [modality, old] of Object.entries(OLD_NAMES)) {
    for (const candidate of [`${prefix}-${modality}`, `${prefix}_${old}`, `${prefix}_${modality}`]) {
      const found = names.get(`${candidate}.nii.gz`.toLowerCase()) ?? names.get(`${candidate}.nii`.toLowerCase());
      if (found !== undefined) {
        images[modality] = join(folder, found);
        break;
      }
    }
  }
  return images;
}

/** Entries of a folder without hidden and macOS `._*` files. */
function visible(folder: string) {
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => !entry.name.startsWith("."))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

interface DecathlonEntry {
  readonly label: string;
  readonly image: string | undefined;
}

/** A Decathlon `dataset.json` with a `training` list, or undefined when the folder has none. */
function readDecathlon(folder: string): { file: string; json: Record<string, unknown>; entries: DecathlonEntry[] } | undefined {
  const file = join(folder, "dataset.json");
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch {
    return undefined;
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw new MaskportError("INVALID_INPUT", `dataset.json is not valid JSON (${cause instanceof Error ? cause.message : String(cause)})`, { file, plugin: "nifti", cause });
  }
  if (typeof json !== "object" || json === null || !Array.isArray((json as { training?: unknown }).training)) return undefined;
  const entries = ((json as { training: unknown[] }).training).map((entry, index): DecathlonEntry => {
    const { label, image } = (typeof entry === "object" && entry !== null ? entry : {}) as { label?: unknown; image?: unknown };
    if (typeof label !== "string") throw new MaskportError("INVALID_INPUT", `training[${index}] has no "label" path`, { file, plugin: "nifti" });
    return { label, image: typeof image === "string" ? image : undefined };
  });
  return { file, json: json as Record<string, unknown>, entries };
}
