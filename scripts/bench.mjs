// maskport benchmark (not a test): generates a synthetic MRI-like dataset under bench-data/
// (git-ignored) and times the built CLI on it, each run in its own child process.
//
//   npm run bench                                   # build, then 500 masks of 512² (a few minutes)
//   node scripts/bench.mjs --count 2000 --size 512  # the reference size
//   node scripts/bench.mjs --count 50 --size 2048   # large images
//   node scripts/bench.mjs --runs multi --jobs 2    # only coco+cvat+yolo at --jobs 1 and 2
//   node scripts/bench.mjs --runs multi --pairs 5   # + 4 more alternating --jobs 1 / 2 pairs, median speed-up
//   node scripts/bench.mjs --runs medical           # semantic, nnunet and monai (with generated JPEG images)
//   node scripts/bench.mjs --runs nifti             # one 240×240×155 BraTS-like NIfTI volume
//   node scripts/bench.mjs --runs large             # one 16384×12000 gray mask (mask and semantic → coco): time, peak RSS
//   node scripts/bench.mjs --profile                # also writes a CPU profile (bench-data/profiles/)
//   node scripts/bench.mjs --runs web --count 2000  # the browser page against the CLI --jobs 1 (Chromium)
//
// Prints, per run: conversion seconds, masks/s, megapixels/s, time per stage (decode = PNG
// decode into rasters, file reads excluded; instances; encode = transforms + every
// encodeSample; write/other = the rest of the wall time: reads, framing, queues, writing
// files), peak RSS; then the floors (the same PNGs read and decoded by pngjs's PNG.sync.read,
// and by OpenCV's cv2.imread in Python, and nothing else), the ratios issue 20 targets and the
// --jobs speed-up. The OpenCV floor needs a Python with cv2 (Debian: apt-get install
// python3-opencv); without one it is skipped with the reason.
// A "mask" is one image's class + object PNG pair.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { generateDataset, generateImages } from "./bench/generate.mjs";
import { benchNifti } from "./bench/nifti.mjs";
import { benchLargeMask } from "./bench/large-mask.mjs";

const root = fileURLToPath(new URL("..", import.meta.url));
const cli = join(root, "apps/cli/dist/main.js");
const { values: args } = parseArgs({
  options: {
    count: { type: "string", default: "500" },
    size: { type: "string", default: "512" },
    jobs: { type: "string", default: "2" },
    runs: { type: "string", default: "formats,multi,nifti,web" },
    profile: { type: "boolean", default: false },
    pairs: { type: "string", default: "1" },
  },
});
const count = Number(args.count);
const size = Number(args.size);
const jobs = Number(args.jobs);
const runs = new Set(args.runs.split(","));
const megapixels = (count * size * size) / 1e6;
const work = join(root, "bench-data");
// Every run writes into a fresh folder of its own, and all are deleted only when the bench
// ends. Deleting a run's output right before the next run writes made the next run pay for
// it: on ext4 without a journal (as on our CI VM) a freed inode counts as recently deleted for
// one to six minutes, and creating a file walks past every such inode. Measured: the libuv
// threads of a 2,000-mask run spent 3.3 s of CPU creating label files right after a deletion,
// 0.3–0.6 s otherwise; with --jobs 2 that CPU comes out of the workers' share.
mkdirSync(work, { recursive: true });
const outputs = mkdtempSync(join(work, "out-"));
let runNumber = 0;
const statsFile = join(work, "stats.json");
process.on("exit", () => rmSync(outputs, { recursive: true, force: true }));

const load = () => loadavg().map((value) => value.toFixed(2)).join(" ");
console.log(`maskport bench: ${count} masks of ${size}² (class + object PNG each), node ${process.version}, load average ${load()}`);
const dataset = generateDataset(count, size, (line) => console.log(line));

/** One CLI run in a child process; returns its stats (conversion wall, stages, peak RSS). */
function convert(label, formats, jobCount, extraArgs = []) {
  const out = join(outputs, `run-${++runNumber}`);
  rmSync(statsFile, { force: true });
  const extra = args.profile ? ["--cpu-prof", "--cpu-prof-dir", join(work, "profiles"), "--cpu-prof-name", `${label.replace(/[^a-z0-9]+/gi, "_")}.cpuprofile`] : [];
  const started = performance.now();
  const result = spawnSync(process.execPath, [...extra, cli, "convert", dataset, ...formats.flatMap((f) => ["--to", f]), "--out", out, "--jobs", String(jobCount), "--quiet", ...extraArgs], {
    cwd: root,
    env: { ...process.env, MASKPORT_STAGE_TIMES: "1", MASKPORT_STATS_FILE: statsFile },
    encoding: "utf8",
  });
  const processSeconds = (performance.now() - started) / 1000;
  if (result.status !== 0) throw new Error(`${label} failed (exit ${result.status}):\n${result.stderr}`);
  const stats = JSON.parse(readFileSync(statsFile, "utf8"));
  return { label, jobs: jobCount, processSeconds, ...stats };
}

