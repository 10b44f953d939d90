/** File-name-safe forms of sample ids and label names. */

/**
 * `text` with every character other than letters, digits, `.`, `_` and `-` replaced by `_`
 * (`scans/Y10` → `scans_Y10`, `tumor core` → `tumor_core`); `.` and `..` become `_` and `__`.
 */
export function safeName(text: string): string {
  const safe = text.replace(/[^\p{L}\p{N}._-]/gu, "_");
  return safe === "." || safe === ".." ? safe.replace(/\./g, "_") : safe;
}

/** The extension of a file name, dot included (`scans/Y1.jpg` → `.jpg`), or "" when it has none. */
export function extensionOf(fileName: string): string {
  const slash = fileName.lastIndexOf("/");
  const dot = fileName.lastIndexOf(".");
  return dot > slash + 1 ? fileName.slice(dot) : "";
}
