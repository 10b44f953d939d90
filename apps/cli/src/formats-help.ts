import type { Plugin } from "@maskport/core";
import type { PluginSet } from "./discover-plugins.ts";
import { specsOf } from "./option-flags.ts";

/** Help text listing every format (exporters and importers) with the options its plugins declare. */
export function formatsHelp(set: PluginSet): string {
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
    const kinds = plugins.map((p) => (p.kind === "exporter" ? "--to" : "--from")).join(", ");
    lines.push(`  ${name.padEnd(8)} ${kinds.padEnd(12)} ${plugins[0]!.description}`);
    for (const plugin of plugins) {
      for (const [key, spec] of Object.entries(specsOf(plugin))) {
        const value = spec.choices !== undefined ? `<${spec.choices.join("|")}>` : typeof spec.default === "boolean" ? "[true|false]" : typeof spec.default === "number" ? "<number>" : "<value>";
        lines.push(`      --${name}.${key}=${value}  ${spec.description} (default ${JSON.stringify(spec.default)})`);
      }
    }
  }
  if (set.broken.length > 0) lines.push(`  broken plugins, not usable: ${set.broken.map((b) => b.request).join(", ")} (see \`maskport plugins\`)`);
  return lines.join("\n");
}

/** Help text listing the transforms and the `--transform` syntax. */
export function transformsHelp(set: PluginSet): string {
  const lines = ["Transforms (--transform <name>[:key=value[,key=value…]], applied in the order given):"];
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
