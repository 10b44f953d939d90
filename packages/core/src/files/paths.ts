// POSIX path arithmetic for `/`-separated paths, in Node and in browsers. Unlike a
// cross-platform path library it never turns `\` into `/`: on POSIX a backslash is part of a name.

/** `/a//b/./c/../d/` → `/a/b/d`; a relative path stays relative (`.` when empty). */
export function normalize(path: string): string {
  const absolute = path.startsWith("/");
  const parts: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === ".." && parts.length > 0 && parts[parts.length - 1] !== "..") parts.pop();
    else if (part !== ".." || !absolute) parts.push(part);
  }
  const joined = parts.join("/");
  return absolute ? `/${joined}` : joined === "" ? "." : joined;
}

/** The parts joined with `/` and normalised, as Node's `path.posix.join`. */
export function join(...parts: string[]): string {
  const nonEmpty = parts.filter((part) => part !== "");
  return nonEmpty.length === 0 ? "." : normalize(nonEmpty.join("/"));
}

/** `/a/b/c` → `/a/b`; `c` → `.`; `/c` → `/`. */
export function dirname(path: string): string {
  const trimmed = path.replace(/\/+$/, "");
  if (trimmed === "" && path.startsWith("/")) return "/";
  const slash = trimmed.lastIndexOf("/");
  if (slash < 0) return ".";
  return slash === 0 ? "/" : trimmed.slice(0, slash);
}

/** `/a/b/c.png` → `c.png`. */
export function basename(path: string): string {
  const trimmed = path.replace(/\/+$/, "");
  return trimmed.slice(trimmed.lastIndexOf("/") + 1);
}

/** The path from folder `from` to `to` (both absolute, or both relative to one folder). */
export function relative(from: string, to: string): string {
  const a = normalize(from).split("/").filter((part) => part !== "" && part !== ".");
  const b = normalize(to).split("/").filter((part) => part !== "" && part !== ".");
  let common = 0;
  while (common < a.length && common < b.length && a[common] === b[common]) common++;
  return [...a.slice(common).map(() => ".."), ...b.slice(common)].join("/");
}
