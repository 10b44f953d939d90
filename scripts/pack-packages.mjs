// `npm run pack`: builds, then packs every publishable package into dist-packages/*.tgz and
// prints the npm line that installs core, the CLI and one format from them. The packages are not
// on the npm registry yet; these tarballs are the way to install them into another project.
// `--no-build` packs what is already built; `--out <dir>` packs elsewhere (the tests use both).
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { pnpm } from "./pnpm.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const outIndex = process.argv.indexOf("--out");
const destination = outIndex === -1 ? fileURLToPath(new URL("../dist-packages/", import.meta.url)) : `${resolve(process.argv[outIndex + 1] ?? "")}/`;

if (!process.argv.includes("--no-build")) pnpm("exec", "turbo", "run", "build", "--output-logs=errors-only");
rmSync(destination, { recursive: true, force: true });
mkdirSync(destination, { recursive: true });
// pnpm pack turns `workspace:^` into the real version range; the private example and the web page (a static site, not a package) are left out.
const pinned = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).packageManager;
const packed = spawnSync("npx", ["--yes", pinned, "--filter", "./packages/*", "--filter", "./apps/*", "--filter", "!@maskport/web", "-r", "pack", "--pack-destination", destination], {
  cwd: root,
  encoding: "utf8",
});
if (packed.status !== 0) {
  console.error(packed.stdout, packed.stderr);
  process.exit(packed.status ?? 1);
}
const tarballs = readdirSync(destination).filter((name) => name.endsWith(".tgz")).sort();
const pick = (name) => `${destination}${tarballs.find((file) => file.startsWith(`${name}-`))}`;
console.log(`Packed ${tarballs.length} packages into ${destination}:\n${tarballs.map((file) => `  ${file}`).join("\n")}`);
console.log("\nIn your project, install core, the CLI and the formats you need (here COCO), all from the tarballs:");
console.log(`  npm install -D ${[pick("maskport-core"), pick("maskport-cli"), pick("maskport-exporter-coco")].join(" ")}`);
console.log("then: npx maskport plugins");