function floor() {
  const result = spawnSync(process.execPath, [join(root, "scripts/bench/floor.mjs"), dataset], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`floor failed:\n${result.stderr}`);
  return JSON.parse(result.stdout);
}

/** The OpenCV floor (scripts/bench/opencv-floor.py), or { skipped: reason }: Debian's Python first, as pyenv's python3 shim lacks python3-opencv. */
function opencvFloor() {
  const reasons = [];
  for (const python of ["/usr/bin/python3", "python3"]) {
    const result = spawnSync(python, [join(root, "scripts/bench/opencv-floor.py"), dataset], { encoding: "utf8" });
    if (result.error !== undefined) reasons.push(`${python}: ${result.error.message}`);
    else if (result.status !== 0) reasons.push(`${python} exited ${result.status}: ${result.stderr.trim().split("\n").at(-1)}`);
    else {
      const run = JSON.parse(result.stdout);
      if (run.skipped === undefined) return run;
      reasons.push(run.skipped);
    }
  }
  return { skipped: reasons.join("; ") };
}

const rows = [];
const row = (run) => {
  const s = run.wallSeconds;
  const stage = (ms) => (ms / 1000).toFixed(2);
  const measured = run.stages.decode + run.stages.instances + run.stages.encode;
  rows.push([
    run.label,
    String(run.jobs),
    s.toFixed(2),
    run.cpuSeconds.toFixed(2),
    run.processSeconds.toFixed(2),
    (count / s).toFixed(0),
    (megapixels / s).toFixed(1),
    stage(run.stages.decode),
    stage(run.stages.instances),
    stage(run.stages.encode),
    // With workers the stage sums are thread time on other threads, so no remainder.
    run.workers === 0 ? stage(s * 1000 - measured) : "–",
    (run.maxRssKb / 1024).toFixed(0),
  ]);
  print([rows.at(-1)], rows.length === 1);
};
const header = ["run", "jobs", "conv s", "cpu s", "proc s", "masks/s", "MP/s", "decode s", "instances s", "encode s", "write/other s", "peak RSS MB"];
function print(lines, withHeader) {
  const widths = header.map((h, i) => Math.max(h.length, 16 * (i === 0)));
  const format = (cells) => cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join("  ");
  if (withHeader) console.log(`\n${format(header)}`);
  for (const line of lines) console.log(format(line));
}

const floorRun = floor();
console.log(`\nfloor: pngjs PNG.sync.read of all ${floorRun.files} PNGs: ${floorRun.seconds.toFixed(2)} s (cpu ${floorRun.cpuSeconds.toFixed(2)} s), ${(count / floorRun.seconds).toFixed(0)} masks/s, ${(megapixels / floorRun.seconds).toFixed(1)} MP/s, peak RSS ${(floorRun.maxRssKb / 1024).toFixed(0)} MB`);
const opencv = opencvFloor();
if (opencv.skipped !== undefined) console.log(`OpenCV floor skipped: ${opencv.skipped}`);
else console.log(`floor: OpenCV ${opencv.opencv} cv2.imread(IMREAD_UNCHANGED) of all ${opencv.files} PNGs: ${opencv.seconds.toFixed(2)} s (cpu ${opencv.cpuSeconds.toFixed(2)} s), ${(count / opencv.seconds).toFixed(0)} masks/s, ${(megapixels / opencv.seconds).toFixed(1)} MP/s, peak RSS ${(opencv.maxRssKb / 1024).toFixed(0)} MB`);
/** A run's time against the OpenCV floor, wall and CPU, and issue 20's target. */
function againstOpencv(label, run, target) {
  if (opencv.skipped !== undefined) return;
  console.log(`${label}: ${(run.wallSeconds / opencv.seconds).toFixed(2)}× the OpenCV decode floor in wall time, ${(run.cpuSeconds / opencv.cpuSeconds).toFixed(2)}× in CPU time (target ≤ ${target})`);
}

