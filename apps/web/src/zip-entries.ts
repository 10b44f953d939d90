/**
 * Zip entry names: what `maskport convert --to … --out X` writes into X. One format writes
 * straight into X; several write each into `X/<format>/`.
 */

/** Each target's folder inside the zip: `""` for a single format, else the format name. */
export function targetFolders(formats: readonly string[]): string[] {
  return formats.map((format) => (formats.length === 1 ? "" : format));
}

/** The zip entry name of output `path` of a target written into `folder`. */
export function entryName(folder: string, path: string): string {
  return folder === "" ? path : `${folder}/${path}`;
}

/** Why an exporter's output path is refused (the CLI's checks), or undefined when it is a safe relative `/` path. */
export function unsafePathReason(path: unknown): string | undefined {
  if (typeof path !== "string" || path === "") return "not a non-empty string";
  if (path.includes("\\")) return "contains a backslash";
  if (path.includes("\0")) return "contains a NUL character";
  if (path.startsWith("/") || /^[A-Za-z]:/.test(path)) return "absolute";
  for (const segment of path.split("/")) {
    if (segment === "..") return "contains ..";
    if (segment === "" || segment === ".") return "has an empty or . segment";
  }
  return undefined;
}
