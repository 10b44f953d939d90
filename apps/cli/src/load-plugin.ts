import { stat } from "node:fs/promises";
import { dirname, join, resolve as resolvePathOnDisk } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { isMaskportError, MaskportError, validatePluginModule, type Plugin } from "@maskport/core";
import { pathKind } from "@maskport/core/node";
import { resolve as resolveModule } from "import-meta-resolve";
import { findUp, readPackageJson, type PackageJson } from "./package-json.ts";

/** Where a plugin was found: built into core, the user's project, beside the CLI, or `--plugin`. */
export type PluginOrigin = "built-in" | "project" | "cli" | "--plugin";

/**
 * How to load a plugin again (for example in a worker thread): `import(url)` and take
 * `exportName` (`default` for plugin packages). Plain data.
 */
export interface PluginSource {
  /** What the user or the package.json named: a package name or a path. */
  readonly request: string;
  /** Resolved `file:` URL of the module. */
  readonly url: string;
  readonly exportName: string;
  readonly packageName: string | undefined;
  readonly version: string | undefined;
  readonly origin: PluginOrigin;
}

/** A validated plugin and where it came from. */
export interface LoadedPlugin {
  readonly plugin: Plugin;
  readonly source: PluginSource;
}

/** A candidate that could not be resolved, imported or validated. */
export interface BrokenPlugin {
  readonly request: string;
  readonly origin: PluginOrigin;
  readonly url: string | undefined;
  readonly error: MaskportError;
}

/** Resolution bases, tried in order: the project first, then the CLI's own install. */
export interface ResolveBases {
  /** Folder of the nearest package.json (or the cwd when there is none). */
  readonly project: string;
  /** A `file:` URL inside the CLI's install (import.meta.url). */
  readonly cli: string;
}

/**
 * Resolves, imports and validates one plugin module (a package name or a file path).
 * Never throws: failures come back as a {@link BrokenPlugin} so `maskport plugins` can list them.
 */
export async function loadPluginModule(
  request: string,
  origin: PluginOrigin,
  bases: ResolveBases,
  cwd: string,
): Promise<{ loaded: LoadedPlugin[]; broken?: BrokenPlugin }> {
  let resolved: { url: string; origin: PluginOrigin } | undefined;
  try {
    resolved = await resolvePluginRequest(request, origin, bases, cwd);
    const namespace = (await import(resolved.url)) as { default?: unknown };
    const plugins = validatePluginModule(namespace.default, request);
    const meta = await readPackageMeta(request, resolved.url, bases, cwd);
    return {
      loaded: plugins.map((plugin) => ({
        plugin,
        source: { request, url: resolved!.url, exportName: "default", ...meta, origin: resolved!.origin },
      })),
    };
  } catch (error) {
    const wrapped = isMaskportError(error)
      ? error
      : new MaskportError("PLUGIN_INVALID", `${request} could not be loaded: ${error instanceof Error ? error.message : String(error)}`, {
          cause: error,
          hint: isPathRequest(request)
            ? await loadFailureHint(resolvePathOnDisk(cwd, request), error)
            : "Reinstall the package, or remove it from package.json if it is not a maskport plugin.",
        });
    return { loaded: [], broken: { request, origin: resolved?.origin ?? origin, url: resolved?.url, error: wrapped } };
  }
}

/** Whether a `--plugin` value names a file rather than a package. */
export function isPathRequest(request: string): boolean {
  return request.startsWith(".") || request.startsWith("/") || /^[A-Za-z]:[\\/]/.test(request) || /\.[cm]?js$/.test(request);
}

// --- internal ---

/**
 * What to do when a local plugin file fails to import. The usual case: ESM syntax in a `.js`
 * file that Node loads as CommonJS, because the nearest package.json (`npm init -y` writes
 * `"type": "commonjs"`) does not say `"type": "module"`.
 */
async function loadFailureHint(path: string, error: unknown): Promise<string> {
  const esmAsCommonJs =
    error instanceof SyntaxError && /\.c?js$/.test(path) && /Unexpected token 'export'|Cannot use import statement outside a module|import\.meta/.test(error.message);
  if (!esmAsCommonJs) return `Check ${path}: it must be an ES module whose default export is a maskport plugin (see docs/plugins.md).`;
  if (path.endsWith(".cjs")) return `${path} uses export/import, which a .cjs file cannot: rename it to .mjs.`;
  const manifest = await findUp(dirname(path), async (dir) => {
    const file = join(dir, "package.json");
    const json = await readPackageJson(file);
    return json === undefined ? undefined : { file, type: json.type };
  });
  const where = manifest === undefined ? "no package.json above it says" : `${manifest.file} says ${manifest.type === undefined ? "no \"type\"" : `"type": ${JSON.stringify(manifest.type)}`}, not`;
  return `Node loads ${path} as CommonJS (${where} "type": "module"), but it uses export/import: rename it to .mjs, or set "type": "module" in ${manifest?.file ?? "a package.json beside it"}.`;
}

