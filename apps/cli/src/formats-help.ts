import type { Plugin } from "@maskport/core";
import type { PluginSet } from "./discover-plugins.ts";
import { specsOf } from "./option-flags.ts";

/**
 * Help text listing every format once: its name, whether it writes (`--to`) and reads
 * (`--from`), and its description; then the transforms and the `--transform` syntax. Format
 * options are listed by `addFormatOptionFlags`, under a heading per format, so they are not
 * repeated here.
 */
export function pluginsHelp(set: PluginSet): string {
  const byName = new Map<string, Plugin[]>();
  for (const { plugin } of set.plugins) {
    if (plugin.kind === "transform") continue;
    const list = byName.get(plugin.name) ?? [];
    if (!list.some((other) => other.kind === plugin.kind)) list.push(plugin);
    byName.set(plugin.name, list);
  }
  const lines = ["Formats (from the installed plugins; see `maskport plugins`):"];
  if (byName.size === 0) lines.push("  (none installed)");
  for (const name of [...byName.keys()].sort()) {
    const plugins = byName.get(name)!;
    const exporter = plugins.find((p) => p.kind === "exporter");
    const kinds = [exporter === undefined ? "" : "--to", plugins.some((p) => p.kind === "importer") ? "--from" : ""].filter((k) => k !== "").join(", ");
    lines.push(`  ${name.padEnd(8)} ${kinds.padEnd(12)} ${(exporter ?? plugins[0]!).description}`);
  }
  lines.push("  Their options (--<format>.<option>) are listed under \"<format> options\" in `maskport convert --help`: [exporter] ones apply to --to, [importer] ones to reading the input.");
  if (set.broken.length > 0) lines.push(`  broken plugins, not usable: ${set.broken.map((b) => b.request).join(", ")} (see \`maskport plugins\`)`);
  lines.push("Transforms (--transform <name>[:key=value[,key=value…]], applied in the order given):");
  const transforms = set.plugins.filter((entry) => entry.plugin.kind === "transform");
  if (transforms.length === 0) lines.push("  (none installed)");
  for (const { plugin } of transforms) {
    const options = Object.entries(specsOf(plugin))
      .map(([key, spec]) => `${key}=${spec.choices?.join("|") ?? JSON.stringify(spec.default)}`)
      .join(",");
    lines.push(`  ${plugin.name.padEnd(18)} ${plugin.description}${options === "" ? "" : `  [${options}]`}`);
  }
  return lines.join("\n");
}
