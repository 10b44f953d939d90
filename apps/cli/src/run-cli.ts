/**
 * The `maskport` command, loaded by main.ts. The only file that calls `process.exit`, with the
 * only top-level catch: 0 success, 1 bad input or a failed conversion (a MaskportError), 2
 * usage errors, 130 interrupted. `--verbose` (any command) or `DEBUG=maskport` adds the cause
 * chain with stack traces to an error.
 */
import { CommanderError } from "commander";
import { isMaskportError } from "@maskport/core";
import { causeChain, wantsVerbose, withoutVerbose } from "./cause-chain.ts";
import { InterruptedError } from "./command-context.ts";
import { createProgram, pluginRequests } from "./create-program.ts";
import { discoverPlugins } from "./discover-plugins.ts";
import { formatError, type Output } from "./report.ts";

/** Error codes that mean the command line asked for something that is not there. */
const USAGE_CODES = new Set(["PLUGIN_NOT_FOUND", "INVALID_OPTION"]);

const output: Output = {
  out: (text) => void process.stdout.write(`${text}\n`),
  err: (text) => void process.stderr.write(`${text}\n`),
  progress: (text) => void process.stderr.write(text),
};

async function main(rawArgv: readonly string[]): Promise<number> {
  const verbose = wantsVerbose(rawArgv, process.env["DEBUG"]);
  const argv = withoutVerbose(rawArgv);
  let exitCode = 0;
  // The first Ctrl-C stops the run cleanly (staging folder removed, --out untouched); a second one kills.
  const interrupt = new AbortController();
  const onSignal = (signal: NodeJS.Signals): void => {
    process.removeListener("SIGINT", onSignal).removeListener("SIGTERM", onSignal);
    interrupt.abort(new InterruptedError(signal));
  };
  process.once("SIGINT", onSignal).once("SIGTERM", onSignal);
  try {
    const cwd = process.cwd();
    const plugins = await discoverPlugins(cwd, pluginRequests(argv));
    const program = createProgram({ cwd, plugins, output, interactive: process.stderr.isTTY === true, signal: interrupt.signal, setExitCode: (code) => (exitCode = code) });
    await program.parseAsync([...argv], { from: "user" });
    return exitCode;
  } catch (error) {
    if (error instanceof InterruptedError) {
      output.err(`maskport: ${error.message}; --out was left as it was`);
      return 130;
    }
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : 2; // commander already printed it
    if (isMaskportError(error)) {
      output.err(formatError(error));
      if (verbose) output.err(`\n${causeChain(error)}`);
      return USAGE_CODES.has(error.code) ? 2 : 1;
    }
    output.err(error instanceof Error ? (error.stack ?? error.message) : String(error));
    output.err("\nmaskport: this is a bug, please report it (with the command you ran and the output above).");
    return 1;
  }
}

const code = await main(process.argv.slice(2));
// Exit only after stdout has flushed, so piped --json output is never cut short.
process.stdout.write("", () => process.exit(code));
