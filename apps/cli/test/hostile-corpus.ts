// The hostile-input corpus of issue 21: small broken or malicious inputs of every format the CLI
// reads, generated in code, each with the outcome it must get through `maskport convert`.
// hostile-corpus.test.ts runs them; nothing here touches the disk.
import { deflateSync } from "node:zlib";
import type { ErrorCode } from "@maskport/core";
import { encodePng, headerData, pngFromChunks } from "../../../packages/core/src/node/__fixtures__/encode-png.ts";

/** The input format an entry attacks (every one the CLI reads). */
export type CorpusFormat = "png" | "mask-layout" | "labelmap" | "coco" | "sa1b" | "cvat" | "yolo" | "semantic" | "nnunet" | "monai" | "cli";

/**
 * What an entry must get:
 * - `error`: exit 1 (2 for a usage error) with `error <code>: …` on stderr. Several codes only
 *   where the entry says why (`debatable`): any of them is a right answer, the first preferred;
 * - `usage`: exit 2 with an `error` line, the command line refused before any input is read
 *   (commander's own messages have no MaskportError code);
 * - `warning`: exit 0, the conversion written, a diagnostic line `<severity> … (<code>)`;
 * - `ok`: exit 0 with no warning or error line — only for odd-but-valid files next to hostile ones.
 */
export type Outcome =
  | { readonly kind: "error"; readonly codes: readonly ErrorCode[]; readonly exit: 1 | 2 }
  | { readonly kind: "usage" }
  | { readonly kind: "warning"; readonly code: ErrorCode; readonly severity: "warning" | "info" }
  | { readonly kind: "ok" };

/** A file of an entry: bytes or text, or a symbolic link to `target` (relative to the link's folder). */
export type CorpusFile = string | Uint8Array | { readonly symlink: string };

export interface CorpusEntry {
  /** Unique; the entry's folder name. */
  readonly name: string;
  readonly format: CorpusFormat;
  /** What makes it hostile, in a few words. */
  readonly what: string;
  /** Files of the input, relative to the entry's folder. */
  readonly files: Readonly<Record<string, CorpusFile>>;
  /** The input argument, relative to the entry's folder ("" = the folder itself). */
  readonly input?: string;
  /** Output format (default `coco`). */
  readonly to?: string;
  /** More arguments (`--from`, format options); `{dir}` stands for the entry's folder. */
  readonly args?: readonly string[];
  readonly expect: Outcome;
  /**
   * The file the error (or warning) line must name, relative to the entry's folder ("" = the
   * input folder itself). Undefined only for usage errors about the command line.
   */
  readonly blame: string | undefined;
  /** Why the expected outcome is what it is, when it is a judgement call. */
  readonly debatable?: string;
}

const error = (code: ErrorCode | readonly ErrorCode[], exit: 1 | 2 = 1): Outcome => ({ kind: "error", codes: typeof code === "string" ? [code] : code, exit });
const USAGE: Outcome = { kind: "usage" };
const warning = (code: ErrorCode, severity: "warning" | "info" = "warning"): Outcome => ({ kind: "warning", code, severity });
const OK: Outcome = { kind: "ok" };

// --- building blocks -------------------------------------------------------------------------

const BLACK = [0, 0, 0] as const;
const TUMOR = [250, 50, 83] as const;
/** CVAT dialect: background id 0 (black), tumor id 1. */
export const CVAT_LABELMAP = "# label:color_rgb:parts:actions\nbackground:0,0,0::\ntumor:250,50,83::\n";
const INDEX_LABELMAP = "0: background\n1: tumor\n";

type Chunk = readonly [type: string, data: Uint8Array];

/** A 3×2 RGB class mask: tumor on the left two columns. */
const RGB_MASK = encodePng({ width: 3, height: 2, colorType: 2, bitDepth: 8, samples: [TUMOR, TUMOR, BLACK, TUMOR, TUMOR, BLACK].flat() });
/** A 4×3 gray index mask (values 0/1). */
const GRAY_MASK = gray([
  [0, 1, 1, 0],
  [0, 1, 1, 1],
  [0, 0, 1, 0],
]);

function gray(rows: readonly (readonly number[])[], bitDepth: 8 | 16 = 8): Uint8Array {
  return encodePng({ width: rows[0]?.length ?? 0, height: rows.length, colorType: 0, bitDepth, samples: rows.flat() });
}

const bytes = (...values: number[]): Uint8Array => Uint8Array.from(values);
const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);
const concat = (...parts: Uint8Array[]): Uint8Array => {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
};

/** The chunks of a well-formed PNG (no CRC check: it is ours). */
function chunksOf(png: Uint8Array): Chunk[] {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const chunks: Chunk[] = [];
  for (let at = 8; at + 8 <= png.length; ) {
    const length = view.getUint32(at);
    chunks.push([String.fromCharCode(...png.subarray(at + 4, at + 8)), png.slice(at + 8, at + 8 + length)]);
    at += 12 + length;
  }
  return chunks;
}

/** One IDAT holding `rows` (each a filter byte then the row's bytes), deflated. */
function idat(rows: readonly (readonly number[])[]): Chunk {
  return ["IDAT", deflateSync(Uint8Array.from(rows.flat()))];
}

/** A PNG from a header and raw (filter byte + data) rows: every chunk's CRC right. */
function rawPng(width: number, height: number, bitDepth: number, colorType: number, rows: readonly (readonly number[])[], options: { interlace?: boolean; before?: Chunk[] } = {}): Uint8Array {
  return pngFromChunks([["IHDR", headerData(width, height, bitDepth, colorType, options.interlace === true)], ...(options.before ?? []), idat(rows), ["IEND", new Uint8Array(0)]]);
}

/** `png` with the byte at `offset` XORed, the CRC left as it was. */
function flip(png: Uint8Array, offset: number): Uint8Array {
  const copy = png.slice();
  copy[offset] = (copy[offset] ?? 0) ^ 0xff;
  return copy;
}

/** Offset of the first chunk of `type` (its length field). */
function chunkOffset(png: Uint8Array, type: string): number {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  for (let at = 8; at + 8 <= png.length; at += 12 + view.getUint32(at)) if (String.fromCharCode(...png.subarray(at + 4, at + 8)) === type) return at;
  throw new Error(`no ${type} chunk`);
}

/** A minimal baseline JPEG header (SOF0) declaring `width`×`height`, no image data. */
function jpegHeader(width: number, height: number): Uint8Array {
  return bytes(0xff, 0xd8, 0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 255, width >> 8, width & 255, 0x03, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1, 0xff, 0xd9);
}

/** Zeros that deflate to about a thousandth of their size. */
function deflatedZeros(length: number): Uint8Array {
  return deflateSync(new Uint8Array(length), { level: 9 });
}

/** A mask dataset (CLASS folder + CVAT labelmap) around one class mask; the mask is blamed. */
function maskEntry(name: string, what: string, mask: Uint8Array, expect: Outcome, extra: Partial<CorpusEntry> = {}): CorpusEntry {
  return { name, format: "png", what, files: { "labelmap.txt": CVAT_LABELMAP, "CLASS/a.png": mask }, expect, blame: "CLASS/a.png", ...extra };
}

/** Files replacing a base layout's: `null` removes the base file (an image that must be missing). */
type Overrides = Readonly<Record<string, CorpusFile | null>>;

function withFiles(base: Readonly<Record<string, CorpusFile>>, over: Overrides): Record<string, CorpusFile> {
  const files: Record<string, CorpusFile> = { ...base };
  for (const [path, contents] of Object.entries(over)) {
    if (contents === null) delete files[path];
    else files[path] = contents;
  }
  return files;
}

const DEPTH = 100_000;
const deepJson = `${"[".repeat(DEPTH)}${"]".repeat(DEPTH)}`;

// --- PNG (through core's mask importer) ------------------------------------------------------

const IEND: Chunk = ["IEND", new Uint8Array(0)];
const rgbChunks = chunksOf(RGB_MASK);
const rgbHeader = rgbChunks[0] as Chunk;
const rgbData = concat(...rgbChunks.filter(([type]) => type === "IDAT").map(([, data]) => data));
/** Raw rows of the 3×2 RGB mask (filter 0). */
const rgbRows = [
  [0, ...TUMOR, ...TUMOR, ...BLACK],
  [0, ...TUMOR, ...TUMOR, ...BLACK],
];
const PALETTE = [
  [0, 0, 0],
  [250, 50, 83],
] as const;

