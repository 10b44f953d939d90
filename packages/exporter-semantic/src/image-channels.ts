/**
 * The channel policy of raw images written for training: grey stays one channel, colour three.
 * A dataset's images must all have the same channels (nnU-Net reads channel counts from the
 * first case), so grey images are expanded to RGB, or RGB images reduced to luma, the way PIL's
 * `Image.convert` does it, bit for bit.
 */
import { MaskportError } from "@maskport/core";

/**
 * A decoded raw image, row-major: `data[(y * width + x) * channels + c]`. Three-channel images
 * are always 8-bit; only one-channel images decoded from 16-bit grey PNGs hold a `Uint16Array`.
 * Same shape as core's `PngRaster`, so it can be written with `writePng` as it is.
 */
export interface RawImage {
  readonly width: number;
  readonly height: number;
  /** 1 (grey) or 3 (R, G, B). */
  readonly channels: 1 | 3;
  readonly data: Uint8Array | Uint16Array;
}

/** True for a one-channel image, or a three-channel one whose R = G = B at every pixel (grey in all but storage). */
export function isGrey(image: RawImage): boolean {
  if (image.channels === 1) return true;
  const { data } = image;
  for (let i = 0; i < data.length; i += 3) {
    if (data[i] !== data[i + 1] || data[i] !== data[i + 2]) return false;
  }
  return true;
}

/**
 * One channel: a grey image as it is; RGB reduced to ITU-R BT.601 luma exactly as Pillow's
 * `Image.convert("L")` computes it, `(R·19595 + G·38470 + B·7471 + 0x8000) >> 16`, which gives
 * back R where R = G = B.
 */
export function toGrey(image: RawImage): RawImage {
  if (image.channels === 1) return image;
  const { width, height, data } = image;
  const grey = new Uint8Array(width * height);
  for (let p = 0, i = 0; p < grey.length; p++, i += 3) {
    grey[p] = ((data[i] as number) * 19595 + (data[i + 1] as number) * 38470 + (data[i + 2] as number) * 7471 + 0x8000) >> 16;
  }
  return { width, height, channels: 1, data: grey };
}

/**
 * Three channels: an RGB image as it is; 8-bit grey expanded R = G = B.
 * @param shownAs the file as the user knows it, for the error
 * @throws MaskportError INVALID_INPUT for a 16-bit grey image: any reduction to 8 bits would
 *   change its intensities, so it cannot join a dataset of RGB images
 */
export function toRgb(image: RawImage, shownAs: string): RawImage {
  if (image.channels === 3) return image;
  const { width, height, data } = image;
  if (data instanceof Uint16Array) {
    throw new MaskportError("INVALID_INPUT", "16-bit grey image in a dataset of RGB images: writing it as 8-bit RGB would change its intensities", {
      file: shownAs,
      hint: "Export every image as grey (--nnunet.channels=grey), or convert the RGB images to grey (or this one to 8 bits) before exporting.",
    });
  }
  const rgb = new Uint8Array(data.length * 3);
  for (let p = 0, i = 0; p < data.length; p++, i += 3) {
    const value = data[p] as number;
    rgb[i] = value;
    rgb[i + 1] = value;
    rgb[i + 2] = value;
  }
  return { width, height, channels: 3, data: rgb };
}
