import { MaskportError } from "../errors.ts";
import type { Label, Labelmap, Rgb } from "../types.ts";
import { vocColor } from "./voc-palette.ts";

/** The header line CVAT writes at the top of `labelmap.txt`. */
export const CVAT_LABELMAP_HEADER = "# label:color_rgb:parts:actions";

/**
 * Parses a `labelmap.txt` in either dialect, detected from the first label line:
 * - **CVAT** (`name:R,G,B:parts:actions`, exactly 4 `:`-separated fields, header optional):
 *   ids are the 0-based index among label lines (CVAT's rule for 1-channel masks); an empty
 *   colour field gets the VOC palette colour of the id. Label names cannot contain `:`.
 * - **index** (`0: Background`, also `0 Background`): ids are the numbers written. Colours
 *   (for RGB masks) are generated: the background label black, any other label the VOC
 *   palette colour of its id (a non-background id 0 gets white, since VOC 0 is black).
 *
 * Blank lines and lines starting with `#` are skipped; lines are trimmed (CRLF, BOM ok).
 * Background: CVAT dialect, the first label coloured (0,0,0), else the label named
 * `background`; index dialect, the label named `background` (any case), else id 0.
 * @param file path named in error messages
 * @throws MaskportError LABELMAP_MALFORMED (bad line, or no labels, or text with NUL characters:
 *   UTF-16 read as UTF-8, or not text at all), LABELMAP_BAD_COLOR, LABELMAP_DUPLICATE_NAME,
 *   LABELMAP_DUPLICATE_COLOR, LABELMAP_DUPLICATE_ID, with the 1-based line
 */
export function parseLabelmap(text: string, file = "labelmap.txt"): Labelmap {
  if (text.includes("\u0000")) {
    // UTF-16 read as UTF-8: ASCII characters come with a NUL byte each (and a BOM, FF FE or FE FF, as two U+FFFD).
    const utf16 = (text.split("\u0000").length - 1) * 3 >= text.length;
    throw new MaskportError("LABELMAP_MALFORMED", utf16 ? "the labelmap is UTF-16 text (a NUL byte beside every character), not UTF-8" : "the labelmap holds NUL bytes: it is not a text file", {
      file,
      hint: utf16 ? "Save labelmap.txt as UTF-8 (in Notepad: Save as… → Encoding: UTF-8)." : "labelmap.txt is UTF-8 text: CVAT's `name:R,G,B::` lines, or `0: Background` / `1: Tumor`.",
    });
  }
  const lines = readLines(text);
  const first = lines[0];
  if (first === undefined) {
    throw new MaskportError("LABELMAP_MALFORMED", "the labelmap has no labels", {
      file,
      hint: "Write one label per line, e.g. `tumor:255,0,0::` (CVAT) or `1: Tumor`.",
    });
  }
  return isIndexLine(first.text) ? parseIndexDialect(lines, file) : parseCvatDialect(lines, file);
}

/**
 * Writes a labelmap in CVAT's dialect, header first, `\n` line ends, colours as decimal
 * `R,G,B`. With `sort`, labels are ordered by name in code-point order, as CVAT's exporter
 * does (uppercase before lowercase); otherwise in labelmap order.
 * @throws MaskportError LABELMAP_MALFORMED when a name cannot be written (contains `:` or a line break)
 */
export function formatLabelmap(labelmap: Labelmap, options: { readonly sort?: boolean } = {}): string {
  const labels = options.sort === true ? [...labelmap.labels].sort((a, b) => compareCodePoints(a.name, b.name)) : labelmap.labels;
  let out = `${CVAT_LABELMAP_HEADER}\n`;
  for (const label of labels) {
    if (/[:\r\n]/.test(label.name) || label.name.trim() !== label.name || label.name === "" || label.name.startsWith("#")) {
      throw new MaskportError("LABELMAP_MALFORMED", `label name ${JSON.stringify(label.name)} cannot be written to a CVAT labelmap`, {
        hint: "CVAT's labelmap splits lines on ':' and trims them: rename the label.",
      });
    }
    out += `${label.name}:${label.color.join(",")}:${label.parts.join(",")}:${label.actions.join(",")}\n`;
  }
  return out;
}

/**
 * Writes `id: name` pairs as an index-dialect labelmap (`0: background`, `1: Tumor`, …), one
 * line each, `\n` line ends, in the order given.
 * @throws MaskportError LABELMAP_MALFORMED when a name would not read back as written (a line
 *   break, surrounding spaces, or a name that makes the line look like CVAT's dialect)
 */
