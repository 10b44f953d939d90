/**
 * JPEGs decoded to pixels: jpeg-js entropy-decodes them and hands back its component planes
 * (with its own colour conversion turned off); upsampling and YCbCr → RGB then follow
 * libjpeg-turbo (jpeg-colour.ts). What remains is jpeg-js's own IDCT, within ±1 of
 * libjpeg-turbo's per plane (decode-jpeg.test.ts measures it against Pillow).
 */
import { lazyDependency } from "@maskport/core";
import type { RawImage } from "./image-channels.ts";
import { reason, unreadable } from "./image-unreadable.ts";
import { interleave, upsample, yccToRgb } from "./jpeg-colour.ts";
import { JPEG_HINT, jpegJsBudget, readJpegHeader } from "./jpeg-header.ts";

/**
 * A JPEG's pixels as stored (not yet turned by its EXIF orientation): one channel for grey,
 * three (R, G, B) for colour.
 * Outside Node, {@link loadJpegDecoder} must have run first.
 * @throws MaskportError IMAGE_UNREADABLE for headers {@link readJpegHeader} refuses and data
 *   jpeg-js cannot decode
 */
export function decodeJpeg(bytes: Uint8Array, shownAs: string): RawImage {
  const header = readJpegHeader(bytes, shownAs);
  const { width, height, components } = header;
  let input = bytes;
  if (header.adobeFlags.length > 0) {
    // jpeg-js converts YCbCr itself whenever Adobe's flag is set; cleared on a copy, it hands us the planes.
    input = new Uint8Array(bytes); // a copy (Buffer's slice would be a view)
    for (const at of header.adobeFlags) input[at] = 0;
  }
  let decoded: { width: number; height: number; data: Uint8Array };
  try {
    decoded = jpegJs.get().decode(input, {
      useTArray: true,
      formatAsRGBA: false,
      colorTransform: false,
      // One pixel above the checked header size (the limit is in megapixels, a float).
      maxResolutionInMP: (width * height + 1) / 1e6,
      maxMemoryUsageInMB: jpegJsBudget(header, bytes.length) / 2 ** 20,
    });
  } catch (cause) {
    throw unreadable(shownAs, `cannot decode the JPEG: ${reason(cause)}`, JPEG_HINT, cause);
  }
  if (decoded.width !== width || decoded.height !== height || decoded.data.length !== width * height * 3) {
    throw unreadable(shownAs, `the JPEG decoded to ${decoded.width}×${decoded.height}, not the ${width}×${height} of its header`, JPEG_HINT);
  }
  const rgb = decoded.data;
  if (components.length === 1) {
    const grey = new Uint8Array(width * height);
    for (let p = 0; p < grey.length; p++) grey[p] = rgb[3 * p] as number;
    return { width, height, channels: 1, data: grey };
  }
  const maxH = Math.max(...components.map((c) => c.h));
  const maxV = Math.max(...components.map((c) => c.v));
  const planes = components.map((component, c) => {
    const sx = maxH / component.h;
    const sy = maxV / component.v;
    // libjpeg's downsampled size: the component's samples that cover the image.
    const planeWidth = Math.ceil((width * component.h) / maxH);
    const planeHeight = Math.ceil((height * component.v) / maxV);
    const plane = new Uint8Array(planeWidth * planeHeight);
    // jpeg-js repeated each sample sx × sy times (nearest neighbour): take the first of each.
    for (let y = 0; y < planeHeight; y++) {
      for (let x = 0; x < planeWidth; x++) plane[y * planeWidth + x] = rgb[3 * (y * sy * width + x * sx) + c] as number;
    }
    return upsample(plane, planeWidth, planeHeight, sx, sy, width, height);
  });
  return { width, height, channels: 3, data: header.colour === "rgb" ? interleave(planes, width * height) : yccToRgb(planes, width * height) };
}

/** Loads jpeg-js for {@link decodeJpeg} (in Node it is required on first use anyway; a browser needs this first). */
export async function loadJpegDecoder(): Promise<void> {
  await jpegJs.load();
}

// --- internal ---

// Loaded on first use: only raw JPEGs need it (an encode worker of any other format never does).
const jpegJs = lazyDependency<typeof import("jpeg-js")>(import.meta.url, "jpeg-js", async () => (await import("jpeg-js")).default);
