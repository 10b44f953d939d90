import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { Command } from "commander";
import { ADDED_COLOR, drawText, encodeSampleRef, runPipeline, type ExportStep, type PipelineStage, fillRect, LOST_COLOR, MaskportError, renderContactSheet, scaleToFit, textWidth, type ContactSheetTile, type Diagnostic, type RgbaImage } from "@maskport/core";
import { chooseImporter } from "../choose-importer.ts";
import { readDataset } from "../read-dataset.ts";
import type { CommandContext, InputFlags } from "../command-context.ts";
import { findPlugin } from "../find-plugin.ts";
import { addFormatOptionFlags, applyMaxPixels, collect, maxPixelsOption, positiveInteger, resolveFlagOptions } from "../option-flags.ts";
import { checkOutputOutsideInput, stageOutput } from "../output-folder.ts";
import { encodeRgbaPng, renderSample, type RenderedSample } from "../render-sample.ts";
import { DiagnosticLog } from "../report.ts";

interface PreviewFlags extends InputFlags {
  readonly out: string;
  readonly to?: string;
  readonly scale?: number;
  readonly force?: boolean;
  readonly quiet?: boolean;
}

/** Side of a contact-sheet cell, pixels; large sets get smaller cells (see contactCell). */
const CELL = 192;
/** Images on one contact sheet at most (30 × 30 cells of 72 px: a 2.4k-px sheet, ~20 MB of tiles in memory). */
const MAX_SHEET = 900;

/** Cell side for `count` images: 192 px while the sheet fits ~2400 px (12 columns), then shrinking to keep it so (never under 72). */
export function contactCell(count: number): number {
  const columns = Math.ceil(Math.sqrt(Math.max(1, count)));
  return Math.min(CELL, Math.max(72, Math.floor(2400 / columns) - 8));
}

/**
 * `maskport preview <input> --out <dir> [--to <format>]`: one PNG per image (raw image or gray,
 * instances filled in their label colour, outlines of what the format writes, lost pixels in
 * cyan and added ones in yellow) and `contact-sheet.png`. Same output safety as convert.
 */
