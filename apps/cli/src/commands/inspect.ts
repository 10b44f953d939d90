import { Command } from "commander";
import { callPlugin, isMaskportError, resolveOptions, type Diagnostic } from "@maskport/core";
import { chooseImporter } from "../choose-importer.ts";
import type { CommandContext } from "../command-context.ts";
import { addFormatOptionFlags, applyMaxPixels, collect, maxPixelsOption, optionsFor } from "../option-flags.ts";
import { formatDiagnostic } from "../report.ts";

interface InspectFlags {
  readonly from?: string;
  readonly images?: string;
  readonly json?: boolean;
  readonly maxPixels?: number;
}

/** A diagnostic with the hint of the error it came from (a sample that cannot be read), as convert prints it. */
type InspectDiagnostic = Diagnostic & { readonly hint?: string };

interface LabelStats {
  id: number;
  name: string;
  color: readonly number[];
  instances: number;
  pixels: number;
}

/** `maskport inspect <input> [--<importer>.<option>…] [--json]`: images, sizes, per-label instance counts and areas, every warning (unreadable samples with their hints). */
export function inspectCommand(context: CommandContext): Command {
  const command = new Command("inspect")
    .description("Read a dataset and report images, sizes, per-label instance counts and pixel areas, and every warning. Exit 1 if any sample cannot be read.")
    .argument("<input>", "dataset folder or file")
    .option("--from <format>", "input format, instead of detecting it")
    .option("--images <dir>", "folder of raw images, matched to samples by name")
    .option("--json", "print JSON on stdout")
    .addOption(maxPixelsOption())
    .option("--plugin <path|package>", "also load this plugin module or package; repeatable", collect, []);
  // The importers' options, as convert takes them (`--yolo.width 640`); inspect writes nothing.
  const readFormatOptions = addFormatOptionFlags(
    command,
    context.plugins.plugins.map((entry) => entry.plugin).filter((plugin) => plugin.kind === "importer"),
  );
  return command
    .action(async (input: string, flags: InspectFlags, self: Command) => {
      const formatOptions = readFormatOptions(self);
      applyMaxPixels(flags.maxPixels);
      const diagnostics: InspectDiagnostic[] = [];
      const report = (diagnostic: InspectDiagnostic): void => void diagnostics.push(diagnostic);
      const importer = await chooseImporter(context.plugins, input, flags.from, report);
      const importerOptions = resolveOptions(importer.name, importer.options, optionsFor(importer, formatOptions.get(importer.name)));
      const dataset = await callPlugin(importer.name, () =>
        importer.read(input, importerOptions, {
          ...(flags.images === undefined ? {} : { images: flags.images }),
          report: (d) => report({ ...d, plugin: importer.name }),
        }),
      );
      const labels = new Map<number, LabelStats>(
        dataset.labelmap.labels.map((label) => [label.id, { id: label.id, name: label.name, color: label.color, instances: 0, pixels: 0 }]),
      );
      const sizes = new Map<string, { width: number; height: number; images: number }>();
      const subsets = new Map<string, number>();
      let images = 0;
      let withImage = 0;
      let failed = 0;
      for await (const ref of dataset.refs()) {
        let sample;
        try {
          sample = await callPlugin(importer.name, () => dataset.load(ref));
        } catch (error) {
          if (!isMaskportError(error)) throw error;
          failed++;
          report({
            severity: "error",
            code: error.code,
            message: error.message,
            plugin: importer.name,
            ...(error.sampleId === undefined ? {} : { sampleId: error.sampleId }),
            ...(error.hint === undefined ? {} : { hint: error.hint }),
          });
          continue;
        }
        images++;
        if (sample.image !== undefined) withImage++;
        subsets.set(sample.subset, (subsets.get(sample.subset) ?? 0) + 1);
        const key = `${sample.width}x${sample.height}`;
        const size = sizes.get(key) ?? { width: sample.width, height: sample.height, images: 0 };
        size.images++;
        sizes.set(key, size);
        for (const instance of sample.instances) {
          const stats = labels.get(instance.label) ?? { id: instance.label, name: `(unknown id ${instance.label})`, color: [], instances: 0, pixels: 0 };
          stats.instances++;
          stats.pixels += instance.area;
          labels.set(instance.label, stats);
        }
      }
      if (failed > 0) context.setExitCode(1);
      const summary = {
        input,
        format: importer.name,
        images,
        unreadable: failed,
        withRawImage: withImage,
        subsets: Object.fromEntries(subsets),
        sizes: [...sizes.values()],
        backgroundId: dataset.labelmap.backgroundId ?? null,
        labels: [...labels.values()],
        diagnostics,
      };
      if (flags.json === true) {
        context.output.out(JSON.stringify(summary, null, 2));
        return;
      }
      const out = context.output.out;
      out(`${input}: ${importer.name} format, ${images} image${images === 1 ? "" : "s"}${failed > 0 ? ` (${failed} unreadable)` : ""}, ${withImage} with a raw image`);
      out(`subsets: ${[...subsets].map(([name, count]) => `${name} (${count})`).join(", ") || "(none)"}`);
      out(`sizes: ${summary.sizes.map((s) => `${s.width}×${s.height} (${s.images})`).join(", ") || "(none)"}`);
      const rows = [["id", "label", "instances", "pixels"], ...summary.labels.map((l) => [String(l.id), l.id === dataset.labelmap.backgroundId ? `${l.name} (background)` : l.name, String(l.instances), String(l.pixels)])];
      const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
      for (const row of rows) out(`  ${row.map((cell, column) => (column >= 2 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join("  ")}`);
      out(diagnostics.length === 0 ? "no warnings" : `${diagnostics.length} diagnostic${diagnostics.length === 1 ? "" : "s"}:`);
      for (const diagnostic of diagnostics) {
        out(formatDiagnostic(diagnostic));
        if (diagnostic.hint !== undefined) out(`hint: ${diagnostic.hint}`);
      }
    });
}
