// The browser converter against the CLI (not a test): the built page (apps/web/dist) in Debian's
// Chromium converts a bench dataset, alternating with `maskport convert --jobs 1` on the same
// dataset and formats; medians of the pairs, and peak memory of each.
//
//   node scripts/bench/web.mjs --dataset bench-data/mri-2000x512 --pairs 3
//   (npm run bench -- --runs web --count 2000 makes the dataset and calls this)
//
// Browser time = from the Convert click until the download is offered (every file is in the
// zip); CLI time = the whole process. Browser memory = the summed RSS of Chromium's processes
// (sampled every 100 ms) before the click and at its peak during the run: the difference is the
// conversion's (the sum counts shared pages once per process: about 1 GB for an idle page).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { startServer } from "../../apps/web/scripts/serve.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const { values: args } = parseArgs({
  options: {
    dataset: { type: "string", default: join(root, "bench-data/mri-2000x512") },
    pairs: { type: "string", default: "3" },
    formats: { type: "string", default: "coco,cvat,yolo" },
    chromium: { type: "string", default: process.env["MASKPORT_CHROMIUM"] ?? "/usr/bin/chromium" },
  },
});
const formats = args.formats.split(",");
const cli = join(root, "apps/cli/dist/main.js");
const { chromium } = createRequire(join(root, "apps/web/package.json"))("playwright-core");

const server = await startServer();
const url = server.url;
const profile = mkdtempSync(join(tmpdir(), "maskport-bench-chromium-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: args.chromium,
  headless: true,
  acceptDownloads: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

/** Summed RSS (MB) of the processes whose command line names `marker` before `run`, and its peak while `run` runs. */
async function peakRss(marker, run) {
  let peak = 0;
  const sample = () => {
    let total = 0;
    for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
      try {
        if (!readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(marker)) continue;
        total += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;
      } catch {
        // the process ended between the listing and the read
      }
    }
    peak = Math.max(peak, total);
    return total;
  };
  const beforeMb = sample();
  peak = 0;
  const timer = setInterval(sample, 100);
  try {
    return { result: await run(), peakMb: peak, beforeMb };
  } finally {
    clearInterval(timer);
  }
}

async function browserRun() {
  const page = await context.newPage();
  await page.goto(url);
  await page.locator("[data-testid=pick-folder]").setInputFiles(args.dataset);
  for (const box of await page.locator("[data-testid^=format-]").all()) await box.setChecked(formats.includes((await box.getAttribute("data-testid")).slice("format-".length)));
  const { result, peakMb, beforeMb } = await peakRss(profile, async () => {
    const started = performance.now();
    await page.locator("[data-testid=convert]").click();
    await page.locator("[data-testid=download]").waitFor({ state: "visible", timeout: 600_000 });
    return (performance.now() - started) / 1000;
  });
  const summary = await page.locator("[data-testid=summary]").innerText();
  await page.close();
  return { seconds: result, peakMb, beforeMb, summary };
}

function cliRun() {
  const out = mkdtempSync(join(tmpdir(), "maskport-bench-cli-"));
  const started = performance.now();
  const run = spawnSync("/usr/bin/time", ["-f", "%M", process.execPath, cli, "convert", args.dataset, ...formats.flatMap((f) => ["--to", f]), "--out", join(out, "x"), "--jobs", "1", "--quiet"], { encoding: "utf8" });
  const seconds = (performance.now() - started) / 1000;
  rmSync(out, { recursive: true, force: true });
  if (run.status !== 0) throw new Error(`CLI failed: ${run.stderr}`);
  return { seconds, peakMb: Number(run.stderr.trim().split("\n").at(-1)) / 1024 };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const masks = readdirSync(args.dataset, { recursive: true }).filter((name) => String(name).endsWith(".png") && statSync(join(args.dataset, String(name))).isFile()).length;
console.log(`browser vs CLI --jobs 1: ${args.dataset} (${masks} PNGs), --to ${formats.join(" --to ")}, ${args.pairs} alternating pairs`);
const browser = [];
const cliRuns = [];
try {
  for (let pair = 0; pair < Number(args.pairs); pair++) {
    const b = await browserRun();
    const c = cliRun();
    browser.push(b);
    cliRuns.push(c);
    console.log(`pair ${pair + 1}: browser ${b.seconds.toFixed(2)} s (Chromium's processes ${b.beforeMb.toFixed(0)} MB before, peak ${b.peakMb.toFixed(0)} MB: +${(b.peakMb - b.beforeMb).toFixed(0)} MB), CLI ${c.seconds.toFixed(2)} s (peak ${c.peakMb.toFixed(0)} MB)`);
  }
  const b = median(browser.map((run) => run.seconds));
  const c = median(cliRuns.map((run) => run.seconds));
  console.log(`median: browser ${b.toFixed(2)} s, CLI --jobs 1 ${c.toFixed(2)} s: ${(b / c).toFixed(2)}× (target ≤ 2×)`);
  console.log(`summary in the page:\n${browser.at(-1)?.summary}`);
} finally {
  await context.close();
  await server.close();
  rmSync(profile, { recursive: true, force: true });
}