if (runs.has("formats")) for (const format of ["coco", "cvat", "yolo", "mask", "sa1b", "semantic"]) row(convert(format, [format], 1));
if (runs.has("medical")) {
  const images = generateImages(count, size, (line) => console.log(line));
  for (const jobCount of [1, jobs]) {
    row(convert("semantic", ["semantic"], jobCount));
    row(convert("semantic+instances", ["semantic"], jobCount, ["--semantic.instances"]));
    row(convert("nnunet (jpeg)", ["nnunet"], jobCount, ["--images", images]));
    row(convert("monai", ["monai"], jobCount, ["--images", images]));
  }
}
if (runs.has("multi")) {
  const coco = convert("coco", ["coco"], 1);
  row(coco);
  const one = convert("coco+cvat+yolo", ["coco", "cvat", "yolo"], 1);
  row(one);
  const many = convert("coco+cvat+yolo", ["coco", "cvat", "yolo"], jobs);
  row(many);
  console.log("");
  againstOpencv("coco --jobs 1", coco, "1.0×");
  againstOpencv("coco+cvat+yolo --jobs 1", one, "1.3×");
  console.log(`coco+cvat+yolo --jobs 1: ${(one.wallSeconds / floorRun.seconds).toFixed(2)}× the pngjs decode floor in wall time, ${(one.cpuSeconds / floorRun.cpuSeconds).toFixed(2)}× in CPU time`);
  console.log(`coco+cvat+yolo --jobs ${jobs}: ${(one.wallSeconds / many.wallSeconds).toFixed(2)}× faster than --jobs 1 (target ≥ 1.6× at --jobs 2); ${many.workerSamples} of ${many.samples} samples encoded in its ${many.workers} worker thread(s)`);
  // On a shared host one pair can meet different load in its two runs (measured: single
  // pairs from 1.14× to 2.18× within minutes); alternating pairs and their median say more.
  const pairs = [[one, many]];
  for (let i = 1; i < Number(args.pairs); i++) pairs.push([convert("pair", ["coco", "cvat", "yolo"], 1), convert("pair", ["coco", "cvat", "yolo"], jobs)]);
  if (pairs.length > 1) {
    const ratios = pairs.map(([a, b]) => a.wallSeconds / b.wallSeconds);
    const list = (values, digits) => values.map((value) => value.toFixed(digits)).join(", ");
    // Whole processes too: start-up, plugin discovery and the workers starting.
    const processRatios = pairs.map(([a, b]) => a.processSeconds / b.processSeconds);
    console.log(`${pairs.length} alternating pairs: --jobs ${jobs} speed-up ${list(ratios, 2)}; median ${median(ratios).toFixed(2)}×`);
    console.log(`  whole process: ${list(processRatios, 2)}; median ${median(processRatios).toFixed(2)}×`);
    console.log(`  conv s --jobs 1: ${list(pairs.map(([a]) => a.wallSeconds), 2)}; --jobs ${jobs}: ${list(pairs.map(([, b]) => b.wallSeconds), 2)}`);
    console.log(`  proc s --jobs 1: ${list(pairs.map(([a]) => a.processSeconds), 2)}; --jobs ${jobs}: ${list(pairs.map(([, b]) => b.processSeconds), 2)}`);
    console.log(`  cpu s --jobs 1: ${list(pairs.map(([a]) => a.cpuSeconds), 2)}; --jobs ${jobs}: ${list(pairs.map(([, b]) => b.cpuSeconds), 2)}`);
    console.log(`  peak RSS MB --jobs 1: ${list(pairs.map(([a]) => a.maxRssKb / 1024), 0)}; --jobs ${jobs}: ${list(pairs.map(([, b]) => b.maxRssKb / 1024), 0)}`);
  }
}
if (runs.has("large")) {
  console.log("");
  await benchLargeMask(root, work, (line) => console.log(line));
}
if (runs.has("nifti")) {
  console.log("\nNIfTI, one 240×240×155 BraTS-like case (--jobs 1; target: well under 1 s of CPU):");
  for (const run of benchNifti(root, work, outputs)) {
    console.log(`  ${run.label.padEnd(28)}  ${run.samples} slices  conv ${run.wallSeconds.toFixed(2)} s  cpu ${run.cpuSeconds.toFixed(2)} s  peak RSS ${(run.maxRssKb / 1024).toFixed(0)} MB`);
  }
}
if (runs.has("web")) {
  // The browser page against the CLI, alternating (scripts/bench/web.mjs); needs Chromium.
  console.log("");
  const web = spawnSync(process.execPath, [join(root, "scripts/bench/web.mjs"), "--dataset", dataset, "--pairs", args.pairs], { cwd: root, stdio: "inherit" });
  if (web.status !== 0) console.log(`web bench failed (exit ${web.status})`);
}
console.log(`\nstage seconds: --jobs 1 = this thread; --jobs > 1 = summed over worker threads. conv s = wall time of the conversion (runConversion); cpu s = its CPU time, all threads; proc s = the whole child process incl. start-up and plugin discovery.`);
console.log(`load average at the end: ${load()}`);
if (args.profile) console.log(`CPU profiles: ${join(work, "profiles")}`);

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
