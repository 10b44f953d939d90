// Runs the pinned pnpm (from package.json's packageManager) through npx, so a machine with
// only Node.js and npm needs nothing else installed.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";

const root = new URL("..", import.meta.url);
const pinned = JSON.parse(readFileSync(new URL("package.json", root), "utf8")).packageManager;

/** Runs `pnpm <args>` in the repository root; exits the process on failure. */
export function pnpm(...args) {
  run("npx", ["--yes", pinned, ...args]);
}

/** Runs a command in the repository root with inherited output; exits the process on failure. */
export function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1" } });
  if (result.status !== 0) {
    console.error(`\n${command} ${args.join(" ")} failed (exit ${result.status ?? result.signal})`);
    process.exit(result.status ?? 1);
  }
}
