import type { Bitmap } from "../../types.ts";

/** Builds a bitmap from rows of "0"/"1" (or "." / "#"). */
export function bitmapOf(rows: readonly string[]): Bitmap {
  const height = rows.length;
  const width = rows[0]?.length ?? 0;
  const data = new Uint8Array(width * height);
  rows.forEach((row, y) => {
    for (let x = 0; x < width; x++) data[y * width + x] = row[x] === "1" || row[x] === "#" ? 1 : 0;
  });
  return { width, height, data };
}

/** The rows of a bitmap as "0"/"1" strings, for readable expectations. */
export function rowsOf(bitmap: Bitmap): string[] {
  return Array.from({ length: bitmap.height }, (_, y) =>
    Array.from(bitmap.data.subarray(y * bitmap.width, (y + 1) * bitmap.width)).join(""),
  );
}
