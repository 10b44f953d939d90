import { createRequire } from "node:module";
import { constants, inflateSync } from "node:zlib";

/**
 * pngjs 7's own decoding pipeline (chunk parser, unfilter, bit unpacking, Adam7; inflate is Node's)
 * run WITHOUT its format normaliser, which would expand palettes to RGBA and rescale
 * 1/2/4/16-bit samples. pngjs has no public option for either, so this wires its internal
 * modules the way its `parser-sync.js` does. pngjs is pinned to an exact version.
 */
export interface RawPng {
  readonly width: number;
  readonly height: number;
  /** Bits per sample: 1, 2, 4, 8 or 16. */
  readonly depth: number;
  /** PNG colour type: 0 gray, 2 RGB, 3 palette, 4 gray+alpha, 6 RGBA. */
  readonly colorType: number;
  readonly interlace: boolean;
  /** Four samples per pixel (gray repeated in R, G, B; palette index in R), never rescaled. */
  readonly pixels: Uint8Array | Uint16Array;
  /** Palette entries `[r, g, b, a]`, empty unless colour type 3. */
  readonly palette: readonly (readonly number[])[];
}

/**
 * Decodes a PNG to raw samples. Throws plain errors on bad data: pngjs's own (the first one it
 * reports, not what its reader says afterwards), and a short or corrupt image data stream.
 * @param inflatedLength what the image data must inflate to (`readPngStructure`): inflating stops
 *   one byte past it, and more (surplus data, which libpng only warns about) or less is an error,
 *   never zero rows
 */
export function decodeRawPng(bytes: Uint8Array, inflatedLength: number): RawPng {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let failure: unknown;
  let meta: Meta | undefined;
  let palette: number[][] = [];
  const inflateParts: Buffer[] = [];
  const reader = new pngjs.SyncReader(buffer);
  const parser = new pngjs.Parser(
    {},
    {
      read: reader.read.bind(reader),
      error: (error: unknown) => (failure = error),
      metadata: (data: Meta) => (meta = data),
      gamma: () => {},
      palette: (entries: number[][]) => (palette = entries),
      transColor: () => {},
      inflateData: (part: Buffer) => inflateParts.push(part),
      simpleTransparency: () => {},
    },
  );
  parser.start();
  try {
    reader.process();
  } catch (error) {
    // After the parser reports an error it stops reading, and the reader then complains about
    // the bytes left ("unrecognised content at end of stream"): the parser's error is the news.
    failure ??= error;
  }
  if (failure !== undefined) throw failure;
  if (meta === undefined) throw new Error("no IHDR chunk");
  const compressed = Buffer.concat(inflateParts);
  // Node's inflate, not pngjs's: on a stream shorter than its buffer pngjs's returns the whole
  // buffer, uninitialised bytes and all. Output chunks of at most 4 MB, so memory follows what
  // the data really inflates to, not what the header claims; a stream cut short gives what it
  // holds (Z_SYNC_FLUSH), which the length check below refuses unless every row is there.
  // The output is capped one byte past the declared rows: one byte more is surplus data, refused
  // without inflating the rest (a zlib bomb behind a small header inflates to no more than that).
  let inflated: Buffer;
  try {
    inflated = inflateSync(compressed, {
      finishFlush: constants.Z_SYNC_FLUSH,
      maxOutputLength: inflatedLength + 1,
      chunkSize: Math.max(64, Math.min(inflatedLength + 1, 1 << 22)),
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") throw surplus(meta);
    throw new Error(`corrupt image data (zlib: ${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
  if (inflated.length > inflatedLength) throw surplus(meta);
  if (inflated.length !== inflatedLength) {
    throw new Error(`truncated: the image data inflates to ${inflated.length} bytes, but the ${meta.width}×${meta.height} image it declares needs ${inflatedLength}`);
  }
  const unfiltered = pngjs.FilterSync.process(inflated, meta);
  const pixels = pngjs.bitmapper.dataToBitMap(unfiltered, meta);
  return { width: meta.width, height: meta.height, depth: meta.depth, colorType: meta.colorType, interlace: Boolean(meta.interlace), pixels, palette };
}

// --- internal ---

/** The error for image data that inflates to more than the declared rows. */
function surplus(meta: Meta): Error {
  return new Error(`image data longer than the declared ${meta.width}×${meta.height} rows${meta.interlace ? " (of its Adam7 passes)" : ""}`);
}

interface Meta {
  width: number;
  height: number;
  depth: number;
  bpp: number;
  colorType: number;
  interlace: boolean | number;
}

interface PngjsInternals {
  Parser: new (options: object, dependencies: object) => { start(): void };
  SyncReader: new (buffer: Buffer) => { read(length: number, callback: (data: Buffer) => void): void; process(): void };
  FilterSync: { process(data: Buffer, meta: Meta): Buffer };
  bitmapper: { dataToBitMap(data: Buffer, meta: Meta): Uint8Array | Uint16Array };
}

const pngjs: PngjsInternals = (() => {
  const require = createRequire(import.meta.url);
  return {
    Parser: require("pngjs/lib/parser.js"),
    SyncReader: require("pngjs/lib/sync-reader.js"),
    FilterSync: require("pngjs/lib/filter-parse-sync.js"),
    bitmapper: require("pngjs/lib/bitmapper.js"),
  };
})();
