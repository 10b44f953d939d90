#!/usr/bin/env node
/**
 * The `maskport` binary. Starts an encode worker first when the command will want one, so it
 * boots on an idle core while this thread loads the CLI (early-worker.ts), then runs the
 * command (run-cli.ts).
 */
import { prestartEncodeWorker } from "./early-worker.ts";

prestartEncodeWorker(process.argv.slice(2));
await import("./run-cli.ts");