const png: CorpusEntry[] = [
  maskEntry("png-empty", "a 0-byte file named .png", new Uint8Array(0), error("PNG_UNREADABLE")),
  maskEntry("png-signature-only", "the 8-byte signature and nothing else", RGB_MASK.subarray(0, 8), error("PNG_UNREADABLE")),
  maskEntry("png-half-signature", "truncated inside the signature", RGB_MASK.subarray(0, 4), error("PNG_UNREADABLE")),
  maskEntry("png-text", "a text file named .png", ascii("this is not an image\n"), error("PNG_UNREADABLE")),
  maskEntry("png-html", "an HTML error page saved as .png", ascii("<html><body>403 Forbidden</body></html>"), error("PNG_UNREADABLE")),
  maskEntry("png-jpeg", "a JPEG named .png", jpegHeader(3, 2), error("MASK_NOT_PNG")),
  maskEntry("png-truncated-ihdr", "truncated inside IHDR", RGB_MASK.subarray(0, 20), error("PNG_UNREADABLE")),
  maskEntry("png-truncated-idat", "truncated inside the first IDAT", RGB_MASK.subarray(0, chunkOffset(RGB_MASK, "IDAT") + 10), error("PNG_UNREADABLE")),
  maskEntry("png-no-iend", "every IDAT present, IEND cut off", RGB_MASK.subarray(0, chunkOffset(RGB_MASK, "IEND")), error("PNG_UNREADABLE"), {
    debatable: "libpng and browsers decode a PNG whose IEND is missing; maskport's png-structure.ts requires it (a file cut short at a chunk boundary is still cut short).",
  }),
  maskEntry("png-bad-crc-ihdr", "IHDR's CRC wrong", flip(RGB_MASK, 8 + 8 + 13), error("PNG_UNREADABLE")),
  maskEntry("png-bad-crc-idat", "an IDAT's CRC wrong", flip(RGB_MASK, chunkOffset(RGB_MASK, "IDAT") + 8 + 1), error("PNG_UNREADABLE")),
  maskEntry("png-bad-crc-iend", "IEND's CRC wrong", flip(RGB_MASK, RGB_MASK.length - 1), error("PNG_UNREADABLE")),
  maskEntry("png-ihdr-length-12", "IHDR of 12 bytes instead of 13", pngFromChunks([["IHDR", headerData(3, 2, 8, 2).subarray(0, 12)], ...rgbChunks.slice(1)]), error("PNG_UNREADABLE")),
  maskEntry("png-idat-before-ihdr", "IDAT before IHDR", pngFromChunks([rgbChunks[1] as Chunk, rgbHeader, ...rgbChunks.slice(2)]), error("PNG_UNREADABLE")),
  maskEntry("png-two-ihdr", "IHDR twice, the second declaring another size", pngFromChunks([rgbHeader, ["IHDR", headerData(300, 200, 8, 2)], ...rgbChunks.slice(1)]), error("PNG_UNREADABLE")),
  maskEntry("png-no-idat", "IHDR then IEND: no image data", pngFromChunks([rgbHeader, IEND]), error("PNG_UNREADABLE")),
  maskEntry("png-chunk-length-2gb", "a chunk declaring 0x7fffffff bytes", concat(RGB_MASK.subarray(0, 33), bytes(0x7f, 0xff, 0xff, 0xff), ascii("IDAT"), new Uint8Array(16)), error("PNG_UNREADABLE")),
  maskEntry("png-chunk-length-4gb", "a chunk declaring 0xffffffff bytes (above the spec's 2^31 − 1)", concat(RGB_MASK.subarray(0, 33), bytes(0xff, 0xff, 0xff, 0xff), ascii("IDAT"), new Uint8Array(16)), error("PNG_UNREADABLE")),
  maskEntry("png-unknown-critical", "an unknown critical chunk (uppercase first letter) before IDAT", pngFromChunks([rgbHeader, ["ABCD", bytes(1, 2, 3)], ...rgbChunks.slice(1)]), error("PNG_UNREADABLE"), {
    debatable: "The PNG spec says a decoder must refuse an unknown critical chunk; pngjs ignores it.",
  }),
  maskEntry("png-idat-short", "image data inflating to one row of two", rawPng(3, 2, 8, 2, rgbRows.slice(0, 1)), error("PNG_UNREADABLE")),
  maskEntry("png-idat-long", "image data inflating to three rows of two (extra data)", rawPng(3, 2, 8, 2, [...rgbRows, rgbRows[0] as number[]]), error("PNG_UNREADABLE"), {
    debatable: "libpng only warns about extra compressed data; maskport requires the data to inflate to exactly the declared rows (png.ts).",
  }),
  maskEntry("png-idat-not-zlib", "IDAT holding bytes that are not a zlib stream", pngFromChunks([rgbHeader, ["IDAT", ascii("definitely not deflate data")], IEND]), error("PNG_UNREADABLE")),
  maskEntry("png-idat-bad-adler", "zlib stream with a wrong Adler-32", pngFromChunks([rgbHeader, ["IDAT", flip(rgbData, rgbData.length - 1)], IEND]), error("PNG_UNREADABLE")),
  maskEntry("png-zlib-bomb", "a 3×2 image whose IDAT inflates to 64 MB", pngFromChunks([rgbHeader, ["IDAT", deflatedZeros(64 << 20)], IEND]), error("PNG_UNREADABLE")),
  maskEntry("png-zlib-bomb-256mb", "a 261 KB, 3×2 PNG whose IDAT inflates to 256 MB", pngFromChunks([rgbHeader, ["IDAT", deflatedZeros(256 << 20)], IEND]), error("PNG_UNREADABLE")),
  maskEntry("png-bad-filter", "row filter type 9", rawPng(3, 2, 8, 2, [[9, ...TUMOR, ...TUMOR, ...BLACK], rgbRows[1] as number[]]), error("PNG_UNREADABLE")),
  maskEntry("png-huge-30000", "69 bytes declaring 30000×30000 RGB", pngFromChunks([["IHDR", headerData(30000, 30000, 8, 2)], ["IDAT", deflateSync(new Uint8Array(100))], IEND]), error("IMAGE_TOO_LARGE")),
  maskEntry("png-huge-1bit", "a 1-bit gray PNG declaring 65535×65535 (4.3 gigapixels, 537 MB of rows)", pngFromChunks([["IHDR", headerData(65535, 65535, 1, 0)], ["IDAT", deflatedZeros(1 << 20)], IEND]), error("IMAGE_TOO_LARGE")),
  maskEntry("png-huge-wide", "2^31 − 1 × 1", pngFromChunks([["IHDR", headerData(0x7fffffff, 1, 8, 0)], ["IDAT", deflateSync(new Uint8Array(8))], IEND]), error("IMAGE_TOO_LARGE")),
  maskEntry("png-width-2-31", "width 2^31, above the spec's limit", pngFromChunks([["IHDR", headerData(0x80000000, 1, 8, 0)], ["IDAT", deflateSync(new Uint8Array(8))], IEND]), error(["PNG_UNREADABLE", "IMAGE_TOO_LARGE"]), {
    debatable: "Width above 2^31 − 1 is invalid per the PNG spec (PNG_UNREADABLE); IMAGE_TOO_LARGE is also a fair answer.",
  }),
  maskEntry("png-huge-under-limit", "200 megapixels declared (under the limit) with 20 bytes of data", pngFromChunks([["IHDR", headerData(20000, 10000, 8, 0)], ["IDAT", deflateSync(new Uint8Array(64))], IEND]), error("PNG_UNREADABLE")),
  maskEntry("png-zero-size", "0×0", pngFromChunks([["IHDR", headerData(0, 0, 8, 2)], ["IDAT", deflateSync(new Uint8Array(0))], IEND]), error("PNG_UNREADABLE")),
  maskEntry("png-zero-width", "0×5", pngFromChunks([["IHDR", headerData(0, 5, 8, 0)], ["IDAT", deflateSync(new Uint8Array(5))], IEND]), error("PNG_UNREADABLE")),
  maskEntry("png-bit-depth-3", "gray bit depth 3", rawPng(3, 2, 3, 0, [[0, 0], [0, 0]]), error("PNG_UNREADABLE")),
  maskEntry("png-rgb-depth-4", "RGB at bit depth 4 (RGB allows 8 and 16 only)", rawPng(3, 2, 4, 2, [[0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0]]), error("PNG_UNREADABLE")),
  maskEntry("png-palette-depth-16", "palette at bit depth 16", rawPng(3, 2, 16, 3, [[0, 0, 0, 0, 0, 0, 0], [0, 0, 0, 0, 0, 0, 0]], { before: [["PLTE", Uint8Array.from(PALETTE.flat())]] }), error("PNG_UNREADABLE")),
  maskEntry("png-colour-type-5", "colour type 5", rawPng(3, 2, 8, 5, [[0, 0, 0, 0], [0, 0, 0, 0]]), error("PNG_UNREADABLE")),
  maskEntry("png-compression-1", "IHDR compression method 1", pngFromChunks([["IHDR", Uint8Array.from([...headerData(3, 2, 8, 2).subarray(0, 10), 1, 0, 0])], ...rgbChunks.slice(1)]), error("PNG_UNREADABLE")),
  maskEntry("png-filter-method-1", "IHDR filter method 1", pngFromChunks([["IHDR", Uint8Array.from([...headerData(3, 2, 8, 2).subarray(0, 11), 1, 0])], ...rgbChunks.slice(1)]), error("PNG_UNREADABLE")),
  maskEntry("png-interlace-2", "interlace method 2", pngFromChunks([["IHDR", Uint8Array.from([...headerData(3, 2, 8, 2).subarray(0, 12), 2])], ...rgbChunks.slice(1)]), error("PNG_UNREADABLE")),
  maskEntry("png-palette-missing", "palette image without PLTE", rawPng(2, 1, 8, 3, [[0, 0, 1]]), error("PNG_UNREADABLE")),
  maskEntry("png-palette-length-4", "PLTE of 4 bytes (not a multiple of 3)", rawPng(2, 1, 8, 3, [[0, 0, 1]], { before: [["PLTE", bytes(0, 0, 0, 250)]] }), error("PNG_UNREADABLE")),
  maskEntry("png-palette-257", "PLTE of 257 entries", rawPng(2, 1, 8, 3, [[0, 0, 1]], { before: [["PLTE", new Uint8Array(257 * 3)]] }), error("PNG_UNREADABLE")),
  maskEntry("png-palette-index-out-of-range", "pixel index 7 with a 2-entry palette", rawPng(2, 1, 8, 3, [[0, 0, 7]], { before: [["PLTE", Uint8Array.from(PALETTE.flat())]] }), error(["PNG_UNREADABLE", "UNKNOWN_VALUE"]), {
    debatable: "The spec calls an index past the palette an error (PNG_UNREADABLE); UNKNOWN_VALUE naming the pixel says as much.",
  }),
  maskEntry("png-palette-after-idat", "PLTE after IDAT", pngFromChunks([["IHDR", headerData(2, 1, 8, 3)], idat([[0, 0, 1]]), ["PLTE", Uint8Array.from(PALETTE.flat())], IEND]), error("PNG_UNREADABLE")),
  maskEntry("png-palette-unknown-colour", "a palette colour that is no label colour", encodePng({ width: 2, height: 1, colorType: 3, bitDepth: 8, samples: [0, 1], palette: [[40, 40, 40], [250, 50, 83]] }), error("UNKNOWN_COLOR")),
  maskEntry("png-rgb-unknown-colour", "an RGB colour that is no label colour", encodePng({ width: 2, height: 1, colorType: 2, bitDepth: 8, samples: [1, 2, 3, 250, 50, 83] }), error("UNKNOWN_COLOR")),
  maskEntry("png-gray-unknown-value", "a gray value that is no label id", gray([[0, 1, 200]]), error("UNKNOWN_VALUE")),
  maskEntry("png-gray16-unknown-value", "a 16-bit gray value that is no label id", gray([[0, 1, 65535]], 16), error("UNKNOWN_VALUE")),
  maskEntry("png-interlaced-short-pass", "Adam7 data one row short (the last pass cut)", rawPng(3, 2, 8, 2, [[0, ...TUMOR], [0, ...TUMOR], [0, ...BLACK]], { interlace: true }), error("PNG_UNREADABLE")),
  maskEntry("png-interlaced-1x1-long", "interlaced 1×1 with rows for passes that are empty", rawPng(1, 1, 8, 2, [[0, ...TUMOR], [0, ...TUMOR], [0, ...TUMOR]], { interlace: true }), error("PNG_UNREADABLE")),
  maskEntry("png-interlaced-odd-ok", "valid interlaced 3×2 RGB and 1×1 sizes where most Adam7 passes are empty", encodePng({ width: 3, height: 2, colorType: 2, bitDepth: 8, interlace: true, samples: [TUMOR, TUMOR, BLACK, TUMOR, TUMOR, BLACK].flat() }), OK),
  {
    name: "png-object-truncated",
    format: "png",
    what: "a good class mask, its object mask truncated",
    files: { "labelmap.txt": CVAT_LABELMAP, "CLASS/a.png": RGB_MASK, "OBJECT/a.png": RGB_MASK.subarray(0, 40) },
    expect: error("PNG_UNREADABLE"),
    blame: "OBJECT/a.png",
  },
  {
    name: "png-object-size-mismatch",
    format: "png",
    what: "an object mask of another size than its class mask",
    files: { "labelmap.txt": CVAT_LABELMAP, "CLASS/a.png": RGB_MASK, "OBJECT/a.png": encodePng({ width: 2, height: 2, colorType: 2, bitDepth: 8, samples: Array.from({ length: 12 }, () => 0) }) },
    expect: error("SIZE_MISMATCH"),
    blame: "OBJECT/a.png",
  },
  {
    name: "png-second-mask-broken",
    format: "png",
    what: "a good mask then a truncated one: the run fails, --out as it was",
    files: { "labelmap.txt": CVAT_LABELMAP, "CLASS/a.png": RGB_MASK, "CLASS/b.png": RGB_MASK.subarray(0, 50) },
    expect: error("PNG_UNREADABLE"),
    blame: "CLASS/b.png",
  },
  {
    name: "png-semantic-mask-truncated",
    format: "png",
    what: "a truncated index mask read by the semantic importer",
    files: { "labelmap.txt": INDEX_LABELMAP, "masks/a.png": GRAY_MASK.subarray(0, 45) },
    expect: error("PNG_UNREADABLE"),
    blame: "masks/a.png",
  },
  {
    name: "png-semantic-mask-huge",
    format: "png",
    what: "an index mask declaring 40000×40000, read by the semantic importer",
    files: { "labelmap.txt": INDEX_LABELMAP, "masks/a.png": pngFromChunks([["IHDR", headerData(40000, 40000, 8, 0)], ["IDAT", deflateSync(new Uint8Array(100))], IEND]) },
    expect: error("IMAGE_TOO_LARGE"),
    blame: "masks/a.png",
  },
];

