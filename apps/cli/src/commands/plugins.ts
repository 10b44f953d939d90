import { Command } from "commander";
import type { CommandContext } from "../command-context.ts";
import { findSkippedPackages } from "../discover-plugins.ts";
import { collect } from "../option-flags.ts";

/** `maskport plugins [--json]`: every discovered plugin, and the broken ones with the reason. */
export function pluginsCommand(context: CommandContext): Command {
  return new Command("plugins")
    .description("List the plugins maskport found (kind, format name, package, version, where, description), broken ones with the reason, and packages skipped for their name.")
    .option("--json", "print JSON on stdout")
    .option("--plugin <path|package>", "also load this plugin module or package; repeatable", collect, [])
    .action(async (flags: { json?: boolean }) => {
      const { plugins, broken, projectManifest } = context.plugins;
      // Lookup takes the first plugin of a kind and name; later ones are shadowed by it.
      const seen = new Set<string>();
      const rows = plugins.map(({ plugin, source }) => {
        const key = `${plugin.kind} ${plugin.name}`;
        const shadowed = seen.has(key);
        seen.add(key);
        return {
        kind: plugin.kind,
        name: plugin.name,
        description: plugin.description,
        package: source.packageName ?? null,
        version: source.version ?? null,
        foundIn: source.origin,
        module: source.url,
        exportName: source.exportName,
        options: plugin.options,
        shadowed,
      };
      });
      const failures = broken.map((entry) => ({
        request: entry.request,
        foundIn: entry.origin,
        module: entry.url ?? null,
        error: { code: entry.error.code, message: entry.error.message, ...(entry.error.hint === undefined ? {} : { hint: entry.error.hint }) },
      }));
      const skipped = await findSkippedPackages(projectManifest);
      if (flags.json === true) {
        context.output.out(JSON.stringify({ project: projectManifest ?? null, plugins: [...rows, ...failures], skipped }, null, 2));
        return;
      }
      const table = [
        ["kind", "name", "package", "version", "found in", "description"],
        ...rows.map((r) => [r.kind, r.name, r.package ?? "(file)", r.version ?? "-", r.shadowed ? `${r.foundIn} (shadowed)` : r.foundIn, r.description]),
      ];
      const widths = table[0]!.map((_, column) => Math.max(...table.map((row) => row[column]!.length)));
      context.output.out(`project: ${projectManifest ?? "(no package.json found)"}`);
      for (const row of table) context.output.out(row.map((cell, column) => cell.padEnd(widths[column]!)).join("  ").trimEnd());
      for (const failure of failures) context.output.out(`broken  ${failure.request} (${failure.foundIn}): ${failure.error.message}`);
      for (const entry of skipped) context.output.out(`skipped ${entry.name}: ${entry.reason}`);
    });
}
