import { InflateError, inflateInto } from "./inflate-into.ts";
import type { PngStructure } from "./png-structure.ts";

/**
 * A PNG's image data inflated: every row with its filter byte, exactly `png.inflatedLength`
 * bytes, still filtered. With `reuse`, into a buffer this module keeps for the next image when
 * it is small (`kept`: the caller must copy out what it keeps), else into a fresh one.
 * @throws Error for data that is corrupt or inflates to fewer or more bytes
 */
export function inflateRows(png: PngStructure, reuse: boolean): { raw: Uint8Array; kept: boolean } {
  const kept = reuse && png.inflatedLength <= MAX_KEPT;
  return { raw: inflateIdat(png, kept ? keptRows(png.inflatedLength) : new Uint8Array(png.inflatedLength)), kept };
}

/**
 * Undoes the filter of one row in place: its samples start at `s` (filter byte at `s − 1`), those
 * of the row above (already unfiltered, only read when not `first`) at `u`; `bpp` bytes per pixel, at least 1.
 * @throws Error for a filter type other than 0–4
 */
export function unfilterRow(data: Uint8Array, s: number, u: number, rowBytes: number, bpp: number, first: boolean): void {
  const filter = data[s - 1];
  if (filter === 0) return;
  if (filter === 1) {
    for (let i = bpp; i < rowBytes; i++) data[s + i] = (data[s + i] as number) + (data[s + i - bpp] as number);
  } else if (filter === 2) {
    if (!first) for (let i = 0; i < rowBytes; i++) data[s + i] = (data[s + i] as number) + (data[u + i] as number);
  } else if (filter === 3) {
    if (first) {
      for (let i = bpp; i < rowBytes; i++) data[s + i] = (data[s + i] as number) + ((data[s + i - bpp] as number) >> 1);
    } else {
      for (let i = 0; i < bpp; i++) data[s + i] = (data[s + i] as number) + ((data[u + i] as number) >> 1);
      for (let i = bpp; i < rowBytes; i++) data[s + i] = (data[s + i] as number) + (((data[s + i - bpp] as number) + (data[u + i] as number)) >> 1);
    }
  } else if (filter === 4) {
    if (first) {
      // Paeth with no row above predicts from the left pixel (Sub).
      for (let i = bpp; i < rowBytes; i++) data[s + i] = (data[s + i] as number) + (data[s + i - bpp] as number);
    } else {
      for (let i = 0; i < bpp; i++) data[s + i] = (data[s + i] as number) + (data[u + i] as number);
      for (let i = bpp; i < rowBytes; i++) {
        const a = data[s + i - bpp] as number;
        const b = data[u + i] as number;
        const c = data[u + i - bpp] as number;
        const pa = b > c ? b - c : c - b; // |p − a| with p = a + b − c
        const pb = a > c ? a - c : c - a;
        const pcRaw = a + b - c - c;
        const pc = pcRaw < 0 ? -pcRaw : pcRaw;
        data[s + i] = (data[s + i] as number) + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
      }
    }
  } else {
    throw new Error(`corrupt: unknown row filter type ${filter}`);
  }
}

// --- internal ---

/** Past this many bytes a kept buffer costs more memory than a fresh one costs time (as scratch.ts). */
const MAX_KEPT = 1 << 24;

/** The IDAT chunks joined, in a buffer kept for the next image when it is small. */
let joined = new Uint8Array(0);
/** Inflated rows, kept for the next image when it is small (no megabytes of garbage per mask). */
let rows = new Uint8Array(0);

function keptRows(length: number): Uint8Array {
  if (rows.length < length) rows = new Uint8Array(Math.max(length, 1 << 16));
  return rows.subarray(0, length);
}

/**
 * The image data inflated into `out`, exactly `png.inflatedLength` bytes. A byte past the rows
 * is surplus data, refused without inflating the rest (a zlib bomb behind a small header
 * inflates no further than that); a stream that ends early is refused as truncated.
 * @throws Error for data that is corrupt or inflates to fewer or more bytes
 */
function inflateIdat(png: PngStructure, out: Uint8Array): Uint8Array {
  const expected = png.inflatedLength;
  let data: Uint8Array;
  if (png.idat.length === 1) data = png.idat[0] as Uint8Array;
  else {
    data = png.idatLength > MAX_KEPT ? new Uint8Array(png.idatLength) : joined.length >= png.idatLength ? joined : (joined = new Uint8Array(Math.max(png.idatLength, 1 << 16)));
    let at = 0;
    for (const part of png.idat) {
      data.set(part, at);
      at += part.length;
    }
    data = data.subarray(0, at);
  }
  try {
    // Our own inflate, not native zlib: zlib's API returns a fresh buffer per image (docs/performance.md).
    inflateInto(data, out);
  } catch (error) {
    if (!(error instanceof InflateError)) throw error;
    if (error.kind === "surplus") throw surplus(png);
    if (error.kind === "truncated" && error.produced < expected) {
      throw new Error(`truncated: the image data inflates to ${error.produced} bytes, but the ${png.width}×${png.height} image it declares needs ${expected}`);
    }
    throw new Error(`corrupt image data (zlib: ${error.message})`, { cause: error });
  }
  return out;
}

/** The error for image data that inflates to more than the declared rows. */
function surplus(png: PngStructure): Error {
  return new Error(`image data longer than the declared ${png.width}×${png.height} rows${png.interlace ? " (of its Adam7 passes)" : ""}`);
}