// --- mask importer layouts -------------------------------------------------------------------

const layout: CorpusEntry[] = [
  { name: "layout-missing-input", format: "mask-layout", what: "an input path that does not exist", files: {}, input: "nope", expect: error("INPUT_NOT_FOUND"), blame: "nope" },
  { name: "layout-file-input", format: "mask-layout", what: "a random binary file as input", files: { "blob.bin": bytes(0, 1, 2, 3, 255, 254) }, input: "blob.bin", expect: error("UNKNOWN_INPUT_FORMAT"), blame: "blob.bin" },
  { name: "layout-empty-folder", format: "mask-layout", what: "an empty folder", files: { ".keep": "" }, expect: error("UNKNOWN_INPUT_FORMAT"), blame: "" },
  {
    name: "layout-no-labelmap",
    format: "mask-layout",
    what: "class masks without labelmap.txt, --from mask",
    files: { "CLASS/a.png": RGB_MASK },
    args: ["--from", "mask"],
    expect: error("LABELMAP_MISSING"),
    blame: "labelmap.txt",
  },
  { name: "layout-empty-class-folder", format: "mask-layout", what: "labelmap.txt and an empty CLASS folder", files: { "labelmap.txt": CVAT_LABELMAP, "CLASS/.keep": "" }, expect: error("EMPTY_DATASET"), blame: "" },
  {
    name: "layout-object-without-class-folder",
    format: "mask-layout",
    what: "an OBJECT folder and no CLASS folder",
    files: { "labelmap.txt": CVAT_LABELMAP, "Y_OBJECT_png/a.png": RGB_MASK },
    expect: error("OBJECT_WITHOUT_CLASS"),
    blame: "",
  },
  {
    name: "layout-object-without-class-mask",
    format: "mask-layout",
    what: "an object mask whose class mask is missing",
    files: { "labelmap.txt": CVAT_LABELMAP, "CLASS/a.png": RGB_MASK, "OBJECT/b.png": RGB_MASK },
    expect: error("OBJECT_WITHOUT_CLASS"),
    blame: "OBJECT/b.png",
  },
  {
    name: "layout-two-class-folders",
    format: "mask-layout",
    what: "two CLASS folders beside one labelmap",
    files: { "labelmap.txt": CVAT_LABELMAP, "A_CLASS/a.png": RGB_MASK, "B_CLASS/a.png": RGB_MASK },
    expect: error("UNKNOWN_INPUT_FORMAT"),
    blame: "",
  },
  {
    name: "layout-two-nested-datasets",
    format: "mask-layout",
    what: "two sub-folders each holding a labelmap.txt",
    files: { "one/labelmap.txt": CVAT_LABELMAP, "one/CLASS/a.png": RGB_MASK, "two/labelmap.txt": CVAT_LABELMAP, "two/CLASS/a.png": RGB_MASK },
    expect: error("UNKNOWN_INPUT_FORMAT"),
    blame: "",
  },
  {
    name: "layout-two-nested-exports",
    format: "mask-layout",
    what: "a labelmap at the top and two SegmentationClass exports below",
    files: { "labelmap.txt": CVAT_LABELMAP, "data/x/SegmentationClass/a.png": RGB_MASK, "data/y/SegmentationClass/a.png": RGB_MASK },
    expect: error("UNKNOWN_INPUT_FORMAT"),
    blame: "",
  },
  {
    name: "layout-imagesets-climb",
    format: "mask-layout",
    what: "ImageSets/Segmentation/train.txt listing ../../etc/passwd",
    files: { "labelmap.txt": CVAT_LABELMAP, "SegmentationClass/a.png": RGB_MASK, "ImageSets/Segmentation/train.txt": "a\n../../etc/passwd\n" },
    expect: error("UNSAFE_NAME"),
    blame: "ImageSets/Segmentation/train.txt",
  },
  {
    name: "layout-imagesets-absolute",
    format: "mask-layout",
    what: "ImageSets/Segmentation/train.txt listing /etc/passwd",
    files: { "labelmap.txt": CVAT_LABELMAP, "SegmentationClass/a.png": RGB_MASK, "ImageSets/Segmentation/train.txt": "/etc/passwd\na\n" },
    expect: error("UNSAFE_NAME"),
    blame: "ImageSets/Segmentation/train.txt",
  },
  {
    name: "layout-imagesets-backslash-subset",
    format: "mask-layout",
    what: "a list file named a\\b.txt (subset with a backslash)",
    files: { "labelmap.txt": CVAT_LABELMAP, "SegmentationClass/a.png": RGB_MASK, "ImageSets/Segmentation/a\\b.txt": "a\n" },
    expect: error("UNSAFE_NAME"),
    blame: "ImageSets/Segmentation/a\\b.txt",
  },
  {
    name: "layout-imagesets-unlisted",
    format: "mask-layout",
    what: "a class mask in no ImageSets list (ignored, as CVAT does)",
    files: { "labelmap.txt": CVAT_LABELMAP, "SegmentationClass/a.png": RGB_MASK, "SegmentationClass/b.png": RGB_MASK, "ImageSets/Segmentation/train.txt": "a\n" },
    expect: warning("INVALID_INPUT"),
    blame: "SegmentationClass/b.png",
  },
  {
    name: "layout-imagesets-listed-missing",
    format: "mask-layout",
    what: "an ImageSets id with no mask and no image (skipped)",
    files: { "labelmap.txt": CVAT_LABELMAP, "SegmentationClass/a.png": RGB_MASK, "ImageSets/Segmentation/train.txt": "a\nghost\n" },
    expect: warning("INVALID_INPUT"),
    blame: "ImageSets/Segmentation/train.txt",
  },
  {
    name: "layout-voc-default",
    format: "mask-layout",
    what: "a Segmentation mask export without labelmap.txt (Pascal VOC labels)",
    files: { "SegmentationClass/a.png": encodePng({ width: 2, height: 1, colorType: 2, bitDepth: 8, samples: [0, 0, 0, 128, 0, 0] }), "ImageSets/Segmentation/default.txt": "a\n" },
    expect: warning("LABELMAP_MISSING", "info"),
    blame: "labelmap.txt",
  },
  {
    name: "layout-broken-symlink",
    format: "mask-layout",
    what: "a class mask that is a dangling symlink (skipped)",
    files: { "labelmap.txt": CVAT_LABELMAP, "CLASS/a.png": RGB_MASK, "CLASS/b.png": { symlink: "gone.png" } },
    expect: warning("INVALID_INPUT"),
    blame: "CLASS/b.png",
  },
  {
    name: "layout-symlink-loop",
    format: "mask-layout",
    what: "a folder symlink pointing at its own parent (a loop)",
    files: { "labelmap.txt": CVAT_LABELMAP, "CLASS/a.png": RGB_MASK, "CLASS/loop": { symlink: "." } },
    expect: warning("INVALID_INPUT"),
    blame: "CLASS/loop",
  },
  {
    name: "layout-jpeg-mask",
    format: "mask-layout",
    what: "a class mask saved as .jpg",
    files: { "labelmap.txt": CVAT_LABELMAP, "CLASS/a.jpg": jpegHeader(3, 2) },
    expect: error("MASK_NOT_PNG"),
    blame: "CLASS/a.jpg",
  },
  {
    name: "layout-raw-image-not-image",
    format: "mask-layout",
    what: "--images holding an HTML page named a.jpg",
    files: { "labelmap.txt": CVAT_LABELMAP, "CLASS/a.png": RGB_MASK, "raw/a.jpg": "<html>403</html>" },
    args: ["--images", "{dir}/raw"],
    expect: warning("IMAGE_UNREADABLE"),
    blame: "raw/a.jpg",
  },
  {
    name: "layout-raw-image-size",
    format: "mask-layout",
    what: "a raw image of another size than its mask",
    files: { "labelmap.txt": CVAT_LABELMAP, "CLASS/a.png": RGB_MASK, "raw/a.png": gray([[0, 0, 0, 0]]) },
    args: ["--images", "{dir}/raw"],
    expect: error("IMAGE_SIZE_MISMATCH"),
    blame: "raw/a.png",
  },
  {
    name: "layout-raw-image-huge-header",
    format: "mask-layout",
    what: "a raw JPEG whose header declares 65535×65535 beside a 3×2 mask",
    files: { "labelmap.txt": CVAT_LABELMAP, "CLASS/a.png": RGB_MASK, "raw/a.jpg": jpegHeader(65535, 65535) },
    args: ["--images", "{dir}/raw"],
    expect: error(["IMAGE_SIZE_MISMATCH", "IMAGE_TOO_LARGE"]),
    blame: "raw/a.jpg",
    debatable: "Either the size the header claims is refused (IMAGE_TOO_LARGE, the pixel limit applies to sizing too) or it disagrees with the mask (IMAGE_SIZE_MISMATCH).",
  },
];

