// The floor: decode every class and object PNG of a bench dataset with pngjs's public
// `PNG.sync.read` and nothing else. Run as a child process by scripts/bench.mjs; prints one
// JSON line { seconds, cpuSeconds, files, maxRssKb }.
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
const { PNG } = createRequire(join(root, "packages/core/package.json"))("pngjs");
const dir = process.argv[2];
const started = performance.now();
const cpuStarted = process.cpuUsage();
let files = 0;
for (const folder of readdirSync(dir, { withFileTypes: true })) {
  if (!folder.isDirectory()) continue;
  for (const name of readdirSync(join(dir, folder.name)).sort()) {
    if (!name.endsWith(".png")) continue;
    PNG.sync.read(readFileSync(join(dir, folder.name, name)));
    files++;
  }
}
const seconds = (performance.now() - started) / 1000;
const cpu = process.cpuUsage(cpuStarted);
console.log(JSON.stringify({ seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, files, maxRssKb: process.resourceUsage().maxRSS }));
