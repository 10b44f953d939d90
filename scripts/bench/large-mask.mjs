// The large-mask row of scripts/bench.mjs (`--runs large`): one 16384×12000 8-bit gray class
// mask (197 MP, four filled discs of three labels) as a Segmentation mask 1.1 folder and as a
// `semantic` index-mask folder, each converted to COCO in its own process; prints wall time,
// peak RSS and bytes of peak RSS per pixel.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const WIDTH = 16384;
const HEIGHT = 12000;

/** Writes the two folders under `work` once; returns their paths. */
function generate(work) {
  const dir = join(work, `gray-${WIDTH}x${HEIGHT}`);
  const mask = join(dir, "mask");
  const semantic = join(dir, "semantic");
  if (existsSync(join(semantic, "labelmap.txt"))) return { mask, semantic };
  const { writePng } = core;
  const data = new Uint8Array(WIDTH * HEIGHT);
  for (const [cx, cy, r, value] of [[3000, 3000, 1500, 1], [9000, 6000, 2500, 2], [14000, 10000, 1200, 3], [5000, 9000, 800, 1]]) {
    for (let y = cy - r; y <= cy + r; y++) for (let x = cx - r; x <= cx + r; x++) if ((x - cx) ** 2 + (y - cy) ** 2 <= r * r) data[y * WIDTH + x] = value;
  }
  const png = writePng({ width: WIDTH, height: HEIGHT, channels: 1, data });
  mkdirSync(join(mask, "SegmentationClass"), { recursive: true });
  mkdirSync(join(mask, "ImageSets/Segmentation"), { recursive: true });
  mkdirSync(join(semantic, "masks"), { recursive: true });
  writeFileSync(join(mask, "SegmentationClass/big.png"), png);
  writeFileSync(join(mask, "ImageSets/Segmentation/default.txt"), "big\n");
  writeFileSync(join(mask, "labelmap.txt"), "# label:color_rgb:parts:actions\nbackground:0,0,0::\nnecrosis:255,0,0::\nedema:0,255,0::\ntumor:0,0,255::\n");
  writeFileSync(join(semantic, "masks/big.png"), png);
  writeFileSync(join(semantic, "labelmap.txt"), "# label:color_rgb:parts:actions\nbackground:0,0,0::\nnecrosis:1,1,1::\nedema:2,2,2::\ntumor:3,3,3::\n");
  return { mask, semantic };
}

/** `@maskport/core/node`, built. */
let core;

/** Runs the large-mask conversions; `print(line)` gets each result line. */
export async function benchLargeMask(root, work, print) {
  core = await import(pathToFileURL(join(root, "packages/core/dist/node/index.js")).href);
  const folders = generate(work);
  const cli = join(root, "apps/cli/dist/main.js");
  const statsFile = join(work, "stats-large.json");
  for (const [label, input, from] of [["mask → coco", folders.mask, "mask"], ["semantic → coco", folders.semantic, "semantic"]]) {
    const out = mkdtempSync(join(work, "out-large-"));
    rmSync(statsFile, { force: true });
    const started = performance.now();
    const result = spawnSync(process.execPath, [cli, "convert", input, "--from", from, "--to", "coco", "--out", join(out, "o"), "--quiet"], {
      encoding: "utf8",
      env: { ...process.env, MASKPORT_STATS_FILE: statsFile },
    });
    const seconds = (performance.now() - started) / 1000;
    rmSync(out, { recursive: true, force: true });
    if (result.status !== 0) throw new Error(`${label} failed (exit ${result.status}):\n${result.stderr}`);
    const { maxRssKb } = JSON.parse(readFileSync(statsFile, "utf8"));
    print(`${label.padEnd(16)} ${WIDTH}×${HEIGHT} gray: ${seconds.toFixed(2)} s, peak RSS ${(maxRssKb / 1024).toFixed(0)} MB = ${((maxRssKb * 1024) / (WIDTH * HEIGHT)).toFixed(1)} bytes a pixel`);
  }
}