export function formatIndexLabelmap(entries: readonly IdName[]): string {
  let out = "";
  for (const { id, name } of entries) {
    const line = `${id}: ${name}`;
    const back = INDEX_LINE.exec(line);
    if (/[\r\n]/.test(name) || name.trim() !== name || !isIndexLine(line) || back?.[2] !== name) {
      throw new MaskportError("LABELMAP_MALFORMED", `label name ${JSON.stringify(name)} cannot be written to an index labelmap`, {
        hint: "Rename the label: no line breaks, no surrounding spaces, not three ':' in the line.",
      });
    }
    out += `${line}\n`;
  }
  return out;
}

/** The label with this id, or undefined. */
export function labelById(labelmap: Labelmap, id: number): Label | undefined {
  return labelmap.labels.find((label) => label.id === id);
}

/** The label with exactly this name, or undefined. */
export function labelByName(labelmap: Labelmap, name: string): Label | undefined {
  return labelmap.labels.find((label) => label.name === name);
}

/** One `id: name` pair of an index-dialect labelmap (`line`: where it was written, for errors). */
export interface IdName {
  readonly id: number;
  readonly name: string;
  readonly line?: number;
}

/**
 * The labelmap of `id: name` pairs, by the index dialect's rules (see {@link parseLabelmap}):
 * ids as given (0..65535, unique), background the label named `background` (any case), else
 * id 0; the background black, other labels the VOC colour of their id (a non-background id 0 white).
 * For labels that other files give as numbers, e.g. nnU-Net's and the Decathlon's `dataset.json`.
 * @param file named in error messages
 * @throws MaskportError LABELMAP_MALFORMED (no labels, id out of range), LABELMAP_DUPLICATE_ID, LABELMAP_DUPLICATE_NAME
 */
export function labelmapFromIds(entries: readonly IdName[], file = "labelmap.txt"): Labelmap {
  if (entries.length === 0) throw new MaskportError("LABELMAP_MALFORMED", "the labelmap has no labels", { file });
  const ids = new Map<number, number | undefined>();
  for (const entry of entries) {
    const where = { file, ...(entry.line === undefined ? {} : { line: entry.line }) };
    if (!Number.isSafeInteger(entry.id) || entry.id < 0 || entry.id > 65535) {
      throw new MaskportError("LABELMAP_MALFORMED", `label id ${entry.id} is out of range 0..65535`, where);
    }
    if (ids.has(entry.id)) {
      const previous = ids.get(entry.id);
      throw new MaskportError("LABELMAP_DUPLICATE_ID", `label id ${entry.id} is already used${previous === undefined ? "" : ` on line ${previous}`}`, where);
    }
    ids.set(entry.id, entry.line);
  }
  const named = entries.find((entry) => entry.name.toLowerCase() === "background");
  const backgroundId = named?.id ?? (ids.has(0) ? 0 : undefined);
  const labels: Label[] = [];
  const names = new Map<string, number | undefined>();
  const colors = new Map<number, { name: string; line: number | undefined }>();
  for (const entry of entries) {
    const color: Rgb = entry.id === backgroundId ? [0, 0, 0] : entry.id === 0 ? WHITE : vocColor(entry.id);
    checkUnique(names, colors, entry.name, color, entry.line, file);
    labels.push({ id: entry.id, name: entry.name, color, parts: [], actions: [] });
  }
  return { labels, backgroundId, dialect: "index" };
}

/** Packs a colour into one integer `r << 16 | g << 8 | b`, for lookups keyed by colour. */
export function packRgb(color: Rgb): number {
  return (color[0] << 16) | (color[1] << 8) | color[2];
}

/**
 * CVAT's background rule over labels in file order: the first label coloured (0,0,0), else
 * the label named `background` (exactly, or in any case when `anyCase`).
 */
export function findBackgroundId(labels: readonly Label[], anyCase = false): number | undefined {
  const black = labels.find((label) => packRgb(label.color) === 0);
  if (black !== undefined) return black.id;
  return labels.find((label) => (anyCase ? label.name.toLowerCase() : label.name) === "background")?.id;
}

// --- internal ---

interface Line {
  readonly text: string;
  /** 1-based line number in the file. */
  readonly number: number;
}

const WHITE: Rgb = [255, 255, 255];

function readLines(text: string): Line[] {
  const result: Line[] = [];
  const raw = text.replace(/^\uFEFF/, "").split("\n");
  for (let i = 0; i < raw.length; i++) {
    const trimmed = (raw[i] ?? "").trim();
    if (trimmed === "" || trimmed.startsWith("#")) continue;
    result.push({ text: trimmed, number: i + 1 });
  }
  return result;
}

