import { stat } from "node:fs/promises";
import { MaskportError, type Diagnostic, type Importer } from "@maskport/core";
import type { PluginSet } from "./discover-plugins.ts";
import { findPlugin, namesOf } from "./find-plugin.ts";

/**
 * The importer for `input`: the one named by `--from`, else the first (in plugin priority
 * order) whose `detect` says yes. A `detect` that throws counts as no, with a warning.
 * @throws MaskportError `INPUT_NOT_FOUND`, `UNKNOWN_INPUT_FORMAT`, or `findPlugin`'s errors for `--from`
 */
export async function chooseImporter(
  plugins: PluginSet,
  input: string,
  from: string | undefined,
  report: (diagnostic: Diagnostic) => void,
): Promise<Importer<any>> {
  try {
    await stat(input);
  } catch (error) {
    throw new MaskportError("INPUT_NOT_FOUND", "does not exist", { file: input, cause: error, hint: "Check the input path." });
  }
  if (from !== undefined) return findPlugin(plugins, "importer", from).plugin;
  for (const { plugin } of plugins.plugins) {
    if (plugin.kind !== "importer") continue;
    try {
      if (await plugin.detect(input)) return plugin;
    } catch (error) {
      report({
        severity: "warning",
        code: "PLUGIN_FAILED",
        plugin: plugin.name,
        message: `detect() threw (${error instanceof Error ? error.message : String(error)}); treated as "not this format"`,
      });
    }
  }
  throw new MaskportError("UNKNOWN_INPUT_FORMAT", "is not in any format an installed importer reads", {
    file: input,
    hint: `Importers tried: ${namesOf(plugins, "importer").join(", ")}. Name the format with --from, or install the importer's plugin.`,
  });
}