async function resolvePluginRequest(request: string, origin: PluginOrigin, bases: ResolveBases, cwd: string): Promise<{ url: string; origin: PluginOrigin }> {
  if (isPathRequest(request)) return { url: await resolvePath(resolvePathOnDisk(cwd, request)), origin };
  const fromProject = resolveInstalled(request, pathToFileURL(join(bases.project, "package.json")).href);
  if (fromProject !== undefined) return { url: fromProject, origin };
  const fromCli = resolveInstalled(request, bases.cli);
  if (fromCli !== undefined) return { url: fromCli, origin: origin === "project" ? "cli" : origin };
  throw new MaskportError("PLUGIN_NOT_FOUND", `${request} is not installed (resolved neither from ${bases.project} nor beside the CLI)`, {
    hint: origin === "project" ? "It is listed in package.json: run your package manager's install." : `Install it: npm install -D ${request}`,
  });
}

/**
 * Resolves an installed package, or undefined when it is absent. A package that is present
 * but unresolvable (bad "exports", bad package.json) is an error of its own, not "absent".
 */
function resolveInstalled(specifier: string, parent: string): string | undefined {
  try {
    return resolveModule(specifier, parent);
  } catch (error) {
    if ((error as { code?: unknown }).code === "ERR_MODULE_NOT_FOUND") return undefined;
    throw new MaskportError("PLUGIN_INVALID", `${specifier} is installed but cannot be resolved: ${error instanceof Error ? error.message : String(error)}`, {
      cause: error,
      hint: 'Check the package\'s "exports" (it needs a "." entry for import).',
    });
  }
}

/** A file path, or a package folder resolved through its own exports (self-reference). */
async function resolvePath(path: string): Promise<string> {
  const isFolder = await stat(path).then((info) => info.isDirectory(), () => undefined);
  if (isFolder === undefined) throw new MaskportError("PLUGIN_NOT_FOUND", `${path} does not exist`, { hint: "--plugin takes a path to a plugin module or package folder, or a package name." });
  if (!isFolder) return pathToFileURL(path).href;
  const json = await readPackageJson(join(path, "package.json"));
  if (json === undefined) throw new MaskportError("PLUGIN_NOT_FOUND", `${path} is a folder without a readable package.json`, { hint: "Point --plugin at the plugin's module file instead." });
  if (typeof json.name !== "string") throw new MaskportError("PLUGIN_INVALID", `${join(path, "package.json")} has no name`);
  const url = tryResolve(json.name, pathToFileURL(join(path, "package.json")).href);
  if (url === undefined) throw new MaskportError("PLUGIN_INVALID", `${path}: package ${json.name} has no "exports" entry to load`);
  return url;
}

function tryResolve(specifier: string, parent: string): string | undefined {
  try {
    return resolveModule(specifier, parent);
  } catch {
    return undefined;
  }
}

async function readPackageMeta(request: string, url: string, bases: ResolveBases, cwd: string): Promise<{ packageName: string | undefined; version: string | undefined }> {
  if (isPathRequest(request)) {
    // A package folder names itself; a loose file belongs to no package.
    const folder = resolvePathOnDisk(cwd, request);
    return packageMeta((await pathKind(folder)) === "folder" ? await readPackageJson(join(folder, "package.json")) : undefined);
  }
  // The documented way: the package's own "./package.json" export.
  const manifest = tryResolve(`${request}/package.json`, pathToFileURL(join(bases.project, "package.json")).href) ?? tryResolve(`${request}/package.json`, bases.cli);
  const json = manifest === undefined ? undefined : await readPackageJson(fileURLToPath(manifest));
  if (json !== undefined) return packageMeta(json);
  // A package without that export: the nearest package.json above the module that has a name.
  const named = await findUp(dirname(fileURLToPath(url)), async (dir) => {
    const above = await readPackageJson(join(dir, "package.json"));
    return typeof above?.name === "string" ? above : undefined;
  });
  return packageMeta(named);
}

function packageMeta(json: PackageJson | undefined): { packageName: string | undefined; version: string | undefined } {
  return { packageName: typeof json?.name === "string" ? json.name : undefined, version: typeof json?.version === "string" ? json.version : undefined };
}