/** `0: Background`, `0 Background`, `0:Background`, but not a 4-field CVAT line such as `0:1,2,3::`. */
function isIndexLine(text: string): boolean {
  return INDEX_LINE.test(text) && text.split(":").length !== 4;
}

const INDEX_LINE = /^(\d+)\s*(?::\s*|\s+)(\S.*)$/;

function parseCvatDialect(lines: readonly Line[], file: string): Labelmap {
  const labels: Label[] = [];
  const names = new Map<string, number>();
  const colors = new Map<number, { name: string; line: number }>();
  for (const line of lines) {
    const fields = line.text.split(":");
    if (fields.length !== 4) {
      throw new MaskportError("LABELMAP_MALFORMED", `expected 4 ':'-separated fields (name:R,G,B:parts:actions), found ${fields.length}: ${JSON.stringify(line.text)}`, {
        file,
        line: line.number,
        hint: "Mixing the CVAT dialect with `id: name` lines is not allowed; label names cannot contain ':'.",
      });
    }
    const [name = "", colorField = "", partsField = "", actionsField = ""] = fields;
    if (name === "") throw new MaskportError("LABELMAP_MALFORMED", "empty label name", { file, line: line.number });
    const id = labels.length;
    const color = colorField.trim() === "" ? vocColor(id) : parseColor(colorField, file, line.number);
    checkUnique(names, colors, name, color, line.number, file);
    labels.push({ id, name, color, parts: splitList(partsField), actions: splitList(actionsField) });
  }
  return { labels, backgroundId: findBackgroundId(labels), dialect: "cvat" };
}

function parseIndexDialect(lines: readonly Line[], file: string): Labelmap {
  const entries: IdName[] = [];
  for (const line of lines) {
    const match = isIndexLine(line.text) ? INDEX_LINE.exec(line.text) : null;
    if (match === null) {
      throw new MaskportError("LABELMAP_MALFORMED", `expected "<id>: <name>" like the lines above, found ${JSON.stringify(line.text)}`, {
        file,
        line: line.number,
      });
    }
    entries.push({ id: Number(match[1]), name: (match[2] ?? "").trim(), line: line.number });
  }
  return labelmapFromIds(entries, file);
}

function parseColor(field: string, file: string, line: number): Rgb {
  const parts = field.split(",").map((part) => part.trim());
  if (parts.length !== 3 || parts.some((part) => !/^\d{1,3}$/.test(part) || Number(part) > 255)) {
    throw new MaskportError("LABELMAP_BAD_COLOR", `colour ${JSON.stringify(field)} is not R,G,B with three integers 0..255`, { file, line });
  }
  return [Number(parts[0]), Number(parts[1]), Number(parts[2])];
}

function checkUnique(
  names: Map<string, number | undefined>,
  colors: Map<number, { name: string; line: number | undefined }>,
  name: string,
  color: Rgb,
  line: number | undefined,
  file: string,
): void {
  const where = { file, ...(line === undefined ? {} : { line }) };
  const onLine = (at: number | undefined): string => (at === undefined ? "" : ` on line ${at}`);
  if (names.has(name)) {
    throw new MaskportError("LABELMAP_DUPLICATE_NAME", `label ${JSON.stringify(name)} is already defined${onLine(names.get(name))}`, where);
  }
  names.set(name, line);
  const key = packRgb(color);
  const previous = colors.get(key);
  if (previous !== undefined) {
    throw new MaskportError(
      "LABELMAP_DUPLICATE_COLOR",
      `label ${JSON.stringify(name)} has colour ${color.join(",")}, already used by ${JSON.stringify(previous.name)}${onLine(previous.line)}`,
      { ...where, hint: "Colour masks are read by colour, so every label needs its own colour." },
    );
  }
  colors.set(key, { name, line });
}

function splitList(field: string): string[] {
  return field
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");
}

/** Python's string order: by Unicode code point, not by UTF-16 unit. */
function compareCodePoints(a: string, b: string): number {
  const left = Array.from(a, (char) => char.codePointAt(0) ?? 0);
  const right = Array.from(b, (char) => char.codePointAt(0) ?? 0);
  const length = Math.min(left.length, right.length);
  for (let i = 0; i < length; i++) {
    const difference = (left[i] ?? 0) - (right[i] ?? 0);
    if (difference !== 0) return difference;
  }
  return left.length - right.length;
}