export function previewCommand(context: CommandContext): Command {
  const command = new Command("preview")
    .description("Draw each image with its instances, the outlines a format would write and the pixels it loses (cyan) or adds (yellow); plus contact-sheet.png")
    .argument("<input>", "dataset folder or file (format detected, or named with --from)")
    .requiredOption("-o, --out <dir>", "output folder (must be empty or absent unless --force)")
    .option("--to <format>", "show what this format writes and decodes back to (default: the masks only)")
    .option("--from <format>", "input format, instead of detecting it")
    .option("--images <dir>", "folder of raw images, matched to samples by name")
    .option("--scale <n>", "magnification of each preview (default: 1, or 2 for images up to 256 px)", positiveInteger)
    .option("--force", "replace a non-empty --out (only after the previews succeeded)")
    .option("--quiet", "print nothing but errors")
    .option("--json", "print the result as JSON on stdout")
    .addOption(maxPixelsOption())
    .option("--plugin <path|package>", "load a plugin module or package besides the installed ones; repeatable", collect, []);
  const readFormatOptions = addFormatOptionFlags(command, context.plugins);
  command.action(async (input: string, flags: PreviewFlags, self: Command) => {
    // --json prints every diagnostic; the text report only the first few of each code, as convert's.
    const diagnostics = new DiagnosticLog(flags.json === true);
    const formatOptions = readFormatOptions(self);
    let format: ExportStep | undefined;
    if (flags.to !== undefined) {
      const { plugin: exporter } = findPlugin(context.plugins, "exporter", flags.to);
      format = { exporter, options: resolveFlagOptions(exporter, formatOptions) };
    }
    applyMaxPixels(flags.maxPixels);
    await checkOutputOutsideInput(flags.out, input);
    const importer = await chooseImporter(context.plugins, input, flags.from, diagnostics.add);
    const importerOptions = resolveFlagOptions(importer, formatOptions);
    const staged = await stageOutput(flags.out, flags.force === true);
    let images = 0;
    let lost = 0;
    let added = 0;
    try {
      const dataset = await readDataset(importer, input, importerOptions, flags.images, diagnostics.add);
      const tiles: ContactSheetTile[] = [];
      const tileSize = contactCell(Math.min(dataset.size ?? 36, MAX_SHEET));
      const stage: PipelineStage = { dataset, importer: importer.name, transforms: [], exports: format === undefined ? [] : [format], labelmap: dataset.labelmap };
      const draw = async (ref: unknown): Promise<{ id: string; rendered: RenderedSample; diagnostics: readonly Diagnostic[] }> => {
        const { sample, fragments, diagnostics } = await encodeSampleRef(stage, ref);
        const scale = flags.scale ?? (Math.max(sample.width, sample.height) <= 256 ? 2 : 1);
        const rendered = await renderSample(sample, dataset.labelmap, format, scale, fragments[0]);
        return { id: sample.id, rendered, diagnostics: [...diagnostics, ...rendered.diagnostics] };
      };
      for await (const { id, rendered, diagnostics: noted } of runPipeline({ dataset, importer: importer.name, encode: draw, window: 1, signal: context.signal })) {
        for (const diagnostic of noted) diagnostics.add(diagnostic);
        if (format !== undefined && format.exporter.decodeFragment === undefined && images === 0)
          diagnostics.add({ severity: "warning", code: "INVALID_OPTION", plugin: format.exporter.name, message: "this exporter cannot decode what it writes (no decodeFragment): previews show the masks only" });
        const image = rendered.overlay.image;
        // Tiled before the caption: the sheet draws name and legend at its own size, readable.
        if (tiles.length < MAX_SHEET) tiles.push({ name: id, image: scaleToFit(image, tileSize, tileSize), lost: rendered.overlay.lost, added: rendered.overlay.added });
        caption(image, `${id}${format === undefined ? "" : ` ${format.exporter.name}`}`, rendered.overlay.lost, rendered.overlay.added);
        const file = join(staged.path, `${id}.png`);
        await mkdir(dirname(file), { recursive: true });
        await writeFile(file, encodeRgbaPng(image));
        images++;
        lost += rendered.overlay.lost;
        added += rendered.overlay.added;
      }
      if (images > MAX_SHEET)
        diagnostics.add({ severity: "info", code: "INVALID_INPUT", message: `contact-sheet.png shows the first ${MAX_SHEET} of ${images} images; every image has its own preview` });
      await writeFile(join(staged.path, "contact-sheet.png"), encodeRgbaPng(renderContactSheet(tiles, { cell: contactCell(tiles.length) })));
      if (diagnostics.hasErrors)
        throw new MaskportError("STRICT_FAILED", "reading the input reported errors", { hint: "See the diagnostics above; --out was left untouched." });
      await staged.commit();
    } catch (error) {
      await staged.discard();
      if (flags.json !== true) diagnostics.print(context.output);
      throw error;
    }
    // Without decodeFragment nothing was decoded: the counts are "not checked", not 0.
    const checked = format === undefined || format.exporter.decodeFragment !== undefined;
    const result = { ok: true, input, from: importer.name, to: format?.exporter.name ?? null, out: flags.out, images, checked, lost: checked ? lost : null, added: checked ? added : null };
    if (flags.json === true) context.output.out(JSON.stringify({ ...result, diagnostics: diagnostics.kept }, null, 2));
    else if (flags.quiet !== true) {
      diagnostics.print(context.output);
      context.output.out(
        `previewed ${images} image${images === 1 ? "" : "s"} from ${importer.name}${format === undefined ? "" : ` as ${format.exporter.name}`} → ${flags.out} (+ contact-sheet.png)${format === undefined ? "" : checked ? `; ${lost} px lost (cyan), ${added} px added (yellow)` : `; lost/added pixels not checked: ${format.exporter.name} cannot decode what it writes (no decodeFragment)`}`,
      );
    }
  });
  return command;
}

// --- internal ---

/** The sample name top-left and, when anything differs, a lost/added legend bottom-left. */
function caption(image: RgbaImage, name: string, lost: number, added: number): void {
  fillRect(image, 0, 0, textWidth(name) + 4, 11, [0, 0, 0]);
  drawText(image, 2, 2, name, [255, 255, 255]);
  if (lost === 0 && added === 0) return;
  const legend = [
    { color: LOST_COLOR, text: `lost ${lost}` },
    { color: ADDED_COLOR, text: `added ${added}` },
  ];
  let x = 0;
  const y = image.height - 11;
  for (const { color, text } of legend) {
    fillRect(image, x, y, textWidth(text) + 14, 11, [0, 0, 0]);
    fillRect(image, x + 2, y + 2, 7, 7, color);
    drawText(image, x + 11, y + 2, text, [255, 255, 255]);
    x += textWidth(text) + 16;
  }
}
