import { MaskportError } from "./errors.ts";
import { API_VERSION, type OptionValue, type Plugin } from "./plugin.ts";

const KINDS = new Set(["exporter", "importer", "transform"]);
const FUNCTIONS: Record<string, readonly string[]> = {
  exporter: ["encodeSample", "write"],
  importer: ["detect", "read"],
  transform: ["apply"],
};

/**
 * Checks that `value` (a module's default export) is a plugin of this API version and
 * returns it typed. `source` names the package or file in the error.
 * @throws MaskportError `PLUGIN_INVALID` or `API_VERSION_MISMATCH`
 */
export function validatePlugin(value: unknown, source: string): Plugin {
  const invalid = (why: string): MaskportError =>
    new MaskportError("PLUGIN_INVALID", `${source} is not a maskport plugin: ${why}`, {
      hint: "A plugin's default export is a plain object with apiVersion, kind, name, description, options and its functions (see docs/plugins.md).",
    });
  if (typeof value !== "object" || value === null) throw invalid("its default export is not an object");
  const plugin = value as Record<string, unknown>;
  if (typeof plugin.apiVersion !== "number") throw invalid("apiVersion is missing");
  if (plugin.apiVersion !== API_VERSION) {
    const newer = plugin.apiVersion > API_VERSION;
    throw new MaskportError(
      "API_VERSION_MISMATCH",
      `${source} was written for plugin API version ${plugin.apiVersion}, but this maskport speaks version ${API_VERSION}`,
      { hint: newer ? "Upgrade @maskport/cli and @maskport/core." : `Upgrade ${source} to a release for API version ${API_VERSION}.` },
    );
  }
  if (typeof plugin.kind !== "string" || !KINDS.has(plugin.kind)) throw invalid(`kind must be one of ${[...KINDS].join(", ")}`);
  if (typeof plugin.name !== "string" || !/^[a-z][a-z0-9-]*$/.test(plugin.name))
    throw invalid("name must be a lowercase id such as `coco`");
  if (typeof plugin.description !== "string") throw invalid("description is missing");
  for (const fn of FUNCTIONS[plugin.kind] ?? []) {
    if (typeof plugin[fn] !== "function") throw invalid(`a ${plugin.kind} needs a function ${fn}()`);
  }
  if (typeof plugin.options !== "object" || plugin.options === null) throw invalid("options must be an object (may be empty)");
  for (const [key, spec] of Object.entries(plugin.options as Record<string, unknown>)) {
    if (typeof spec !== "object" || spec === null) throw invalid(`option ${key} has no spec`);
    const { default: fallback, description, choices } = spec as Record<string, unknown>;
    if (typeof description !== "string") throw invalid(`option ${key} has no description`);
    if (!["string", "number", "boolean"].includes(typeof fallback)) throw invalid(`option ${key} needs a string, number or boolean default`);
    if (choices !== undefined && (!Array.isArray(choices) || !choices.includes(fallback as OptionValue)))
      throw invalid(`option ${key}'s default is not among its choices`);
  }
  return value as Plugin;
}

/**
 * Validates a plugin module's default export, which is one plugin or an array of plugins
 * (a package such as @maskport/exporter-cvat ships several).
 */
export function validatePluginModule(value: unknown, source: string): Plugin[] {
  if (Array.isArray(value)) {
    if (value.length === 0) throw new MaskportError("PLUGIN_INVALID", `${source} is not a maskport plugin: its default export is an empty array`);
    return value.map((item) => validatePlugin(item, source));
  }
  return [validatePlugin(value, source)];
}
