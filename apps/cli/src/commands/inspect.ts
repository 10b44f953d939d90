import { Command } from "commander";
import { callPlugin, isMaskportError, type Diagnostic } from "@maskport/core";
import { chooseImporter } from "../choose-importer.ts";
import { readDataset } from "../read-dataset.ts";
import type { CommandContext, InputFlags } from "../command-context.ts";
import { addFormatOptionFlags, applyMaxPixels, collect, maxPixelsOption, resolveFlagOptions } from "../option-flags.ts";
import { formatDiagnostic } from "../report.ts";

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
  const readFormatOptions = addFormatOptionFlags(command, context.plugins, "importer");
  return command
    .action(async (input: string, flags: InputFlags, self: Command) => {
      const formatOptions = readFormatOptions(self);
      applyMaxPixels(flags.maxPixels);
      const diagnostics: InspectDiagnostic[] = [];
      const report = (diagnostic: InspectDiagnostic): void => void diagnostics.push(diagnostic);
      const importer = await chooseImporter(context.plugins, input, flags.from, report);
      const importerOptions = resolveFlagOptions(importer, formatOptions);
      const dataset = await readDataset(importer, input, importerOptions, flags.images, report);
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
          sample = await callPlugin({ plugin: importer.name, stage: "load" }, () => dataset.load(ref));
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
      out(`sizes: ${sizeSummary(summary.sizes)}`);
      const background = dataset.labelmap.backgroundId;
      const rows = [
        ["id", "label", "colour", "instances", "pixels"],
        ...summary.labels.map((l) => [String(l.id), l.name, l.color.join(","), l.id === background ? "background" : String(l.instances), l.id === background ? "" : String(l.pixels)]),
      ];
      const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
      for (const row of rows) out(`  ${row.map((cell, column) => (column >= 3 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!))).join("  ")}`.trimEnd());
      out(diagnostics.length === 0 ? "no warnings" : `${diagnostics.length} diagnostic${diagnostics.length === 1 ? "" : "s"}:`);
      for (const diagnostic of diagnostics) {
        out(formatDiagnostic(diagnostic));
        if (diagnostic.hint !== undefined) out(`hint: ${diagnostic.hint}`);
      }
    });
}

/** Image sizes at a glance: all of them when few, else the range and the most common. */
export function sizeSummary(sizes: readonly { readonly width: number; readonly height: number; readonly images: number }[]): string {
  const text = (s: { width: number; height: number; images: number }): string => `${s.width}×${s.height} (${s.images})`;
  if (sizes.length === 0) return "(none)";
  const common = [...sizes].sort((a, b) => b.images - a.images || b.width * b.height - a.width * a.height);
  if (sizes.length <= 3) return common.map(text).join(", ");
  const byArea = [...sizes].sort((a, b) => a.width * a.height - b.width * b.height);
  const smallest = byArea[0]!;
  const largest = byArea.at(-1)!;
  return `${sizes.length} sizes from ${smallest.width}×${smallest.height} to ${largest.width}×${largest.height}; most common ${common.slice(0, 3).map(text).join(", ")}`;
}
