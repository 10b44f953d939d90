import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { MaskportError, validatePlugin } from "@maskport/core";
import { resolve as resolveModule } from "import-meta-resolve";
import { loadPluginModule, type BrokenPlugin, type LoadedPlugin, type ResolveBases } from "./load-plugin.ts";
import { dependencyNames, findUp, readPackageJson, type PackageJson } from "./package-json.ts";

/** Every plugin the CLI can use, in lookup priority: `--plugin`, then installed packages, then built-ins. */
export interface PluginSet {
  readonly plugins: readonly LoadedPlugin[];
  readonly broken: readonly BrokenPlugin[];
  /** The nearest package.json that named the plugin packages, if any. */
  readonly projectManifest: string | undefined;
}

/** The package-name patterns of STYLE.md §3 (exporters, any plugin, scoped plugins). */
const PLUGIN_NAME = /^(@maskport\/exporter-[a-z0-9-]+|maskport-plugin-[a-z0-9-]+|@[a-z0-9-~][a-z0-9-._~]*\/maskport-plugin-[a-z0-9-]+)$/;

/** First-party packages, used when there is no project package.json (a global or npx install) and for install hints. */
export const FIRST_PARTY: Readonly<Record<string, string>> = {
  coco: "@maskport/exporter-coco",
  cvat: "@maskport/exporter-cvat",
  mask: "@maskport/exporter-cvat",
  monai: "@maskport/exporter-semantic",
  nifti: "@maskport/nifti",
  nnunet: "@maskport/exporter-semantic",
  sa1b: "@maskport/exporter-coco",
  semantic: "@maskport/exporter-semantic",
  yolo: "@maskport/exporter-yolo",
};

/** Whether a package name is a maskport plugin name (the patterns, or a first-party package such as `@maskport/nifti`). */
export function isPluginPackageName(name: string): boolean {
  return PLUGIN_NAME.test(name) || Object.values(FIRST_PARTY).includes(name);
}

/**
 * Finds the plugins: core's built-ins, the plugin packages named in the nearest package.json
 * (dependencies and devDependencies; resolved from the project first, then beside the CLI),
 * and every `--plugin` request. Broken candidates are collected, not thrown.
 */
export async function discoverPlugins(cwd: string, explicit: readonly string[] = [], cliUrl: string = import.meta.url): Promise<PluginSet> {
  const project = await findProjectManifest(cwd);
  const bases: ResolveBases = { project: project === undefined ? cwd : dirname(project.file), cli: cliUrl };
  const names = project === undefined ? [...new Set(Object.values(FIRST_PARTY))] : project.pluginNames;
  const explicitResults = await Promise.all(explicit.map((request) => loadPluginModule(request, "--plugin", bases, cwd)));
  const packageResults = await Promise.all(names.map((name) => loadPluginModule(name, "project", bases, cwd)));
  const plugins: LoadedPlugin[] = [];
  const broken: BrokenPlugin[] = [];
  for (const result of [...explicitResults, ...packageResults]) {
    plugins.push(...result.loaded);
    // Without a project, first-party packages are optional extras: absent is not broken (a --plugin request always is).
    const optional = project === undefined && result.broken?.origin === "project" && result.broken.error.code === "PLUGIN_NOT_FOUND";
    if (result.broken !== undefined && !optional) broken.push(result.broken);
  }
  if (project?.error !== undefined) broken.push({ request: project.file, origin: "project", url: undefined, error: project.error });
  plugins.push(...(await builtinPlugins(cliUrl)));
  return { plugins, broken, projectManifest: project?.file };
}

/** A dependency marked as a maskport plugin (keyword) whose name the CLI does not load, and why. */
export interface SkippedPackage {
  readonly name: string;
  readonly reason: string;
}

/**
 * The project's dependencies that carry the `maskport-plugin` keyword but are not named like a
 * plugin, so discovery passed them over. Only `maskport plugins` asks: it reads one
 * package.json per dependency, which other commands should not pay for.
 */
