// Inflate candidates for PNG decoding (issue 20): every class and object PNG of a bench
// dataset, IDAT data only (no unfilter, no pixel conversion), one candidate per process so
// peak RSS is its own. Not a test.
//
//   node scripts/bench/inflate.mjs bench-data/mri-2000x512            # each candidate, 3 alternating rounds
//   node scripts/bench/inflate.mjs bench-data/mri-2000x512 fflate-out # one candidate, prints one JSON line
//
// Candidates: native = zlib.inflateSync (a fresh output buffer per image: what
// packages/core/src/node/png-fast.ts uses); fflate-out = fflate's unzlibSync into one reused
// output buffer; fflate-out+adler = the same plus the Adler-32 check that fflate skips (zlib
// checks it); fflate = fflate's unzlibSync allocating its output; inflate-into = core's own
// decoder (packages/core/src/node/inflate-into.ts, built: run `npm run build` first) into one
// reused buffer, Adler-32 checked. fflate is a devDependency of @maskport/core for this script only.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { inflateSync } from "node:zlib";

const root = fileURLToPath(new URL("../..", import.meta.url));
const { unzlibSync } = createRequire(join(root, "packages/core/package.json"))("fflate");
const { inflateInto } = await import(pathToFileURL(join(root, "packages/core/dist/node/inflate-into.js")).href);
const CANDIDATES = ["native", "inflate-into", "fflate-out", "fflate-out+adler", "fflate"];
const [dir, candidate, rounds = "3"] = process.argv.slice(2);
if (dir === undefined) throw new Error("usage: node scripts/bench/inflate.mjs <dataset folder> [candidate]");

if (candidate === undefined) {
  const results = Object.fromEntries(CANDIDATES.map((name) => [name, []]));
  for (let round = 0; round < Number(rounds); round++) {
    for (const name of CANDIDATES) {
      const run = spawnSync(process.execPath, [fileURLToPath(import.meta.url), dir, name], { encoding: "utf8" });
      if (run.status !== 0) throw new Error(`${name} failed:\n${run.stderr}`);
      results[name].push(JSON.parse(run.stdout));
    }
  }
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  console.log(`candidate          inflate s  cpu s  peak RSS MB  (medians of ${rounds} alternating rounds; ${results.native[0].files} PNGs, ${(results.native[0].bytes / 1e9).toFixed(2)} GB inflated)`);
  for (const name of CANDIDATES) {
    const runs = results[name];
    console.log(`${name.padEnd(17)}  ${median(runs.map((r) => r.seconds)).toFixed(2).padStart(9)}  ${median(runs.map((r) => r.cpuSeconds)).toFixed(2).padStart(5)}  ${(median(runs.map((r) => r.maxRssKb)) / 1024).toFixed(0).padStart(11)}`);
  }
} else {
  let out = new Uint8Array(0);
  let seconds = 0;
  let bytes = 0;
  let files = 0;
  const cpuStarted = process.cpuUsage();
  for (const folder of readdirSync(dir, { withFileTypes: true })) {
    if (!folder.isDirectory()) continue;
    for (const name of readdirSync(join(dir, folder.name)).sort()) {
      if (!name.endsWith(".png")) continue;
      const { data, expected } = idatOf(readFileSync(join(dir, folder.name, name)));
      const started = performance.now();
      let length;
      if (candidate === "native") {
        length = inflateSync(data, { maxOutputLength: expected, chunkSize: Math.max(64, expected + 1) }).length;
      } else if (candidate === "inflate-into") {
        if (out.length !== expected) out = new Uint8Array(expected);
        inflateInto(data, out);
        length = out.length;
      } else if (candidate === "fflate") {
        length = unzlibSync(data).length;
      } else {
        if (out.length < expected + 1) out = new Uint8Array(expected + 1);
        const inflated = unzlibSync(data, { out: out.subarray(0, expected + 1) });
        length = inflated.length;
        if (candidate === "fflate-out+adler" && adler32(inflated) !== new DataView(data.buffer, data.byteOffset + data.length - 4).getUint32(0)) throw new Error(`${name}: bad Adler-32`);
      }
      seconds += (performance.now() - started) / 1000;
      if (length !== expected) throw new Error(`${name}: inflated to ${length}, not ${expected}`);
      bytes += length;
      files++;
    }
  }
  const cpu = process.cpuUsage(cpuStarted);
  console.log(JSON.stringify({ seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, files, bytes, maxRssKb: process.resourceUsage().maxRSS }));
}

/** The concatenated IDAT data of a non-interlaced 8-bit PNG, and its inflated size. */
function idatOf(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const parts = [];
  let expected = 0;
  for (let at = 8; at < bytes.length; ) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    if (type === "IHDR") {
      const channels = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }[bytes[at + 17]];
      expected = view.getUint32(at + 12) * (view.getUint32(at + 8) * channels + 1);
    } else if (type === "IDAT") parts.push(bytes.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  return { data: parts.length === 1 ? parts[0] : Buffer.concat(parts), expected };
}

function adler32(data) {
  let a = 1;
  let b = 0;
  for (let i = 0; i < data.length; ) {
    const end = Math.min(i + 5552, data.length);
    for (; i < end; i++) {
      a += data[i];
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  return ((b << 16) | a) >>> 0;
}
