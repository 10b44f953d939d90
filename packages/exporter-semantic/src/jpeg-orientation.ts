/**
 * The EXIF orientation of a JPEG's bytes: a copy of `jpegOrientation` in core's
 * node/exif-orientation.ts, whose module also reads files with node:fs (so a browser bundle
 * cannot import it). Drop this copy once core exports `jpegOrientation` from its root.
 */

/**
 * EXIF orientation tag (1..8) of a JPEG's bytes, or undefined when there is none. Only the
 * APP segments before the first frame header are looked at.
 */
export function jpegOrientation(bytes: Uint8Array): number | undefined {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 2;
  while (at + 4 <= bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1] as number;
    if (marker === 0xff) {
      at++;
      continue;
    }
    if (marker === 0xda || marker === 0xd9 || (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc)) return undefined;
    const length = view.getUint16(at + 2);
    const start = at + 4;
    if (marker === 0xe1 && start + 6 <= bytes.length && ascii(bytes, start, 6) === "Exif\0\0") {
      return tiffOrientation(view, start + 6, Math.min(bytes.length, at + 2 + length));
    }
    at += 2 + length;
  }
  return undefined;
}

// --- internal ---

/** Tag 0x0112 of IFD0 in the TIFF structure at `tiff`..`end`. */
function tiffOrientation(view: DataView, tiff: number, end: number): number | undefined {
  if (tiff + 8 > end) return undefined;
  const order = view.getUint16(tiff);
  if (order !== 0x4949 && order !== 0x4d4d) return undefined;
  const little = order === 0x4949;
  const ifd = tiff + view.getUint32(tiff + 4, little);
  if (ifd + 2 > end) return undefined;
  const count = view.getUint16(ifd, little);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > end) return undefined;
    if (view.getUint16(entry, little) !== 0x0112) continue;
    // Type SHORT, count 1: the value sits in the first two bytes of the value field.
    return view.getUint16(entry + 8, little);
  }
  return undefined;
}

function ascii(bytes: Uint8Array, start: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(start, start + length));
}
