/** Reading the `dataset.json` of nnU-Net and Decathlon datasets. */
import { fileNamer, jsonExcerpt, labelmapFromIds, MaskportError, paths, readText, type FileSource, type IdName, type Labelmap } from "@maskport/core";

/** The parsed `dataset.json` of a dataset folder (or the file itself), and the folder. */
export interface DatasetJson {
  /** The dataset's folder, a path of the source. */
  readonly root: string;
  /** `dataset.json` as messages name it (see file-access.ts `namer`). */
  readonly file: string;
  readonly json: Record<string, unknown>;
}

/**
 * Reads `<input>/dataset.json` (or `input` when it is that file) through `source`.
 * @param files the host's source (undefined: the Node file system, `source`), for how messages name the file
 * @throws MaskportError INPUT_NOT_FOUND, INVALID_INPUT for malformed JSON or a non-object
 */
export async function readDatasetJson(source: FileSource, files: FileSource | undefined, input: string): Promise<DatasetJson> {
  const folder = (await source.kind(input)) === "folder";
  const path = folder ? paths.join(input, "dataset.json") : input;
  const root = folder ? input : paths.join(input, "..");
  const file = fileNamer({ files: files })(path);
  if ((await source.kind(path)) !== "file") throw new MaskportError("INPUT_NOT_FOUND", "no dataset.json here", { file });
  let json: unknown;
  try {
    json = JSON.parse(await readText(source, path));
  } catch (cause) {
    throw new MaskportError("INVALID_INPUT", `dataset.json is not valid JSON (${cause instanceof Error ? cause.message : String(cause)})`, { file, cause });
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) throw new MaskportError("INVALID_INPUT", "dataset.json is not a JSON object", { file });
  return { root, file, json: json as Record<string, unknown> };
}

/** `dataset.json` of `input`, or undefined when there is none or it is not JSON (for `detect`). */
export async function peekDatasetJson(source: FileSource, input: string): Promise<DatasetJson | undefined> {
  try {
    return await readDatasetJson(source, undefined, input);
  } catch {
    return undefined;
  }
}

/**
 * The labelmap of `labels` in either form: nnU-Net v2's name → value (`{"background": 0}`)
 * or the Decathlon's value → name (`{"0": "background"}`).
 * @throws MaskportError INVALID_INPUT for anything else (region-based labels included), and the labelmap's own errors
 */
export function labelmapOfLabels(labels: unknown, file: string): Labelmap {
  if (typeof labels !== "object" || labels === null || Array.isArray(labels)) {
    throw new MaskportError("INVALID_INPUT", "dataset.json has no \"labels\" object", { file });
  }
  const entries: IdName[] = [];
  for (const [key, value] of Object.entries(labels)) {
    if (typeof value === "string" && /^\d+$/.test(key)) entries.push({ id: Number(key), name: value });
    else if (typeof value === "number" && Number.isInteger(value)) entries.push({ id: value, name: key });
    else {
      throw new MaskportError("INVALID_INPUT", `label ${JSON.stringify(key)}: ${jsonExcerpt(value)} is neither "value": "name" nor "name": value${Array.isArray(value) ? " (region-based labels are not read)" : ""}`, { file });
    }
  }
  return labelmapFromIds(entries.sort((a, b) => a.id - b.id), file);
}