// --- labelmap.txt (both dialects) ------------------------------------------------------------

function labelmapEntry(name: string, what: string, text: string | Uint8Array, code: ErrorCode, extra: Partial<CorpusEntry> = {}): CorpusEntry {
  return { name, format: "labelmap", what, files: { "labelmap.txt": text, "CLASS/a.png": RGB_MASK }, expect: error(code), blame: "labelmap.txt", ...extra };
}

const labelmap: CorpusEntry[] = [
  labelmapEntry("labelmap-cvat-3-fields", "a CVAT line with 3 fields", "background:0,0,0::\ntumor:250,50,83:\n", "LABELMAP_MALFORMED"),
  labelmapEntry("labelmap-cvat-5-fields", "a CVAT line with 5 fields", "background:0,0,0::\ntumor:250,50,83:::\n", "LABELMAP_MALFORMED"),
  labelmapEntry("labelmap-cvat-empty-name", "a CVAT line with an empty name", "background:0,0,0::\n:250,50,83::\n", "LABELMAP_MALFORMED"),
  labelmapEntry("labelmap-cvat-colour-256", "colour component 256", "background:0,0,0::\ntumor:256,50,83::\n", "LABELMAP_BAD_COLOR"),
  labelmapEntry("labelmap-cvat-colour-negative", "colour component -1", "background:0,0,0::\ntumor:-1,50,83::\n", "LABELMAP_BAD_COLOR"),
  labelmapEntry("labelmap-cvat-colour-two", "a colour with two components", "background:0,0,0::\ntumor:250,50::\n", "LABELMAP_BAD_COLOR"),
  labelmapEntry("labelmap-cvat-colour-1e999", "colour component 1e999 (Infinity)", "background:0,0,0::\ntumor:1e999,50,83::\n", "LABELMAP_BAD_COLOR"),
  labelmapEntry("labelmap-cvat-colour-hex", "a #rrggbb colour", "background:0,0,0::\ntumor:#fa3253::\n", "LABELMAP_BAD_COLOR"),
  labelmapEntry("labelmap-cvat-duplicate-name", "one name twice", "background:0,0,0::\ntumor:250,50,83::\ntumor:1,2,3::\n", "LABELMAP_DUPLICATE_NAME"),
  labelmapEntry("labelmap-cvat-duplicate-colour", "one colour twice", "background:0,0,0::\ntumor:250,50,83::\nedema:250,50,83::\n", "LABELMAP_DUPLICATE_COLOR"),
  labelmapEntry("labelmap-mixed-cvat-then-index", "a CVAT line then an index line", "background:0,0,0::\n1: tumor\n", "LABELMAP_MALFORMED"),
  labelmapEntry("labelmap-mixed-index-then-cvat", "an index line then a CVAT line", "0: background\ntumor:250,50,83::\n", "LABELMAP_MALFORMED"),
  labelmapEntry("labelmap-index-duplicate-id", "index dialect, id 1 twice", "0: background\n1: tumor\n1: edema\n", "LABELMAP_DUPLICATE_ID"),
  labelmapEntry("labelmap-index-duplicate-name", "index dialect, a name twice", "0: background\n1: tumor\n2: tumor\n", "LABELMAP_DUPLICATE_NAME"),
  labelmapEntry("labelmap-index-id-65536", "index dialect, id 65536", "0: background\n65536: tumor\n", "LABELMAP_MALFORMED"),
  labelmapEntry("labelmap-index-id-huge", "index dialect, a 30-digit id", "0: background\n999999999999999999999999999999: tumor\n", "LABELMAP_MALFORMED"),
  labelmapEntry("labelmap-empty", "an empty file", "", "LABELMAP_MALFORMED"),
  labelmapEntry("labelmap-comments-only", "the header and comments only", "# label:color_rgb:parts:actions\n# nothing\n", "LABELMAP_MALFORMED"),
  labelmapEntry("labelmap-utf16", "UTF-16 LE with BOM", Uint8Array.from([0xff, 0xfe, ...[...ascii(CVAT_LABELMAP)].flatMap((byte) => [byte, 0])]), "LABELMAP_MALFORMED"),
  labelmapEntry("labelmap-binary", "binary bytes with NULs", bytes(0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52), "LABELMAP_MALFORMED"),
  {
    name: "labelmap-unknown-colour-in-mask",
    format: "labelmap",
    what: "a valid labelmap that lacks the mask's colour",
    files: { "labelmap.txt": "background:0,0,0::\nedema:1,2,3::\n", "CLASS/a.png": RGB_MASK },
    expect: error("UNKNOWN_COLOR"),
    blame: "CLASS/a.png",
  },
  {
    name: "labelmap-segmentation-export-bad",
    format: "labelmap",
    what: "a Segmentation mask 1.1 export whose labelmap has a bad colour",
    files: { "labelmap.txt": "background:0,0,0::\ntumor:250,50,830::\n", "SegmentationClass/a.png": RGB_MASK },
    expect: error("LABELMAP_BAD_COLOR"),
    blame: "labelmap.txt",
  },
  {
    name: "labelmap-semantic-bad",
    format: "labelmap",
    what: "the semantic layout's labelmap with a duplicate id",
    files: { "labelmap.txt": "0: background\n0: tumor\n", "masks/a.png": GRAY_MASK },
    expect: error("LABELMAP_DUPLICATE_ID"),
    blame: "labelmap.txt",
  },
];

// --- COCO JSON -------------------------------------------------------------------------------

const COCO_FILE = "annotations/instances_default.json";
/** FORMATS.md §2.7: a 4×3 image with a 6-pixel instance. */
const RLE = { size: [3, 4], counts: "32110N0" };
interface CocoShape {
  images?: unknown;
  annotations?: unknown;
  categories?: unknown;
  [key: string]: unknown;
}
const cocoImage = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({ id: 1, width: 4, height: 3, file_name: "a.jpg", ...extra });
const cocoAnnotation = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({ id: 1, image_id: 1, category_id: 1, iscrowd: 0, segmentation: RLE, area: 6, bbox: [1, 0, 3, 3], ...extra });
const cocoDoc = (over: CocoShape = {}): string => JSON.stringify({ images: [cocoImage()], categories: [{ id: 1, name: "tumor", supercategory: "" }], annotations: [cocoAnnotation()], ...over });

function cocoEntry(name: string, what: string, text: string, expect: Outcome, extra: Partial<CorpusEntry> = {}): CorpusEntry {
  return { name, format: "coco", what, files: { [COCO_FILE]: text }, expect, blame: COCO_FILE, ...extra };
}

