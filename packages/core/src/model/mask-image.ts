/**
 * A decoded mask image, before any meaning is given to its pixels. Plain data, browser-safe:
 * `@maskport/core/node`'s `decodePng` produces it, the raster functions read it.
 * Alpha channels are dropped (masks carry meaning in values/colours, not transparency).
 */
export type MaskImage =
  | {
      /**
       * Grayscale (with or without alpha): one value per pixel, exact (1/2/4/8/16-bit, never
       * rescaled); 8-bit PNGs may come as a Uint8Array (a quarter of the memory at 8 bits).
       */
      readonly kind: "gray";
      readonly width: number;
      readonly height: number;
      readonly bitDepth: number;
      readonly values: Uint8Array | Uint16Array;
    }
  | {
      /** Palette PNG: one palette index per pixel, plus the palette as RGB triplets. */
      readonly kind: "indexed";
      readonly width: number;
      readonly height: number;
      readonly bitDepth: number;
      readonly values: Uint8Array;
      /** `palette[3i..3i+2]` is the RGB of index i. */
      readonly palette: Uint8Array;
    }
  | {
      /**
       * RGB or RGBA: four 8-bit channels per pixel, `values[4p..4p+2]` = R, G, B; `values[4p+3]` is
       * ignored (padding or alpha; the stride of 4 saves a copy of the decoder's RGBA buffer).
       * 16-bit PNGs are scaled to 8 bits.
       */
      readonly kind: "rgb";
      readonly width: number;
      readonly height: number;
      readonly bitDepth: number;
      readonly values: Uint8Array;
    };

/** A raster of ids, row-major: `data[y * width + x]`. */
export interface IdRaster {
  readonly width: number;
  readonly height: number;
  readonly data: Int32Array;
}

/**
 * Class-raster value of pixels that carry no label: the background label's pixels, and
 * unannotated pixels (value 0 / colour black) when the labelmap does not define them.
 */
export const NO_LABEL = -1;
