import { MaskportError } from "./errors.ts";
import type { OptionSpecs, OptionValue } from "./plugin.ts";

/**
 * Applies defaults and checks every value against its spec. `given` values may be strings
 * (from command-line flags); they are parsed by the type of the option's default.
 * @throws MaskportError `INVALID_OPTION` naming the plugin, option and allowed values
 */
export function resolveOptions<Options extends object>(
  pluginName: string,
  specs: OptionSpecs<Options>,
  given: Readonly<Record<string, unknown>> = {},
): Options {
  const table = specs as unknown as Record<string, { default: OptionValue; choices?: readonly OptionValue[] }>;
  for (const key of Object.keys(given)) {
    if (!(key in table)) {
      const known = Object.keys(table);
      throw new MaskportError("INVALID_OPTION", `unknown option "${key}"`, {
        plugin: pluginName,
        hint: known.length > 0 ? `Options of ${pluginName}: ${known.join(", ")}.` : `${pluginName} takes no options.`,
      });
    }
  }
  const result: Record<string, OptionValue> = {};
  for (const [key, spec] of Object.entries(table)) {
    const raw = given[key];
    const value = raw === undefined ? spec.default : parseValue(pluginName, key, raw, spec.default);
    if (spec.choices !== undefined && !spec.choices.includes(value)) {
      throw new MaskportError("INVALID_OPTION", `option ${key} must be one of ${spec.choices.join(", ")}, not "${String(value)}"`, {
        plugin: pluginName,
      });
    }
    result[key] = value;
  }
  return result as Options;
}

// --- internal ---

function parseValue(plugin: string, key: string, raw: unknown, fallback: OptionValue): OptionValue {
  const bad = (expected: string): MaskportError =>
    new MaskportError("INVALID_OPTION", `option ${key} must be ${expected}, not "${String(raw)}"`, { plugin });
  if (typeof fallback === "boolean") {
    if (typeof raw === "boolean") return raw;
    if (raw === "true" || raw === "1" || raw === "yes") return true;
    if (raw === "false" || raw === "0" || raw === "no") return false;
    throw bad("true or false");
  }
  if (typeof fallback === "number") {
    const value = typeof raw === "number" ? raw : typeof raw === "string" && raw.trim() !== "" ? Number(raw) : Number.NaN;
    if (!Number.isFinite(value)) throw bad("a number");
    return value;
  }
  if (typeof raw !== "string") throw bad("a string");
  return raw;
}
