import { isMaskportError } from "../errors.ts";
import type { OptionValue, Plugin, PluginKind } from "../plugin.ts";
import { resolveOptions } from "../resolve-options.ts";
import { validatePlugin } from "../validate-plugin.ts";
import { ConformanceError } from "./_run.ts";

/**
 * Checks the plugin's shape: `validatePlugin` accepts it (name, apiVersion, functions,
 * option specs) and its kind is `kind`.
 * @throws ConformanceError naming what is wrong
 */
export function checkPluginShape(plugin: unknown, kind: PluginKind): void {
  let valid: Plugin;
  try {
    valid = validatePlugin(plugin, "the plugin under test");
  } catch (error) {
    throw new ConformanceError(`validatePlugin rejects it: ${isMaskportError(error) ? `${error.code}: ${error.message}` : String(error)}`, { cause: error });
  }
  if (valid.kind !== kind) throw new ConformanceError(`its kind is "${valid.kind}", expected "${kind}"`);
}

/**
 * Checks that the option defaults satisfy the specs: `resolveOptions` with no input returns
 * exactly the defaults, every choice option's default is among its choices, and the
 * `given` options (the ones a test runs with) resolve.
 * @throws ConformanceError naming the option
 */
export function checkOptionDefaults(plugin: { readonly name: string; readonly options: object }, given: Readonly<Record<string, unknown>> = {}): void {
  const specs = plugin.options as unknown as Record<string, { default: OptionValue; choices?: readonly OptionValue[] | undefined }>;
  let resolved: Record<string, unknown>;
  try {
    resolved = resolveOptions<Record<string, unknown>>(plugin.name, plugin.options as never, {});
  } catch (error) {
    throw new ConformanceError(`resolveOptions rejects the defaults: ${String(error)}`, { cause: error });
  }
  for (const [key, spec] of Object.entries(specs)) {
    if (!Object.is(resolved[key], spec.default)) throw new ConformanceError(`option ${key}: resolved default ${String(resolved[key])} is not the spec's ${String(spec.default)}`);
    if (spec.choices !== undefined && !spec.choices.includes(spec.default))
      throw new ConformanceError(`option ${key}: default ${String(spec.default)} is not among its choices (${spec.choices.join(", ")})`);
  }
  const extra = Object.keys(resolved).filter((key) => !(key in specs));
  if (extra.length > 0) throw new ConformanceError(`resolveOptions invents options: ${extra.join(", ")}`);
  try {
    resolveOptions(plugin.name, plugin.options as never, given);
  } catch (error) {
    throw new ConformanceError(`the options given to the suite do not resolve: ${String(error)}`, { cause: error });
  }
}