const coco: CorpusEntry[] = [
  cocoEntry("coco-truncated-json", "JSON cut in the middle", cocoDoc().slice(0, 60), error("INVALID_INPUT")),
  cocoEntry("coco-not-json", "binary bytes", "\u0000\u0001\u0002garbage", error("INVALID_INPUT")),
  cocoEntry("coco-empty-file", "an empty file", "", error("INVALID_INPUT")),
  cocoEntry("coco-deep-array", "100,000 nested arrays", deepJson, error("INVALID_INPUT")),
  cocoEntry("coco-deep-unclosed", "100,000 unclosed arrays in images", `{"images": ${"[".repeat(DEPTH)}`, error("INVALID_INPUT")),
  cocoEntry("coco-deep-value", "a 100,000-deep value as an image_id", cocoDoc().replace('"image_id":1', `"image_id":${deepJson}`), error("INVALID_INPUT")),
  cocoEntry("coco-top-level-array", "a top-level array", "[]", error("INVALID_INPUT")),
  cocoEntry("coco-empty-object", "{} (no sections)", "{}", error("INVALID_INPUT")),
  cocoEntry("coco-images-object", "images as an object", cocoDoc({ images: { "1": cocoImage() } }), error("INVALID_INPUT")),
  cocoEntry("coco-width-string", "width as a string", cocoDoc({ images: [cocoImage({ width: "4" })] }), error("INVALID_INPUT")),
  cocoEntry("coco-width-negative", "width -4", cocoDoc({ images: [cocoImage({ width: -4 })] }), error("INVALID_INPUT")),
  cocoEntry("coco-width-zero", "width 0", cocoDoc({ images: [cocoImage({ width: 0 })], annotations: [] }), error("INVALID_INPUT")),
  cocoEntry("coco-width-fraction", "width 4.5", cocoDoc({ images: [cocoImage({ width: 4.5 })] }), error("INVALID_INPUT")),
  cocoEntry("coco-width-1e300", "width 1e300", cocoDoc({ images: [cocoImage({ width: 1e300 })], annotations: [] }), error(["INVALID_INPUT", "IMAGE_TOO_LARGE"]), {
    debatable: "1e300 is an integer to JavaScript; as a size it is either not a safe integer (INVALID_INPUT) or far too large (IMAGE_TOO_LARGE).",
  }),
  cocoEntry("coco-file-name-number", "file_name as a number", cocoDoc({ images: [cocoImage({ file_name: 7 })] }), error("INVALID_INPUT")),
  cocoEntry("coco-duplicate-image-id", "two images with id 1", cocoDoc({ images: [cocoImage(), cocoImage({ file_name: "b.jpg" })] }), error("INVALID_INPUT")),
  cocoEntry("coco-unknown-image-id", "an annotation of image 99", cocoDoc({ annotations: [cocoAnnotation({ image_id: 99 })] }), error("INVALID_INPUT")),
  cocoEntry("coco-unknown-category", "category_id 42", cocoDoc({ annotations: [cocoAnnotation({ category_id: 42 })] }), error("UNKNOWN_VALUE")),
  cocoEntry("coco-category-id-zero", "category id 0", cocoDoc({ categories: [{ id: 0, name: "tumor" }], annotations: [cocoAnnotation({ category_id: 0 })] }), error("INVALID_INPUT"), {
    debatable: "COCO category ids are 1-based in practice; 0 would collide with maskport's background id 0.",
  }),
  cocoEntry("coco-duplicate-category-id", "category id 1 twice", cocoDoc({ categories: [{ id: 1, name: "tumor" }, { id: 1, name: "edema" }] }), error("INVALID_INPUT")),
  cocoEntry("coco-rle-sum-mismatch", "uncompressed RLE summing to 11 of 12", cocoDoc({ annotations: [cocoAnnotation({ segmentation: { size: [3, 4], counts: [3, 2, 6] } })] }), error("INVALID_MASK")),
  cocoEntry("coco-rle-negative", "uncompressed RLE with a negative run", cocoDoc({ annotations: [cocoAnnotation({ segmentation: { size: [3, 4], counts: [14, -2] } })] }), error("INVALID_MASK")),
  cocoEntry("coco-rle-bad-string", "compressed counts that are not LEB128 text", cocoDoc({ annotations: [cocoAnnotation({ segmentation: { size: [3, 4], counts: "\u0001\u0002~~~~" } })] }), error("INVALID_MASK")),
  cocoEntry("coco-rle-size-mismatch", "RLE size [5, 5] for a 4×3 image", cocoDoc({ annotations: [cocoAnnotation({ segmentation: { size: [5, 5], counts: [25] } })] }), error("SIZE_MISMATCH")),
  cocoEntry("coco-rle-counts-object", "counts as an object", cocoDoc({ annotations: [cocoAnnotation({ segmentation: { size: [3, 4], counts: { a: 1 } } })] }), error("INVALID_MASK")),
  cocoEntry("coco-polygon-odd", "a polygon of 7 numbers", cocoDoc({ annotations: [cocoAnnotation({ segmentation: [[0, 0, 3, 0, 3, 2, 1]] })] }), error("INVALID_MASK")),
  cocoEntry("coco-polygon-strings", "polygon coordinates as strings", cocoDoc({ annotations: [cocoAnnotation({ segmentation: [["0", "0", "3", "0", "3", "2"]] })] }), error("INVALID_INPUT")),
  cocoEntry("coco-segmentation-string", "segmentation as a string", cocoDoc({ annotations: [cocoAnnotation({ segmentation: "polygon" })] }), error("INVALID_INPUT")),
  cocoEntry("coco-polygon-two-points", "a polygon of 2 points (skipped, as Detectron2 does)", cocoDoc({ annotations: [cocoAnnotation({ segmentation: [[0, 0, 3, 0]] }), cocoAnnotation({ id: 2 })] }), warning("SHAPE_SKIPPED")),
  cocoEntry("coco-segmentation-empty", "segmentation: [] (CVAT's box-only annotation)", cocoDoc({ annotations: [cocoAnnotation({ segmentation: [] }), cocoAnnotation({ id: 2 })] }), warning("INSTANCE_DROPPED")),
  cocoEntry("coco-polygon-outside", "a polygon entirely outside the image", cocoDoc({ annotations: [cocoAnnotation({ segmentation: [[100, 100, 110, 100, 110, 110]] }), cocoAnnotation({ id: 2 })] }), warning("INSTANCE_DROPPED")),
  cocoEntry("coco-polygon-1e308", "polygon coordinates ±1e308", cocoDoc({ annotations: [cocoAnnotation({ segmentation: [[-1e308, -1e308, 1e308, -1e308, 1e308, 1e308, -1e308, 1e308]] }), cocoAnnotation({ id: 2 })] }), error("INVALID_MASK"), {
    debatable: "pycocotools' own result is undefined here (its int casts overflow): refused, as no image is that large; a named warning (INSTANCE_DROPPED) would be the least.",
  }),
  cocoEntry("coco-polygon-1e6", "a polygon of ±10^6 around a 4×3 image (clipped: every pixel)", cocoDoc({ annotations: [cocoAnnotation({ segmentation: [[-1e6, -1e6, 1e6, -1e6, 1e6, 1e6, -1e6, 1e6]] })] }), OK),
  cocoEntry("coco-huge-rle", "a 100000×100000 image with a full-frame RLE", cocoDoc({ images: [cocoImage({ width: 100000, height: 100000 })], annotations: [cocoAnnotation({ segmentation: { size: [100000, 100000], counts: [0, 10_000_000_000] } })] }), error("IMAGE_TOO_LARGE")),
  cocoEntry("coco-huge-polygon", "a 100000×100000 image with a full-frame polygon", cocoDoc({ images: [cocoImage({ width: 100000, height: 100000 })], annotations: [cocoAnnotation({ segmentation: [[0, 0, 100000, 0, 100000, 100000, 0, 100000]] })] }), error("IMAGE_TOO_LARGE")),
  cocoEntry("coco-polygon-far-vertex", "a 200-byte triangle in a 6×5 image with one vertex at y = 2^31 (found by the fuzzer)", cocoDoc({ images: [cocoImage({ width: 6, height: 5 })], annotations: [cocoAnnotation({ segmentation: [[0.5, 1, 3, 1, 3, 2147483648, 0.5, 4]] })] }), OK, {
    debatable: "pycocotools' int casts overflow there; clipped pixels or a named error are both fine, 30 s of CPU is not.",
  }),
  cocoEntry("coco-big-polygon", "a 40000×40000 image (1.6 gigapixels, under the typed-array limit) with a full-frame polygon", cocoDoc({ images: [cocoImage({ width: 40000, height: 40000 })], annotations: [cocoAnnotation({ segmentation: [[0, 0, 40000, 0, 40000, 40000, 0, 40000]] })] }), error("IMAGE_TOO_LARGE")),
  cocoEntry("coco-huge-empty-to-semantic", "a 100000×100000 image without annotations, --to semantic (paints a full-size mask)", cocoDoc({ images: [cocoImage({ width: 100000, height: 100000 })], annotations: [] }), error("IMAGE_TOO_LARGE"), { to: "semantic" }),
  cocoEntry("coco-file-name-climb", "file_name ../../evil.jpg", cocoDoc({ images: [cocoImage({ file_name: "../../evil.jpg" })] }), error("UNSAFE_NAME")),
  cocoEntry("coco-file-name-absolute", "file_name /etc/passwd", cocoDoc({ images: [cocoImage({ file_name: "/etc/passwd" })] }), error("UNSAFE_NAME")),
  cocoEntry("coco-file-name-windows", "file_name C:\\Windows\\x.jpg", cocoDoc({ images: [cocoImage({ file_name: "C:\\Windows\\x.jpg" })] }), error("UNSAFE_NAME")),
  cocoEntry("coco-file-name-nul", "file_name with a NUL byte", cocoDoc({ images: [cocoImage({ file_name: "a\u0000b.jpg" })] }), error("UNSAFE_NAME"), {
    debatable: "checkSampleId does not list NUL; without it the name reaches fs calls, which throw a plain TypeError.",
  }),
  cocoEntry("coco-file-name-too-long", "file_name of 300 characters (longer than a file name may be)", cocoDoc({ images: [cocoImage({ file_name: `${"a".repeat(300)}.jpg` })] }), error(["UNSAFE_NAME", "OUTPUT_WRITE_FAILED"]), {
    to: "yolo",
    debatable: "The name is safe but cannot be a file on most file systems (255 bytes): refused while reading (UNSAFE_NAME) or when written (OUTPUT_WRITE_FAILED); either way the message must name the JSON it came from.",
  }),
  cocoEntry("coco-duplicate-file-name", "two images with one file_name (one output path)", cocoDoc({ images: [cocoImage(), cocoImage({ id: 2 })], annotations: [] }), error(["ID_COLLISION", "INVALID_INPUT"]), {
    debatable: "Two samples with one id, refused while reading, naming the JSON: ID_COLLISION or INVALID_INPUT.",
  }),
  {
    name: "coco-subset-dotdot",
    format: "coco",
    what: "annotations/instances_...json (subset ..)",
    files: { "annotations/instances_...json": cocoDoc() },
    expect: error("UNSAFE_NAME"),
    blame: "annotations/instances_...json",
  },
];

// --- SA-1B JSON ------------------------------------------------------------------------------

const sa1bDoc = (image: Record<string, unknown> = {}, annotations: unknown = [{ id: 1, segmentation: RLE, bbox: [1, 0, 3, 3], area: 6, predicted_iou: 1, stability_score: 1, crop_box: [0, 0, 4, 3], point_coords: [[2, 1]] }]): string =>
  JSON.stringify({ image: { image_id: 1, width: 4, height: 3, file_name: "sa_1.jpg", ...image }, annotations });

function sa1bEntry(name: string, what: string, text: string, expect: Outcome, extra: Partial<CorpusEntry> = {}): CorpusEntry {
  return { name, format: "sa1b", what, files: { "sa_1.json": text }, args: ["--from", "sa1b"], expect, blame: "sa_1.json", ...extra };
}

const sa1b: CorpusEntry[] = [
  sa1bEntry("sa1b-truncated", "JSON cut short", sa1bDoc().slice(0, 50), error("INVALID_INPUT")),
  sa1bEntry("sa1b-deep", "100,000 unclosed arrays", `{"image": {"file_name": ${"[".repeat(DEPTH)}`, error("INVALID_INPUT")),
  sa1bEntry("sa1b-no-image", "no image record", JSON.stringify({ annotations: [] }), error("INVALID_INPUT")),
  sa1bEntry("sa1b-width-missing", "image without width", sa1bDoc({ width: undefined }), error("INVALID_INPUT")),
  sa1bEntry("sa1b-annotations-object", "annotations as an object", sa1bDoc({}, { 1: {} }), error("INVALID_INPUT")),
  sa1bEntry("sa1b-file-name-climb", "file_name ../../evil.jpg", sa1bDoc({ file_name: "../../evil.jpg" }), error("UNSAFE_NAME")),
  sa1bEntry("sa1b-rle-sum", "RLE summing to 11 of 12", sa1bDoc({}, [{ id: 1, segmentation: { size: [3, 4], counts: [3, 2, 6] } }]), error("INVALID_MASK")),
  sa1bEntry("sa1b-rle-size", "RLE size other than the image's", sa1bDoc({}, [{ id: 1, segmentation: { size: [4, 4], counts: [16] } }]), error("SIZE_MISMATCH")),
  sa1bEntry("sa1b-huge", "a 100000×100000 image with a full-frame RLE", sa1bDoc({ width: 100000, height: 100000 }, [{ id: 1, segmentation: { size: [100000, 100000], counts: [0, 10_000_000_000] } }]), error("IMAGE_TOO_LARGE")),
  sa1bEntry("sa1b-detected-bad", "detected SA-1B (no --from) whose RLE is broken", sa1bDoc({}, [{ id: 1, segmentation: { size: [3, 4], counts: "\u0001~~" } }]), error("INVALID_MASK"), { args: [] }),
];

// --- CVAT XML --------------------------------------------------------------------------------

const XML_HEAD = `<?xml version="1.0" encoding="utf-8"?>`;
const META = `<version>1.1</version><meta><task><subset>default</subset><labels><label><name>tumor</name><color>#fa3253</color><type>any</type></label></labels></task></meta>`;
const MASK = `<mask label="tumor" source="manual" occluded="0" rle="1, 2, 1" left="1" top="0" width="2" height="2" z_order="0"></mask>`;
const cvatImage = (attributes = 'id="0" name="a.png" width="4" height="3"', shapes = MASK): string => `<image ${attributes}>${shapes}</image>`;
const cvatDoc = (images = cvatImage(), doctype = ""): string => `${XML_HEAD}${doctype}<annotations>${META}${images}</annotations>`;

