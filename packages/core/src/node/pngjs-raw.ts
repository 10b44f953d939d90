import { createRequire } from "node:module";

/**
 * pngjs 7's own decoding pipeline (chunk parser, inflate, unfilter, bit unpacking, Adam7)
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

/** Decodes a PNG to raw samples. Throws pngjs's plain errors on bad data. */
export function decodeRawPng(bytes: Uint8Array): RawPng {
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
  reader.process();
  if (failure !== undefined) throw failure;
  if (meta === undefined) throw new Error("no IHDR chunk");
  const compressed = Buffer.concat(inflateParts);
  let inflated: Buffer;
  if (meta.interlace) {
    inflated = pngjs.zlib.inflateSync(compressed);
  } else {
    const rowSize = ((meta.width * meta.bpp * meta.depth + 7) >> 3) + 1;
    inflated = pngjs.inflateSync(compressed, { chunkSize: rowSize * meta.height, maxLength: rowSize * meta.height });
  }
  if (inflated.length === 0) throw new Error("image data inflates to nothing");
  const unfiltered = pngjs.FilterSync.process(inflated, meta);
  const pixels = pngjs.bitmapper.dataToBitMap(unfiltered, meta);
  return { width: meta.width, height: meta.height, depth: meta.depth, colorType: meta.colorType, interlace: Boolean(meta.interlace), pixels, palette };
}

// --- internal ---

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
  inflateSync: (data: Buffer, options: { chunkSize: number; maxLength: number }) => Buffer;
  zlib: { inflateSync(data: Buffer): Buffer };
}

const pngjs: PngjsInternals = (() => {
  const require = createRequire(import.meta.url);
  return {
    Parser: require("pngjs/lib/parser.js"),
    SyncReader: require("pngjs/lib/sync-reader.js"),
    FilterSync: require("pngjs/lib/filter-parse-sync.js"),
    bitmapper: require("pngjs/lib/bitmapper.js"),
    inflateSync: require("pngjs/lib/sync-inflate.js"),
    zlib: require("node:zlib"),
  };
})();
