/**
 * The check every importer makes on names that come from its input and become sample ids
 * (COCO `file_name`, CVAT image names, list-file lines, nnU-Net case ids): sample ids become
 * output paths (`masks/<id>.png`), so a name such as `../../evil.jpg` is refused when it is
 * read, as the input's fault, instead of when its file is written. Browser-safe.
 */
import { MaskportError } from "./errors.ts";

/** Where a name was read, for {@link checkSampleId}'s error. */
export interface SampleIdSource {
  /** The input file that holds the name. */
  readonly file: string;
  /** 1-based line, for list files. */
  readonly line?: number;
  /** What holds the name, as the message calls it: `images[3] (id 7): file_name`, `sample id`. */
  readonly entry: string;
  /** The name as written, when the id was derived from it (a file name with its extension); default: the id. */
  readonly name?: string;
  /** The importer, for the message's prefix. */
  readonly plugin?: string;
}

/**
 * Why `id` cannot be a sample id, or undefined when it can: a sample id is a relative path
 * with `/` between folders and no empty, `.` or `..` part, none longer than 255 bytes of UTF-8
 * (what most file systems allow a file name); absolute paths (`/etc/passwd`, `C:\x`),
 * backslashes and NUL characters are refused. These are the rules the CLI applies to
 * output paths, so an id that passes stays inside `--out` wherever an exporter puts it.
 */
export function sampleIdProblem(id: string): string | undefined {
  if (id === "") return "it is empty";
  if (id.includes("\0")) return "it contains a NUL character";
  if (id.startsWith("/") || /^[A-Za-z]:/.test(id)) return "it is an absolute path";
  if (id.includes("\\")) return "it contains a backslash (folders are separated by /)";
  for (const part of id.split("/")) {
    if (part === "..") return "it climbs out of its folder (a .. part)";
    if (part === "" || part === ".") return "it has an empty or . part (//, /./ or a / at an end)";
    // A UTF-16 unit is at most 3 bytes of UTF-8: only long parts need counting.
    if (part.length * 3 > MAX_PART_BYTES) {
      const bytes = utf8Length(part);
      if (bytes > MAX_PART_BYTES) return `a part of it is ${bytes} bytes long (UTF-8), longer than a file name may be (${MAX_PART_BYTES} bytes)`;
    }
  }
  return undefined;
}

/**
 * Returns `id` when it is a safe sample id ({@link sampleIdProblem}); else throws an error
 * that names the file, the line or entry and the name as written, and says that the input is
 * at fault. Importers call it on every id they derive from a name in their input, while
 * reading; it also serves other input names that become parts of paths (subsets, file names).
 * @throws MaskportError `UNSAFE_NAME`
 */
export function checkSampleId(id: string, where: SampleIdSource): string {
  const problem = sampleIdProblem(id);
  if (problem === undefined) return id;
  const name = where.name ?? id;
  const derived = name === id ? "" : ` (sample id ${JSON.stringify(id)})`;
  throw new MaskportError("UNSAFE_NAME", `${where.entry} ${JSON.stringify(name)}${derived} is refused: ${problem}`, {
    file: where.file,
    ...(where.line === undefined ? {} : { line: where.line }),
    ...(where.plugin === undefined ? {} : { plugin: where.plugin }),
    hint: "The input is at fault, not maskport: names in it become sample ids and output paths, so each must be relative, use / between folders and have no empty, . or .. part. Fix or remove this entry.",
  });
}

// --- internal ---

/** The longest path part most file systems accept (ext4, APFS, NTFS: 255 bytes or UTF-16 units). */
const MAX_PART_BYTES = 255;

/** Bytes of `text` in UTF-8 (a lone surrogate counts as its 3-byte replacement character). */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}