export async function findSkippedPackages(projectManifest: string | undefined): Promise<SkippedPackage[]> {
  const json = projectManifest === undefined ? undefined : await readPackageJson(projectManifest);
  if (projectManifest === undefined || json === undefined) return [];
  const skipped: SkippedPackage[] = [];
  for (const name of dependencyNames(json).filter((name) => !isPluginPackageName(name))) {
    // The keywords of the installed package, found as Node would (node_modules up from the project).
    const installed = await findUp(dirname(projectManifest), (dir) => readPackageJson(join(dir, "node_modules", name, "package.json")));
    if (!Array.isArray(installed?.keywords) || !installed.keywords.includes("maskport-plugin")) continue;
    skipped.push({
      name,
      reason: `has the "maskport-plugin" keyword, but maskport only loads packages named maskport-plugin-<name>, @<scope>/maskport-plugin-<name> or @maskport/exporter-<name>: rename it, or load it with --plugin ${name}`,
    });
  }
  return skipped;
}

// --- internal ---

interface ProjectManifest {
  readonly file: string;
  readonly pluginNames: readonly string[];
  readonly error?: MaskportError;
}

/** The nearest package.json at or above `cwd` that can be read, and the plugin packages it names. */
function findProjectManifest(cwd: string): Promise<ProjectManifest | undefined> {
  return findUp(cwd, async (folder) => {
    const file = join(folder, "package.json");
    const text = await readFile(file, "utf8").catch(() => undefined);
    if (text === undefined) return undefined;
    try {
      return { file, pluginNames: dependencyNames(JSON.parse(text) as PackageJson).filter(isPluginPackageName) };
    } catch (error) {
      return { file, pluginNames: [], error: new MaskportError("INVALID_INPUT", `not valid JSON, so no plugins were read from it`, { file, cause: error }) };
    }
  });
}

/**
 * Every plugin object `@maskport/core/node` and `@maskport/core` export (the mask importer,
 * the transforms): plugins inside exported arrays first, in the array's order (core's
 * `builtinTransforms` is the listing order), then single exports by name.
 */
async function builtinPlugins(cliUrl: string): Promise<LoadedPlugin[]> {
  const result: LoadedPlugin[] = [];
  const version = await coreVersion(cliUrl);
  for (const specifier of ["@maskport/core/node", "@maskport/core"]) {
    const url = resolveModule(specifier, cliUrl);
    const namespace = (await import(url)) as Record<string, unknown>;
    const entries = Object.entries(namespace).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    // A worker re-imports a plugin by export name, so prefer a plugin's own export over an array slot.
    const singleName = new Map<unknown, string>(entries.filter(([, value]) => looksLikePlugin(value)).map(([name, value]) => [value, name]));
    const ordered: [string, unknown][] = [];
    for (const [name, value] of entries) {
      if (Array.isArray(value) && value.length > 0 && value.every(looksLikePlugin)) value.forEach((item, index) => ordered.push([singleName.get(item) ?? `${name}.${index}`, item]));
    }
    for (const [name, value] of entries) if (looksLikePlugin(value)) ordered.push([name, value]);
    for (const [exportName, value] of ordered) {
      if (result.some((other) => other.plugin === value)) continue;
      // A broken built-in is a bug in core: let it surface as one.
      const plugin = validatePlugin(value, `${specifier} export ${exportName}`);
      result.push({ plugin, source: { request: specifier, url, exportName, packageName: "@maskport/core", version, origin: "built-in" } });
    }
  }
  return result;
}

function looksLikePlugin(value: unknown): boolean {
  return typeof value === "object" && value !== null && "apiVersion" in value && "kind" in value && "name" in value;
}

async function coreVersion(cliUrl: string): Promise<string | undefined> {
  try {
    const url = resolveModule("@maskport/core/package.json", cliUrl);
    return (JSON.parse(await readFile(new URL(url), "utf8")) as { version?: string }).version;
  } catch {
    return undefined;
  }
}
