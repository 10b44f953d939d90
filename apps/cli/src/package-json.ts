import { readFile } from "node:fs/promises";
import { dirname } from "node:path";

/** The package.json fields the CLI reads; any of them may be missing or of another type. */
export interface PackageJson {
  readonly name?: unknown;
  readonly version?: unknown;
  readonly type?: unknown;
  readonly keywords?: unknown;
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly devDependencies?: Readonly<Record<string, string>>;
}

/** The package.json `file` parsed, or undefined when it cannot be read or holds no JSON object. */
export async function readPackageJson(file: string): Promise<PackageJson | undefined> {
  try {
    const json: unknown = JSON.parse(await readFile(file, "utf8"));
    return typeof json === "object" && json !== null ? json : undefined;
  } catch {
    return undefined;
  }
}

/** The first answer of `look` that is not undefined, asking `folder` and then each folder above it, as Node looks for packages. */
export async function findUp<T>(folder: string, look: (folder: string) => Promise<T | undefined>): Promise<T | undefined> {
  for (let dir = folder; ; dir = dirname(dir)) {
    const found = await look(dir);
    if (found !== undefined || dirname(dir) === dir) return found;
  }
}

/** The names in `dependencies` and `devDependencies`, once each, sorted. */
export function dependencyNames(json: PackageJson): string[] {
  return [...new Set([...Object.keys(json.dependencies ?? {}), ...Object.keys(json.devDependencies ?? {})])].sort();
}
