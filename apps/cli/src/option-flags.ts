import { InvalidArgumentError, Option, type Command } from "commander";
import { resolveOptions, type OptionValue, type Plugin } from "@maskport/core";
import { DEFAULT_MAX_PIXELS, MAX_PIXELS_ENV, maxPixels } from "@maskport/core/node";
import type { PluginSet } from "./discover-plugins.ts";

/**
 * Adds a `--<format>.<option> <value>` flag for every option the exporters and importers in
 * `set` declare (the importers' only, with `kind` "importer"; boolean options take an optional
 * value, so `--coco.pretty` means true), listed once in help, under a heading per format and
 * marked `[exporter]` (applies to `--to`) or `[importer]` (applies to reading the input).
 * Returns a reader that collects the given values per format name, as strings for
 * `resolveOptions` to parse.
 */
export function addFormatOptionFlags(command: Command, set: PluginSet, kind?: "importer"): (command: Command) => Map<string, Record<string, unknown>> {
  const plugins = set.plugins.map((entry) => entry.plugin).filter((plugin) => kind === undefined || plugin.kind === kind);
  const flags = formatOptions(plugins).map(({ format, key, spec, kinds }) => {
    const value = typeof spec.default === "boolean" ? "[bool]" : spec.choices !== undefined ? `<${spec.choices.join("|")}>` : typeof spec.default === "number" ? "<number>" : "<value>";
    const option = new Option(`--${format}.${key} ${value}`, `[${kinds.join(", ")}] ${spec.description} (default: ${JSON.stringify(spec.default)})`).helpGroup(`${format} options:`);
    command.addOption(option);
    return { format, key, option };
  });
  return (parsed) => {
    const values = new Map<string, Record<string, unknown>>();
    for (const { format, key, option } of flags) {
      const value: unknown = parsed.getOptionValue(option.attributeName());
      if (value === undefined) continue;
      const record = values.get(format) ?? {};
      record[key] = value;
      values.set(format, record);
    }
    return values;
  };
}

/** One `--<format>.<option>` flag: the spec that documents it and which kinds of the format declare it. */
export interface FormatOption {
  readonly format: string;
  readonly key: string;
  readonly spec: PlainOptionSpec;
  /** `exporter` and/or `importer`, in that order. */
  readonly kinds: readonly ("exporter" | "importer")[];
}

/**
 * Every format option once, formats sorted by name, the exporter's options before the
 * importer's. An exporter and importer of one format share the namespace; the exporter's spec
 * documents a key both declare.
 */
export function formatOptions(plugins: readonly Plugin[]): FormatOption[] {
  const byFormat = new Map<string, Map<string, { spec: PlainOptionSpec; kinds: ("exporter" | "importer")[] }>>();
  const ordered = [...plugins].sort((a, b) => compareText(a.name, b.name) || compareText(a.kind, b.kind));
  for (const plugin of ordered) {
    if (plugin.kind === "transform") continue;
    const keys = byFormat.get(plugin.name) ?? new Map<string, { spec: PlainOptionSpec; kinds: ("exporter" | "importer")[] }>();
    byFormat.set(plugin.name, keys);
    for (const [key, spec] of Object.entries(specsOf(plugin))) {
      const entry = keys.get(key);
      if (entry === undefined) keys.set(key, { spec, kinds: [plugin.kind] });
      else if (!entry.kinds.includes(plugin.kind)) entry.kinds.push(plugin.kind);
    }
  }
  return [...byFormat].flatMap(([format, keys]) => [...keys].map(([key, { spec, kinds }]) => ({ format, key, spec, kinds })));
}

/** A plugin's option specs as a plain record (the typed form is keyed by the plugin's own options). */
export interface PlainOptionSpec {
  readonly description: string;
  readonly default: OptionValue;
  readonly choices?: readonly OptionValue[] | undefined;
}

/** The option specs of any plugin, untyped. */
export function specsOf(plugin: Plugin): Readonly<Record<string, PlainOptionSpec>> {
  return plugin.options as unknown as Record<string, PlainOptionSpec>;
}

/**
 * A plugin's options resolved from the flag values read for its name: only the keys it declares
 * (an exporter and an importer may share a format name), defaults for the rest.
 * @throws MaskportError `INVALID_OPTION` for a value that does not fit its spec
 */
export function resolveFlagOptions(plugin: Plugin, values: ReadonlyMap<string, Readonly<Record<string, unknown>>>): object {
  const given: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(values.get(plugin.name) ?? {})) if (key in plugin.options) given[key] = value;
  return resolveOptions(plugin.name, plugin.options, given);
}

/** Commander argument parser for a repeatable flag: collects every value in order. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** Commander argument parser for a whole number ≥ 1 (`--jobs`, `--scale`). */
export function positiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError("must be a positive integer");
  return number;
}

/** `--max-pixels <n>`: the largest image (width × height) read; core refuses larger ones (IMAGE_TOO_LARGE) before allocating them. */
export function maxPixelsOption(): Option {
  return new Option("--max-pixels <n>", `largest image read, in pixels (default ${DEFAULT_MAX_PIXELS}, or $${MAX_PIXELS_ENV})`).argParser(positiveInteger);
}

/**
 * Puts a `--max-pixels` value in force for this process (core reads MASKPORT_MAX_PIXELS; worker
 * threads get the limit with their setup) and checks the variable when it comes from the environment.
 * @throws MaskportError INVALID_OPTION for a MASKPORT_MAX_PIXELS that is not a whole number ≥ 1
 */
export function applyMaxPixels(value: number | undefined): void {
  if (value !== undefined) process.env[MAX_PIXELS_ENV] = String(value);
  maxPixels();
}

// --- internal ---

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