function cvatEntry(name: string, what: string, text: string, expect: Outcome, extra: Partial<CorpusEntry> = {}): CorpusEntry {
  return { name, format: "cvat", what, files: { "annotations.xml": text }, expect, blame: "annotations.xml", ...extra };
}

const laughs = ['<!ENTITY l0 "lollollollollollollollollollol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`)].join("");

const cvat: CorpusEntry[] = [
  cvatEntry("cvat-unclosed", "an unclosed <image>", `${XML_HEAD}<annotations>${META}<image id="0" name="a.png" width="4" height="3">${MASK}</annotations>`, error("INVALID_INPUT")),
  cvatEntry("cvat-truncated", "XML cut in the middle of a tag", cvatDoc().slice(0, cvatDoc().indexOf("<mask") + 20), error("INVALID_INPUT")),
  cvatEntry("cvat-not-xml", "binary bytes, --from cvat", "\u0000\u0001garbage<<<", error("INVALID_INPUT"), { args: ["--from", "cvat"] }),
  cvatEntry("cvat-xxe-file", "an external entity on file:///etc/passwd", cvatDoc(cvatImage('id="0" name="&xxe;" width="4" height="3"'), `<!DOCTYPE annotations [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>`), error("INVALID_INPUT")),
  cvatEntry("cvat-xxe-parameter", "an external parameter entity", cvatDoc(cvatImage(), `<!DOCTYPE annotations [<!ENTITY % pe SYSTEM "file:///etc/passwd"> %pe;]>`), error("INVALID_INPUT")),
  cvatEntry("cvat-xxe-http", "an external entity on http://", cvatDoc(cvatImage('id="0" name="&x;" width="4" height="3"'), `<!DOCTYPE annotations [<!ENTITY x SYSTEM "http://127.0.0.1:9/x">]>`), error("INVALID_INPUT")),
  cvatEntry("cvat-billion-laughs", "nested entity expansion (billion laughs) in an image name", cvatDoc(cvatImage('id="0" name="&l9;" width="4" height="3"'), `<!DOCTYPE annotations [${laughs}]>`), error("INVALID_INPUT"), {
    debatable: "The cvat importer leaves nested entities unexpanded (its test reads the sample); refusing the DOCTYPE outright would be the stricter answer.",
  }),
  cvatEntry("cvat-quadratic-blowup", "one 9,000-character entity used 1,500 times", cvatDoc(`<image id="0" name="&b;&b;&b;" width="4" height="3"></image>`.repeat(500), `<!DOCTYPE annotations [<!ENTITY b "${"x".repeat(9000)}">]>`), error("INVALID_INPUT"), {
    args: ["--from", "cvat"],
    debatable: "--from cvat: detection reads the first 4 KB, which the 9 KB DOCTYPE fills, so without it the folder is UNKNOWN_INPUT_FORMAT.",
  }),
  cvatEntry("cvat-deep-closed", "100,000 nested tags, closed", cvatDoc(`${"<a>".repeat(DEPTH)}${"</a>".repeat(DEPTH)}`), error("INVALID_INPUT")),
  cvatEntry("cvat-deep-unclosed", "100,000 nested tags, unclosed", cvatDoc("<a>".repeat(DEPTH)), error("INVALID_INPUT")),
  cvatEntry("cvat-rle-sum", "mask RLE summing to 3 of 4", cvatDoc(cvatImage(undefined, MASK.replace('rle="1, 2, 1"', 'rle="1, 2"'))), error("INVALID_MASK")),
  cvatEntry("cvat-rle-words", "mask RLE with words", cvatDoc(cvatImage(undefined, MASK.replace('rle="1, 2, 1"', 'rle="one, two"'))), error("INVALID_MASK")),
  cvatEntry("cvat-rle-negative", "mask RLE with a negative run", cvatDoc(cvatImage(undefined, MASK.replace('rle="1, 2, 1"', 'rle="5, -1"'))), error("INVALID_MASK")),
  cvatEntry("cvat-mask-negative-width", "mask width -2", cvatDoc(cvatImage(undefined, MASK.replace('width="2"', 'width="-2"'))), error(["INVALID_MASK", "INVALID_INPUT"]), {
    debatable: "INVALID_INPUT (a bad attribute) would do as well as INVALID_MASK.",
  }),
  cvatEntry("cvat-polygon-garbage", "polygon points that are not numbers", cvatDoc(cvatImage(undefined, `<polygon label="tumor" occluded="0" points="a,b;c,d;e,f" z_order="0"></polygon>`)), error(["INVALID_MASK", "INVALID_INPUT"]), {
    debatable: "INVALID_INPUT would do as well as INVALID_MASK.",
  }),
  cvatEntry("cvat-polygon-odd", "a polygon point without y", cvatDoc(cvatImage(undefined, `<polygon label="tumor" occluded="0" points="0,0;3,0;3" z_order="0"></polygon>`)), error(["INVALID_MASK", "INVALID_INPUT"]), {
    debatable: "INVALID_INPUT would do as well as INVALID_MASK.",
  }),
  cvatEntry("cvat-unknown-label", "a mask of a label not in <meta>", cvatDoc(cvatImage(undefined, MASK.replace('label="tumor"', 'label="ghost"'))), warning("INSTANCE_DROPPED"), {
    debatable: "The shape is skipped with a warning naming the label (Datumaro refuses the file instead); the coco importer refuses a category_id not in categories (UNKNOWN_VALUE).",
  }),
  cvatEntry("cvat-width-word", 'image width="abc"', cvatDoc(cvatImage('id="0" name="a.png" width="abc" height="3"')), error("INVALID_INPUT")),
  cvatEntry("cvat-width-missing", "image without width", cvatDoc(cvatImage('id="0" name="a.png" height="3"')), error("INVALID_INPUT")),
  cvatEntry("cvat-huge-image", "a 100000×100000 image with a full-frame mask", cvatDoc(cvatImage('id="0" name="a.png" width="100000" height="100000"', MASK.replace('rle="1, 2, 1"', 'rle="0, 10000000000"').replace('left="1"', 'left="0"').replace('width="2" height="2"', 'width="100000" height="100000"'))), error("IMAGE_TOO_LARGE")),
  cvatEntry("cvat-huge-polygon", "a 100000×100000 image with a full-frame polygon", cvatDoc(cvatImage('id="0" name="a.png" width="100000" height="100000"', `<polygon label="tumor" occluded="0" points="0,0;100000,0;100000,100000;0,100000" z_order="0"></polygon>`)), error("IMAGE_TOO_LARGE")),
  cvatEntry("cvat-polygon-far-vertex", "a triangle in a 4×3 image with one vertex at x = 1e11 (found by the fuzzer)", cvatDoc(cvatImage(undefined, `<polygon label="tumor" occluded="0" points="0.5,1;3,1;100000000000,2" z_order="0"></polygon>`)), error(["INVALID_INPUT", "INVALID_MASK"]), {
    debatable: "A coordinate no image has (beyond 2^31) refused, as for coco-polygon-1e308; clipping it within the time limit would do too.",
  }),
  cvatEntry("cvat-big-polygon", "a 40000×40000 image (1.6 gigapixels) with a full-frame polygon", cvatDoc(cvatImage('id="0" name="a.png" width="40000" height="40000"', `<polygon label="tumor" occluded="0" points="0,0;40000,0;40000,40000;0,40000" z_order="0"></polygon>`)), error("IMAGE_TOO_LARGE")),
  cvatEntry("cvat-huge-mask-box", "a 4×3 image with a mask box declaring 100000×100000", cvatDoc(cvatImage(undefined, MASK.replace('rle="1, 2, 1"', 'rle="0, 10000000000"').replace('width="2" height="2"', 'width="100000" height="100000"'))), warning("MASK_MODIFIED"), {
    debatable: "The runs are consistent with the box, so the mask is clipped to the image (only the clipped box is allocated) with a warning counting the pixels outside; INVALID_MASK would do too.",
  }),
  cvatEntry("cvat-name-climb", 'image name="../../evil.png"', cvatDoc(cvatImage('id="0" name="../../evil.png" width="4" height="3"')), error("UNSAFE_NAME")),
  cvatEntry("cvat-name-absolute", 'image name="/etc/passwd"', cvatDoc(cvatImage('id="0" name="/etc/passwd" width="4" height="3"')), error("UNSAFE_NAME")),
  cvatEntry("cvat-subset-climb", 'image subset="../x"', cvatDoc(cvatImage('id="0" name="a.png" subset="../x" width="4" height="3"')), error("UNSAFE_NAME")),
  cvatEntry("cvat-duplicate-name", "two images with one name", cvatDoc(cvatImage() + cvatImage('id="1" name="a.png" width="4" height="3"')), error(["ID_COLLISION", "INVALID_INPUT"]), {
    debatable: "Two samples with one id, refused while reading, naming the XML: ID_COLLISION or INVALID_INPUT (what the coco importer says).",
  }),
  cvatEntry("cvat-box-only", "a box shape (skipped)", cvatDoc(cvatImage(undefined, `${MASK}<box label="tumor" occluded="0" xtl="0" ytl="0" xbr="2" ybr="2" z_order="0"></box>`)), warning("SHAPE_SKIPPED")),
  cvatEntry("cvat-track", "an interpolation <track> (skipped)", cvatDoc(`${cvatImage()}<track id="0" label="tumor"><box frame="0" xtl="0" ytl="0" xbr="2" ybr="2" outside="0" occluded="0" keyframe="1"></box></track>`), warning("SHAPE_SKIPPED")),
];

// --- YOLO ------------------------------------------------------------------------------------

const YOLO_IMAGE = gray(Array.from({ length: 8 }, () => Array.from({ length: 8 }, () => 0)));
const YOLO_YAML = "path: .\ntrain: train.txt\nnames:\n  0: tumor\n";
const YOLO_LABEL = "0 0.1 0.1 0.9 0.1 0.9 0.9\n";
const yoloFiles = (over: Overrides = {}): Record<string, CorpusFile> =>
  withFiles({ "data.yaml": YOLO_YAML, "train.txt": "./images/train/a.png\n", "images/train/a.png": YOLO_IMAGE, "labels/train/a.txt": YOLO_LABEL }, over);
function yoloEntry(name: string, what: string, over: Overrides, expect: Outcome, blame: string, extra: Partial<CorpusEntry> = {}): CorpusEntry {
  return { name, format: "yolo", what, files: yoloFiles(over), expect, blame, ...extra };
}
const yamlBomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]", ...Array.from({ length: 8 }, (_, i) => `${"bcdefghi"[i]}: &${"bcdefghi"[i]} [${Array.from({ length: 10 }, () => `*${"abcdefgh"[i]}`).join(", ")}]`)].join("\n");

