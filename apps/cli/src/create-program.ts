import { readFileSync } from "node:fs";
import { Command } from "commander";
import type { CommandContext } from "./command-context.ts";
import { convertCommand } from "./commands/convert.ts";
import { inspectCommand } from "./commands/inspect.ts";
import { pluginsCommand } from "./commands/plugins.ts";
import { previewCommand } from "./commands/preview.ts";
import { pluginsHelp } from "./formats-help.ts";

/**
 * The command tree. Commander throws instead of exiting (exitOverride), so `run-cli.ts` keeps the
 * only exit; its help lists the formats and options of the plugins in `context`.
 */
export function createProgram(context: CommandContext): Command {
  const program = new Command("maskport")
    .description("Convert segmentation masks (CVAT Segmentation mask 1.1, CLASS/OBJECT folders, class masks) to COCO, CVAT and YOLO, exactly.")
    .version(cliVersion(), "-V, --version")
    .addHelpText("after", () => `\n${pluginsHelp(context.plugins)}\n\nAdd --verbose (or set DEBUG=maskport) to any command to print an error's causes with their stack traces.\n\nExamples:\n  maskport inspect data/masks\n  maskport convert data/masks --to coco --to yolo --out out/\n  maskport convert out/coco --to yolo --transform min-area:area=20 --out out/yolo-min20`);
  for (const command of [convertCommand(context), inspectCommand(context), previewCommand(context), pluginsCommand(context)]) program.addCommand(command);
  for (const command of [program, ...program.commands]) command.exitOverride().showHelpAfterError("(add --help for usage)").configureOutput(streams(context));
  return program;
}

/** Every `--plugin` value in raw arguments (plugins must load before the parser is built). */
export function pluginRequests(argv: readonly string[]): string[] {
  const requests: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") break;
    if (arg === "--plugin" && argv[i + 1] !== undefined) requests.push(argv[++i]!);
    else if (arg.startsWith("--plugin=")) requests.push(arg.slice("--plugin=".length));
  }
  return requests;
}

// --- internal ---

function streams(context: CommandContext): { writeOut(text: string): void; writeErr(text: string): void } {
  return {
    writeOut: (text) => context.output.out(text.replace(/\n$/, "")),
    writeErr: (text) => context.output.err(text.replace(/\n$/, "")),
  };
}

function cliVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };
  return manifest.version;
}
