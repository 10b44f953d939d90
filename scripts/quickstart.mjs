// `npm run quickstart`: install (frozen lockfile), build, then convert the bundled MRI
// sample into every installed output format with the real `maskport` binary.
import { spawnSync } from "node:child_process";
import { pnpm, run } from "./pnpm.mjs";
import { QUICKSTART_OUT, quickstartSteps, shellQuote } from "./quickstart-steps.mjs";

pnpm("install", "--frozen-lockfile", "--reporter=silent");
pnpm("exec", "turbo", "run", "build", "--output-logs=errors-only");

const bin = "./node_modules/.bin/maskport";
const listed = spawnSync(bin, ["plugins", "--json"], { encoding: "utf8" });
if (listed.status !== 0) {
  console.error(listed.stderr || listed.stdout);
  process.exit(listed.status ?? 1);
}
const formats = JSON.parse(listed.stdout)
  // nifti stacks slices of NIfTI volumes back: it has nothing to stack from 2D masks (see below).
  .plugins.filter((plugin) => plugin.kind === "exporter" && !plugin.error && plugin.name !== "nifti")
  .map((plugin) => plugin.name);
for (const args of quickstartSteps(formats)) {
  // Printed exactly as it runs: what you see is what you can paste.
  console.log(`\n${[bin, ...args].map(shellQuote).join(" ")}\n`);
  run(bin, args);
}
console.log(`\nDone: see ${QUICKSTART_OUT.join("/ and ")}/`);