const yolo: CorpusEntry[] = [
  yoloEntry("yolo-yaml-invalid", "data.yaml that is not YAML", { "data.yaml": "train: train.txt\nnames: [tumor\n  bad: : :\n" }, error("INVALID_INPUT"), "data.yaml"),
  yoloEntry("yolo-yaml-names-number", "names: 5", { "data.yaml": "train: train.txt\nnames: 5\n" }, error("INVALID_INPUT"), "data.yaml"),
  yoloEntry("yolo-yaml-names-gap", "names {0: a, 2: b}", { "data.yaml": "train: train.txt\nnames:\n  0: a\n  2: b\n" }, error("INVALID_INPUT"), "data.yaml"),
  yoloEntry("yolo-yaml-nc-disagrees", "nc: 3 with one name", { "data.yaml": "train: train.txt\nnc: 3\nnames: [tumor]\n" }, error("INVALID_INPUT"), "data.yaml"),
  yoloEntry("yolo-yaml-nc-huge", "nc: 1e12 and no names", { "data.yaml": "train: train.txt\nnc: 1000000000000\n" }, error(["INVALID_INPUT", "TOO_MANY_LABELS"]), "data.yaml", {
    debatable: "Ultralytics names classes class0… from nc alone; maskport must refuse 10^12 of them (INVALID_INPUT or TOO_MANY_LABELS) rather than allocate.",
  }),
  yoloEntry("yolo-yaml-nc-2-32", "nc: 4294967295 and no names (56 bytes; found by the fuzzer)", { "data.yaml": "train: train.txt\nnc: 4294967295\n" }, error(["INVALID_INPUT", "TOO_MANY_LABELS"]), "data.yaml"),
  yoloEntry("yolo-yaml-alias-bomb", "a YAML alias bomb (10^9 nodes)", { "data.yaml": `${yamlBomb}\ntrain: train.txt\nnames: [tumor]\n` }, error("INVALID_INPUT"), "data.yaml"),
  yoloEntry("yolo-yaml-deep", "100,000 nested flow sequences", { "data.yaml": `train: train.txt\nnames: [tumor]\nx: ${"[".repeat(DEPTH)}${"]".repeat(DEPTH)}\n` }, error("INVALID_INPUT"), "data.yaml", {
    debatable: "An unused key nested 100,000 deep: refused (INVALID_INPUT, the yaml package's parser recurses) or ignored; it must not overflow the stack.",
  }),
  yoloEntry("yolo-yaml-ambiguous-anchor", "an anchor ending in ':' (the yaml package warns)", { "data.yaml": "path: .\ntrain: train.txt\nnames:\n  0: &tumor: tumor\n" }, warning("INVALID_INPUT"), "data.yaml", {
    debatable: "Read with a maskport warning naming data.yaml, or refused; not a raw Node.js process warning on stderr.",
  }),
  yoloEntry("yolo-yaml-unclosed-flow", "160,000 unclosed [ inside a flow mapping (160 KB; the yaml package is quadratic there; found by the fuzzer)", { "data.yaml": `train: train.txt\nnames: {0: tumor${"[".repeat(160_000)}\n` }, error("INVALID_INPUT"), "data.yaml"),
  yoloEntry("yolo-yaml-empty", "an empty data.yaml, --from yolo", { "data.yaml": "" }, error("INVALID_INPUT"), "data.yaml", { args: ["--from", "yolo"] }),
  yoloEntry("yolo-yaml-binary", "binary data.yaml, --from yolo", { "data.yaml": bytes(0xff, 0xfe, 0, 0, 7, 8, 0x1b) }, error("INVALID_INPUT"), "data.yaml", { args: ["--from", "yolo"] }),
  yoloEntry("yolo-list-missing", "train: points at a list that does not exist", { "train.txt": null, "data.yaml": "train: nothere.txt\nnames: [tumor]\n" }, error("INPUT_NOT_FOUND"), "nothere.txt"),
  {
    name: "yolo-list-climb-missing",
    format: "yolo",
    what: "train.txt listing ../ghost.png, outside the dataset and missing (Ultralytics reads such paths)",
    files: { "ds/data.yaml": YOLO_YAML, "ds/train.txt": "../ghost.png\n" },
    input: "ds",
    expect: error("INPUT_NOT_FOUND"),
    blame: "ghost.png",
  },
  yoloEntry("yolo-list-backslash", "train.txt listing an image whose name holds backslashes (a Windows path as a Linux name)", { "train.txt": "./images/train/a\\..\\b.png\n", "images/train/a\\..\\b.png": YOLO_IMAGE }, error("UNSAFE_NAME"), "data.yaml"),
  yoloEntry("yolo-label-6-tokens", "a label line of 6 tokens", { "labels/train/a.txt": "0 0.1 0.1 0.9 0.1 0.9\n" }, error("INVALID_INPUT"), "labels/train/a.txt"),
  yoloEntry("yolo-label-odd", "a label line with an odd number of coordinates", { "labels/train/a.txt": "0 0.1 0.1 0.9 0.1 0.9 0.9 0.5\n" }, error("INVALID_INPUT"), "labels/train/a.txt"),
  yoloEntry("yolo-label-class-range", "class 5 with one class", { "labels/train/a.txt": "5 0.1 0.1 0.9 0.1 0.9 0.9\n" }, error("INVALID_INPUT"), "labels/train/a.txt"),
  yoloEntry("yolo-label-class-negative", "class -1", { "labels/train/a.txt": "-1 0.1 0.1 0.9 0.1 0.9 0.9\n" }, error("INVALID_INPUT"), "labels/train/a.txt"),
  yoloEntry("yolo-label-class-fraction", "class 0.5", { "labels/train/a.txt": "0.5 0.1 0.1 0.9 0.1 0.9 0.9\n" }, error("INVALID_INPUT"), "labels/train/a.txt"),
  yoloEntry("yolo-label-class-huge", "class 1e400", { "labels/train/a.txt": "1e400 0.1 0.1 0.9 0.1 0.9 0.9\n" }, error("INVALID_INPUT"), "labels/train/a.txt"),
  yoloEntry("yolo-label-coord-1.5", "coordinate 1.5", { "labels/train/a.txt": "0 0.1 0.1 1.5 0.1 0.9 0.9\n" }, error("INVALID_INPUT"), "labels/train/a.txt"),
  yoloEntry("yolo-label-coord-nan", "coordinate nan", { "labels/train/a.txt": "0 0.1 0.1 nan 0.1 0.9 0.9\n" }, error("INVALID_INPUT"), "labels/train/a.txt"),
  yoloEntry("yolo-label-coord-inf", "coordinate 1e999 (Infinity)", { "labels/train/a.txt": "0 0.1 0.1 1e999 0.1 0.9 0.9\n" }, error("INVALID_INPUT"), "labels/train/a.txt"),
  yoloEntry("yolo-label-coord-word", "coordinate abc", { "labels/train/a.txt": "0 0.1 0.1 abc 0.1 0.9 0.9\n" }, error("INVALID_INPUT"), "labels/train/a.txt"),
  yoloEntry("yolo-label-binary", "a label file of binary bytes", { "labels/train/a.txt": bytes(0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 13, 0xff, 0xfe) }, error("INVALID_INPUT"), "labels/train/a.txt"),
  yoloEntry("yolo-label-coord-tolerance", "coordinate 1.005 (within Ultralytics' 0.01 tolerance)", { "labels/train/a.txt": "0 0.1 0.1 1.005 0.1 0.9 0.9\n" }, warning("INVALID_INPUT"), "labels/train/a.txt"),
  yoloEntry("yolo-label-box-line", "a 5-token box line (skipped)", { "labels/train/a.txt": `0 0.5 0.5 0.2 0.2\n${YOLO_LABEL}` }, warning("SHAPE_SKIPPED"), "labels/train/a.txt"),
  yoloEntry("yolo-image-missing", "the listed image is not there (size unknown)", { "images/train/a.png": null }, error("INPUT_NOT_FOUND"), "images/train/a.png"),
  yoloEntry("yolo-image-not-image", "the listed image is an HTML page", { "images/train/a.png": "<html>404</html>" }, error(["INVALID_INPUT", "IMAGE_UNREADABLE"]), "images/train/a.png", {
    debatable: "IMAGE_UNREADABLE is the code the mask importer uses for a raw image that is not an image.",
  }),
  yoloEntry("yolo-image-huge-png", "an image whose PNG header declares 30000×30000, with a full-frame polygon", { "images/train/a.png": pngFromChunks([["IHDR", headerData(30000, 30000, 8, 0)], IEND]), "labels/train/a.txt": "0 0 0 0.999 0 0.999 0.999 0 0.999\n" }, error("IMAGE_TOO_LARGE"), "images/train/a.png"),
  yoloEntry("yolo-image-huge-jpeg", "an image whose JPEG header declares 65535×65535, with a full-frame polygon", { "train.txt": "./images/train/a.jpg\n", "images/train/a.png": null, "images/train/a.jpg": jpegHeader(65535, 65535), "labels/train/a.txt": "0 0 0 0.999 0 0.999 0.999 0 0.999\n" }, error("IMAGE_TOO_LARGE"), "images/train/a.jpg"),
  yoloEntry("yolo-image-big-png", "an image whose PNG header declares 40000×40000 (1.6 gigapixels), with a full-frame polygon", { "images/train/a.png": pngFromChunks([["IHDR", headerData(40000, 40000, 8, 0)], IEND]), "labels/train/a.txt": "0 0 0 0.999 0 0.999 0.999 0 0.999\n" }, error("IMAGE_TOO_LARGE"), "images/train/a.png"),
  yoloEntry("yolo-size-option-huge", "no image, --yolo.width/height 100000 and a full-frame polygon", { "images/train/a.png": null, "labels/train/a.txt": "0 0 0 0.999 0 0.999 0.999 0 0.999\n" }, error("IMAGE_TOO_LARGE"), "labels/train/a.txt", {
    args: ["--yolo.width", "100000", "--yolo.height", "100000"],
    debatable: "The size comes from the command line; the error may name the label file (the polygon that would be rasterised) or the image; checked: the label file.",
  }),
];

// --- semantic / nnU-Net / MONAI --------------------------------------------------------------

