import { Command, Option } from "commander";
import { isMaskportError, resolveOptions, serializeError, type Labelmap, type TransformStep } from "@maskport/core";
import { chooseImporter } from "../choose-importer.ts";
import type { CommandContext, InputFlags } from "../command-context.ts";
import { findPlugin } from "../find-plugin.ts";
import { pluginsHelp } from "../formats-help.ts";
import { addFormatOptionFlags, applyMaxPixels, collect, maxPixelsOption, positiveInteger, resolveFlagOptions } from "../option-flags.ts";
import { createProgress } from "../progress.ts";
import { DiagnosticLog, formatConversion } from "../report.ts";
import { runConversion, type ConversionTarget } from "../run-conversion.ts";
import { defaultJobs } from "../encode-pool.ts";
import { parseTransformSpec } from "../transform-spec.ts";
import { FidelityReportBuilder } from "../fidelity-report.ts";
import { writeFidelityReport } from "../write-report.ts";
import type { PluginSource } from "../load-plugin.ts";

interface ConvertFlags extends InputFlags {
  readonly to: string[];
  readonly out: string;
  readonly transform: string[];
  readonly jobs: number;
  readonly force?: boolean;
  readonly strict?: boolean;
  readonly quiet?: boolean;
  readonly report?: string;
}

/** `maskport convert <input> --to <format> … --out <dir>`. */
export function convertCommand(context: CommandContext): Command {
  const command = new Command("convert")
    .description("Convert a mask dataset into one or more formats. One --to writes into --out; several write --out/<format>/ each.")
    .argument("<input>", "dataset folder or file (format detected, or named with --from)")
    .requiredOption("--to <format>", "output format; repeat for several", collect)
    .requiredOption("-o, --out <dir>", "output folder (must be empty or absent unless --force)")
    .option("--from <format>", "input format, instead of detecting it")
    .option("--images <dir>", "folder of raw images, matched to samples by name")
    .option("--transform <spec>", "transform applied between reading and writing, in order: <name>[:key=value[,key=value…]]", collect, [])
    .addOption(new Option("-j, --jobs <n>", "worker threads encoding samples (1: this thread alone)").argParser(positiveInteger).default(defaultJobs()))
    .option("--force", "replace a non-empty --out (only after the conversion succeeded)")
    .option("--strict", "fail (exit 1) on any warning")
    .option("--quiet", "print nothing but errors")
    .option("--json", "print the result as JSON on stdout")
    .option("--report <file.html>", "also write a self-contained HTML fidelity report and its JSON twin (<file>.json)")
    .addOption(maxPixelsOption())
    .option("--plugin <path|package>", "load a plugin module or package besides the installed ones; repeatable", collect, []);
  const readFormatOptions = addFormatOptionFlags(command, context.plugins);
  command.addHelpText("after", () => `\n${pluginsHelp(context.plugins)}`);
  command.action(async (input: string, flags: ConvertFlags, self: Command) => {
    // --json prints every diagnostic; the text report only the first few of each code.
    const diagnostics = new DiagnosticLog(flags.json === true);
    const formatOptions = readFormatOptions(self);
    const seen = new Set<string>();
    for (const format of flags.to) {
      if (seen.has(format)) self.error(`error: --to ${format} is given twice`);
      seen.add(format);
    }
    for (const format of formatOptions.keys()) {
      if (!seen.has(format) && format !== flags.from && context.plugins.plugins.every((p) => p.plugin.kind !== "importer" || p.plugin.name !== format))
        self.error(`error: --${format}.* options are given, but ${format} is neither a --to nor the input format`);
    }
    // Resolve every plugin and option before touching the disk, so usage errors come first.
    const targetSources: PluginSource[] = [];
    const transformSources: PluginSource[] = [];
    const targets: ConversionTarget[] = flags.to.map((format) => {
      const { plugin: exporter, loaded } = findPlugin(context.plugins, "exporter", format);
      targetSources.push(loaded.source);
      return { exporter, options: resolveFlagOptions(exporter, formatOptions), folder: flags.to.length === 1 ? "" : format };
    });
    const transforms: TransformStep[] = flags.transform.map((spec) => {
      const { plugin: transform, loaded } = findPlugin(context.plugins, "transform", parseTransformSpec(spec).name);
      transformSources.push(loaded.source);
      const parsed = parseTransformSpec(spec, Object.keys(transform.options));
      return { transform, options: resolveOptions(transform.name, transform.options, parsed.options) };
    });
    applyMaxPixels(flags.maxPixels);
    const reportBuilder = flags.report === undefined ? undefined : new FidelityReportBuilder(targets.map((target) => target.exporter.name));
    const quiet = flags.quiet === true || flags.json === true;
    let reportLabelmap: Labelmap | undefined;
    const progress = createProgress((text) => context.output.progress(text), quiet ? "off" : context.interactive ? "bar" : "lines");
    try {
      const importer = await chooseImporter(context.plugins, input, flags.from, diagnostics.add);
      const importerOptions = resolveFlagOptions(importer, formatOptions);
      const result = await runConversion(
        {
          input,
          importer,
          importerOptions,
          ...(flags.images === undefined ? {} : { images: flags.images }),
          transforms,
          targets,
          out: flags.out,
          force: flags.force === true,
          jobs: flags.jobs,
          strict: flags.strict === true,
          signal: context.signal,
          sources: {
            importer: context.plugins.plugins.find((entry) => entry.plugin === importer)?.source,
            transforms: transformSources,
            targets: targetSources,
          },
        },
        {
          onStart: (total, labelmap) => {
            reportLabelmap = labelmap;
            progress.start(total);
          },
          onSample: (done) => progress.tick(done),
          onDiagnostic: (diagnostic) => {
            diagnostics.add(diagnostic);
            reportBuilder?.addDiagnostic(diagnostic);
          },
          ...(reportBuilder === undefined ? {} : { thumbnails: true, onEncoded: (sample, fidelity, thumbnail) => reportBuilder.addSample(sample, fidelity, thumbnail) }),
        },
      );
      if (reportBuilder !== undefined && flags.report !== undefined && reportLabelmap !== undefined) await writeFidelityReport(flags.report, reportBuilder, input, importer.name, reportLabelmap);
      progress.finish();
      if (flags.json === true) {
        context.output.out(JSON.stringify({ ok: true, input, from: importer.name, ...result, diagnostics: diagnostics.kept }, null, 2));
        return;
      }
      if (flags.quiet !== true) {
        diagnostics.print(context.output);
        context.output.out(formatConversion(result, importer.name));
      }
    } catch (error) {
      progress.finish();
      if (flags.json === true) {
        context.output.out(JSON.stringify({ ok: false, error: isMaskportError(error) ? serializeError(error) : { message: String(error) }, diagnostics: diagnostics.kept }, null, 2));
      } else diagnostics.print(context.output);
      throw error;
    }
  });
  return command;
}
