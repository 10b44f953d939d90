import type { Rgb } from "../types.ts";
import { drawText, GLYPH_HEIGHT, textWidth } from "./bitmap-font.ts";
import { blit, createRgbaImage, scaleToFit, type RgbaImage } from "./rgba-image.ts";

/** Layout of a contact sheet. */
export interface ContactSheetOptions {
  /** Side of the square cell each image is fitted into, pixels; default 160. */
  readonly cell?: number;
  /** Images per row; default ceil(sqrt(n)). */
  readonly columns?: number;
  /** Pixels between and around cells; default 8. */
  readonly gap?: number;
  /** Font magnification of the captions; default 1. */
  readonly textScale?: number;
}

/** Sheet background and caption colours. */
const SHEET: Rgb = [24, 24, 24];
const CAPTION: Rgb = [235, 235, 235];

/**
 * Pixel size of a contact sheet for `count` images: columns × rows cells of `cell` px plus a
 * caption line (7·textScale + 4 px) under each, `gap` px between and around them.
 */
export function contactSheetSize(count: number, options: ContactSheetOptions = {}): { width: number; height: number; columns: number; rows: number } {
  const { cell, gap, captionHeight } = resolved(options);
  const columns = Math.max(1, options.columns ?? Math.ceil(Math.sqrt(Math.max(1, count))));
  const rows = Math.max(1, Math.ceil(count / columns));
  return { width: gap + columns * (cell + gap), height: gap + rows * (cell + captionHeight + gap), columns, rows };
}

/**
 * One image of all `tiles`, each fitted into a square cell (aspect kept, centred) with its
 * name below, in the given order, row by row. Names too wide for the cell are cut with `…`
 * drawn as `..`.
 */
export function renderContactSheet(tiles: readonly { readonly name: string; readonly image: RgbaImage }[], options: ContactSheetOptions = {}): RgbaImage {
  const { cell, gap, textScale, captionHeight } = resolved(options);
  const { width, height, columns } = contactSheetSize(tiles.length, options);
  const sheet = createRgbaImage(width, height, SHEET);
  tiles.forEach((tile, index) => {
    const left = gap + (index % columns) * (cell + gap);
    const top = gap + Math.floor(index / columns) * (cell + captionHeight + gap);
    const thumb = scaleToFit(tile.image, cell, cell);
    blit(sheet, thumb, left + Math.floor((cell - thumb.width) / 2), top + Math.floor((cell - thumb.height) / 2));
    let caption = tile.name;
    while (caption.length > 3 && textWidth(caption, textScale) > cell) caption = `${[...caption].slice(0, -3).join("")}..`;
    drawText(sheet, left + Math.max(0, Math.floor((cell - textWidth(caption, textScale)) / 2)), top + cell + 2, caption, CAPTION, textScale);
  });
  return sheet;
}

// --- internal ---

function resolved(options: ContactSheetOptions): { cell: number; gap: number; textScale: number; captionHeight: number } {
  const textScale = options.textScale ?? 1;
  return { cell: options.cell ?? 160, gap: options.gap ?? 8, textScale, captionHeight: GLYPH_HEIGHT * textScale + 4 };
}