const NNUNET_JSON = { channel_names: { "0": "MRI" }, labels: { background: 0, tumor: 1 }, numTraining: 1, file_ending: ".png" };
const nnunetFiles = (over: Overrides = {}): Record<string, CorpusFile> => withFiles({ "dataset.json": JSON.stringify(NNUNET_JSON), "labelsTr/a.png": GRAY_MASK, "imagesTr/a_0000.png": GRAY_MASK }, over);
const MONAI_JSON = { labels: { "0": "background", "1": "tumor" }, training: [{ image: "./imagesTr/a.png", label: "./labelsTr/a.png" }] };
const monaiFiles = (over: Overrides = {}): Record<string, CorpusFile> => withFiles({ "dataset.json": JSON.stringify(MONAI_JSON), "labelsTr/a.png": GRAY_MASK, "imagesTr/a.png": GRAY_MASK }, over);
const semanticFiles = (over: Overrides = {}): Record<string, CorpusFile> => withFiles({ "labelmap.txt": INDEX_LABELMAP, "masks/a.png": GRAY_MASK }, over);

const semantic: CorpusEntry[] = [
  { name: "semantic-unknown-value", format: "semantic", what: "a mask value that is no label id", files: semanticFiles({ "masks/a.png": gray([[0, 1, 9]]) }), expect: error("UNKNOWN_VALUE"), blame: "masks/a.png" },
  { name: "semantic-rgb-mask", format: "semantic", what: "an RGB mask whose colours are no label colours", files: semanticFiles({ "masks/a.png": RGB_MASK }), expect: error("UNKNOWN_COLOR"), blame: "masks/a.png" },
  { name: "semantic-instances-size", format: "semantic", what: "an instance mask of another size", files: semanticFiles({ "instances/a.png": gray([[0, 1]], 16) }), expect: error("SIZE_MISMATCH"), blame: "instances/a.png" },
  { name: "semantic-instances-truncated", format: "semantic", what: "a truncated instance mask", files: semanticFiles({ "instances/a.png": gray([[0, 1, 1, 0], [0, 1, 1, 1], [0, 0, 1, 0]], 16).subarray(0, 40) }), expect: error("PNG_UNREADABLE"), blame: "instances/a.png" },
  { name: "semantic-split-climb", format: "semantic", what: "splits/train.txt listing ../../x", files: semanticFiles({ "splits/train.txt": "a\n../../x\n" }), expect: error("UNSAFE_NAME"), blame: "splits/train.txt" },
  { name: "semantic-split-absolute", format: "semantic", what: "splits/train.txt listing /etc/passwd", files: semanticFiles({ "splits/train.txt": "/etc/passwd\n" }), expect: error("UNSAFE_NAME"), blame: "splits/train.txt" },
  { name: "semantic-split-ghost", format: "semantic", what: "a split id without a mask (skipped)", files: semanticFiles({ "splits/train.txt": "a\nghost\n" }), expect: warning("INVALID_INPUT"), blame: "splits/train.txt", debatable: "The warning says splits/train.txt by its subset, not by path; checked: the list's path." },
  { name: "semantic-image-size", format: "semantic", what: "a raw image of another size than the mask", files: semanticFiles({ "images/a.png": gray([[0, 0]]) }), expect: error("IMAGE_SIZE_MISMATCH"), blame: "images/a.png" },
  { name: "semantic-empty-masks", format: "semantic", what: "an empty masks/ folder", files: semanticFiles({ "masks/a.png": null, "masks/.keep": "" }), expect: error("EMPTY_DATASET"), blame: "masks", args: ["--from", "semantic"] },
];

const nnunet: CorpusEntry[] = [
  { name: "nnunet-json-broken", format: "nnunet", what: "dataset.json cut short, --from nnunet", files: nnunetFiles({ "dataset.json": JSON.stringify(NNUNET_JSON).slice(0, 30) }), args: ["--from", "nnunet"], expect: error("INVALID_INPUT"), blame: "dataset.json" },
  { name: "nnunet-file-ending", format: "nnunet", what: 'file_ending ".nii.gz"', files: nnunetFiles({ "dataset.json": JSON.stringify({ ...NNUNET_JSON, file_ending: ".nii.gz" }) }), expect: error("INVALID_INPUT"), blame: "dataset.json" },
  { name: "nnunet-region-labels", format: "nnunet", what: "region-based labels", files: nnunetFiles({ "dataset.json": JSON.stringify({ ...NNUNET_JSON, labels: { background: 0, whole: [1, 2] } }) }), expect: error("INVALID_INPUT"), blame: "dataset.json" },
  { name: "nnunet-labels-deep", format: "nnunet", what: "a label value 100,000 arrays deep", files: nnunetFiles({ "dataset.json": JSON.stringify({ ...NNUNET_JSON, labels: { background: 0, tumor: "@" } }).replace('"@"', deepJson) }), expect: error("INVALID_INPUT"), blame: "dataset.json" },
  { name: "nnunet-label-id-huge", format: "nnunet", what: "label value 1e12", files: nnunetFiles({ "dataset.json": JSON.stringify({ ...NNUNET_JSON, labels: { background: 0, tumor: 1e12 } }) }), expect: error("LABELMAP_MALFORMED"), blame: "dataset.json" },
  { name: "nnunet-case-ids-climb", format: "nnunet", what: "case_ids.json mapping a case to ../../evil", files: nnunetFiles({ "case_ids.json": JSON.stringify({ a: "../../evil" }) }), expect: error("UNSAFE_NAME"), blame: "case_ids.json" },
  { name: "nnunet-case-ids-broken", format: "nnunet", what: "case_ids.json that is not JSON", files: nnunetFiles({ "case_ids.json": "{not json" }), expect: error("INVALID_INPUT"), blame: "case_ids.json" },
  { name: "nnunet-label-truncated", format: "nnunet", what: "a truncated label PNG", files: nnunetFiles({ "labelsTr/a.png": GRAY_MASK.subarray(0, 45) }), expect: error("PNG_UNREADABLE"), blame: "labelsTr/a.png" },
  { name: "nnunet-image-size", format: "nnunet", what: "a case image of another size than its label", files: nnunetFiles({ "imagesTr/a_0000.png": gray([[0, 0]]) }), expect: error("IMAGE_SIZE_MISMATCH"), blame: "imagesTr/a_0000.png" },
];

const monai: CorpusEntry[] = [
  { name: "monai-training-object", format: "monai", what: "training as an object, --from monai", files: monaiFiles({ "dataset.json": JSON.stringify({ ...MONAI_JSON, training: { a: 1 } }) }), args: ["--from", "monai"], expect: error("INVALID_INPUT"), blame: "dataset.json" },
  { name: "monai-entry-string", format: "monai", what: "a training entry that is a string", files: monaiFiles({ "dataset.json": JSON.stringify({ ...MONAI_JSON, training: ["./imagesTr/a.png"] }) }), expect: error("INVALID_INPUT"), blame: "dataset.json" },
  { name: "monai-label-nifti", format: "monai", what: "a NIfTI label, --from monai (without --from the nifti importer reads it)", args: ["--from", "monai"], files: monaiFiles({ "dataset.json": JSON.stringify({ ...MONAI_JSON, training: [{ image: "./imagesTr/a.nii.gz", label: "./labelsTr/a.nii.gz" }] }) }), expect: error("INVALID_INPUT"), blame: "dataset.json" },
  { name: "monai-label-climb", format: "monai", what: "a label path ../../evil.png", files: monaiFiles({ "dataset.json": JSON.stringify({ ...MONAI_JSON, training: [{ image: "./imagesTr/a.png", label: "./labelsTr/../../evil.png" }] }) }), expect: error("UNSAFE_NAME"), blame: "dataset.json" },
  { name: "monai-image-absolute", format: "monai", what: "an image path /etc/passwd", files: monaiFiles({ "dataset.json": JSON.stringify({ ...MONAI_JSON, training: [{ image: "/etc/passwd", label: "./labelsTr/a.png" }] }) }), expect: error("UNSAFE_NAME"), blame: "dataset.json" },
  { name: "monai-label-missing", format: "monai", what: "a listed label file that does not exist", files: monaiFiles({ "dataset.json": JSON.stringify({ ...MONAI_JSON, training: [{ image: "./imagesTr/a.png", label: "./labelsTr/b.png" }] }) }), expect: error("INPUT_NOT_FOUND"), blame: "labelsTr/b.png" },
  { name: "monai-no-labels", format: "monai", what: "dataset.json without labels", files: monaiFiles({ "dataset.json": JSON.stringify({ training: MONAI_JSON.training }) }), expect: error("INVALID_INPUT"), blame: "dataset.json" },
  { name: "monai-label-unknown-value", format: "monai", what: "a label PNG value with no label", files: monaiFiles({ "labelsTr/a.png": gray([[0, 1, 1, 7], [0, 1, 1, 1], [0, 0, 1, 0]]) }), expect: error("UNKNOWN_VALUE"), blame: "labelsTr/a.png" },
];

// --- the command line around them ------------------------------------------------------------

const cli: CorpusEntry[] = [
  { name: "cli-unknown-from", format: "cli", what: "--from a format nobody reads", files: semanticFiles(), args: ["--from", "nosuchformat"], expect: error("PLUGIN_NOT_FOUND", 2), blame: undefined },
  { name: "cli-unknown-to", format: "cli", what: "--to a format nobody writes", files: semanticFiles(), to: "nosuchformat", expect: error("PLUGIN_NOT_FOUND", 2), blame: undefined },
  { name: "cli-bad-connectivity", format: "cli", what: "--mask.connectivity 5", files: { "labelmap.txt": CVAT_LABELMAP, "CLASS/a.png": RGB_MASK }, args: ["--mask.connectivity", "5"], expect: error("INVALID_OPTION", 2), blame: undefined },
  { name: "cli-bad-max-pixels", format: "cli", what: "--max-pixels 0", files: { "labelmap.txt": CVAT_LABELMAP, "CLASS/a.png": RGB_MASK }, args: ["--max-pixels", "0"], expect: USAGE, blame: undefined },
  { name: "cli-jobs-zero", format: "cli", what: "--jobs 0", files: { "labelmap.txt": CVAT_LABELMAP, "CLASS/a.png": RGB_MASK }, args: ["--jobs", "0"], expect: USAGE, blame: undefined },
  { name: "cli-bad-option-value", format: "cli", what: "--yolo.valRatio abc", files: { "labelmap.txt": CVAT_LABELMAP, "CLASS/a.png": RGB_MASK }, to: "yolo", args: ["--yolo.valRatio", "abc"], expect: error("INVALID_OPTION", 2), blame: undefined },
];

/** Every entry, in a stable order. */
export const CORPUS: readonly CorpusEntry[] = [...png, ...layout, ...labelmap, ...coco, ...sa1b, ...cvat, ...yolo, ...semantic, ...nnunet, ...monai, ...cli];
