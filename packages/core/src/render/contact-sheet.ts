import type { Rgb } from "../types.ts";
import { drawText, GLYPH_HEIGHT, textWidth } from "./bitmap-font.ts";
import { compareNatural } from "./natural-order.ts";
import { ADDED_COLOR, LOST_COLOR } from "./render-overlay.ts";
import { blit, createRgbaImage, fillRect, scaleToFit, type RgbaImage } from "./rgba-image.ts";

/** Layout of a contact sheet. */
export interface ContactSheetOptions {
  /** Side of the square cell each image is fitted into, pixels; default 160. */
  readonly cell?: number;
  /** Images per row; default ceil(sqrt(n)). */
  readonly columns?: number;
  /** Pixels between and around cells; default 8. */
  readonly gap?: number;
  /** Font magnification of the captions and legends; default 2 for cells of 120 px or more, else 1. */
  readonly textScale?: number;
}

/** One image of a contact sheet. */
export interface ContactSheetTile {
  readonly name: string;
  readonly image: RgbaImage;
  /** Pixels the output lost / added (previews): drawn as a legend over the cell's bottom edge when either is > 0. */
  readonly lost?: number;
  readonly added?: number;
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
 * name below, sorted naturally by name (Y2 before Y10), row by row. Names too wide for the
 * cell are cut with `…` drawn as `..`. A tile with lost or added pixels gets the preview's
 * legend (cyan square "lost n", yellow square "added n") over its cell's bottom edge, drawn
 * at the sheet's size so it stays readable however much the image was shrunk.
 */
export function renderContactSheet(tiles: readonly ContactSheetTile[], options: ContactSheetOptions = {}): RgbaImage {
  const { cell, gap, textScale, captionHeight } = resolved(options);
  const { width, height, columns } = contactSheetSize(tiles.length, options);
  const sheet = createRgbaImage(width, height, SHEET);
  [...tiles].sort((a, b) => compareNatural(a.name, b.name)).forEach((tile, index) => {
    const left = gap + (index % columns) * (cell + gap);
    const top = gap + Math.floor(index / columns) * (cell + captionHeight + gap);
    const thumb = scaleToFit(tile.image, cell, cell);
    blit(sheet, thumb, left + Math.floor((cell - thumb.width) / 2), top + Math.floor((cell - thumb.height) / 2));
    drawText(sheet, left + Math.max(0, Math.floor((cell - textWidth(fit(tile.name, cell, textScale), textScale)) / 2)), top + cell + 2, fit(tile.name, cell, textScale), CAPTION, textScale);
    if ((tile.lost ?? 0) > 0 || (tile.added ?? 0) > 0) drawLegend(sheet, left, top + cell, cell, tile.lost ?? 0, tile.added ?? 0, textScale);
  });
  return sheet;
}

// --- internal ---

function resolved(options: ContactSheetOptions): { cell: number; gap: number; textScale: number; captionHeight: number } {
  const cell = options.cell ?? 160;
  const textScale = options.textScale ?? (cell >= 120 ? 2 : 1);
  return { cell, gap: options.gap ?? 8, textScale, captionHeight: GLYPH_HEIGHT * textScale + 4 };
}

/** `text` cut to fit `width` px, ending in `..` when cut. */
function fit(text: string, width: number, textScale: number): string {
  let caption = text;
  while (caption.length > 3 && textWidth(caption, textScale) > width) caption = `${[...caption].slice(0, -3).join("")}..`;
  return caption;
}

/**
 * "■ lost n ■ added n" on black, bottom-left inside the cell (bottom = the cell's lower edge);
 * one entry per line when both do not fit side by side.
 */
function drawLegend(sheet: RgbaImage, left: number, bottom: number, cell: number, lost: number, added: number, textScale: number): void {
  const line = GLYPH_HEIGHT * textScale + 4;
  const entries = [
    { color: LOST_COLOR, text: `LOST ${lost}` },
    { color: ADDED_COLOR, text: `ADDED ${added}` },
  ].filter((_, i) => (i === 0 ? lost : added) > 0);
  const widthOf = (text: string): number => line + textWidth(text, textScale) + 4;
  const sideBySide = entries.reduce((sum, entry) => sum + widthOf(entry.text), 0) <= cell;
  let x = left;
  let y = bottom - (sideBySide ? 1 : entries.length) * line;
  for (const { color, text } of entries) {
    const w = Math.min(cell - (x - left), widthOf(text));
    fillRect(sheet, x, y, w, line, [0, 0, 0]);
    fillRect(sheet, x + 2, y + 2, line - 4, line - 4, color);
    drawText(sheet, x + line, y + 2, fit(text, w - line, textScale), [255, 255, 255], textScale);
    if (sideBySide) x += w;
    else y += line;
  }
}
