// `npm run fuzz`: the long run of the fuzzer (scripts/fuzz/) over the built packages. Each target
// (png, labelmap, coco, cvat, yolo-labels, yolo-yaml) runs in a child process, `--jobs` at a
// time, so a mutant that kills its process (out of memory, a native crash) or hangs is caught
// and named by its index, and the child restarted after it. Prints mutants/s per target, the
// outcomes, and every failure grouped by signature, with the command that replays it and, for
// failures that do not kill the process, a minimized reproducer in .tmp/fuzz/ (each candidate is
// tried in a child too: removing bytes can turn a refused size into one that is allocated).
//
//   npm run fuzz                                   10,000 mutants per target, seed 1
//   npm run fuzz -- --mutants 1000 --targets png,coco --seed 7 --jobs 2
//   npm run fuzz -- --replay coco:226 --seed 1     one mutant in this process, with its stack
//
// Build first (npm run build): the children import @maskport/* from their dist folders.
import { fork } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const SCRIPT = fileURLToPath(import.meta.url);
const OUT = fileURLToPath(new URL("../.tmp/fuzz/", import.meta.url));

const { values } = parseArgs({
  options: {
    mutants: { type: "string", default: "10000" },
    seed: { type: "string", default: "1" },
    targets: { type: "string" },
    jobs: { type: "string", default: String(Math.max(1, Math.min(4, availableParallelism()))) },
    "slow-ms": { type: "string", default: "2000" },
    "hang-ms": { type: "string", default: "10000" },
    replay: { type: "string" },
    child: { type: "string" },
    evaluator: { type: "string" },
    from: { type: "string" },
    root: { type: "string" },
    to: { type: "string" },
  },
});
const seed = Number(values.seed);
const slowMs = Number(values["slow-ms"]);

/** Node options of every child: a heap cap, so a runaway allocation ends the child quickly. */
const CHILD_OPTIONS = ["--no-warnings", "--max-old-space-size=2048"];

if (values.child !== undefined) await child(values.child, Number(values.from), Number(values.to), String(values.root));
else if (values.evaluator !== undefined) await evaluator(values.evaluator, String(values.root));
else if (values.replay !== undefined) await replay(values.replay);
else await main();

// --- the parent ---

async function main() {
  const { TARGETS } = await import("./fuzz/harness.mjs");
  const targets = values.targets === undefined ? TARGETS : values.targets.split(",");
  const mutants = Number(values.mutants);
  const jobs = Number(values.jobs);
  console.log(`fuzz: ${mutants} mutants per target, seed ${seed}, ${jobs} child process(es), a mutant over ${slowMs} ms is a failure, one over ${values["hang-ms"]} ms a hang`);
  const queue = [...targets];
  /** @type {Map<string, TargetRun>} */
  const runs = new Map();
  await Promise.all(
    Array.from({ length: Math.min(jobs, queue.length) }, async () => {
      for (let target = queue.shift(); target !== undefined; target = queue.shift()) runs.set(target, await runTarget(target, mutants));
    }),
  );
  const rows = targets.map((target) => /** @type {TargetRun} */ (runs.get(target)));
  console.log("");
  console.log(`${"target".padEnd(12)} ${"mutants".padStart(8)} ${"seconds".padStart(8)} ${"mutants/s".padStart(10)} ${"converted".padStart(10)} ${"failures".padStart(9)}  refused (MaskportError codes)`);
  for (const run of rows) {
    const refused = Object.entries(run.counts)
      .filter(([kind]) => kind !== "converted" && kind !== "failure")
      .sort((a, b) => b[1] - a[1])
      .map(([code, n]) => `${code} ${n}`)
      .join(", ");
    console.log(`${run.target.padEnd(12)} ${String(run.done).padStart(8)} ${run.seconds.toFixed(1).padStart(8)} ${(run.done / run.seconds).toFixed(0).padStart(10)} ${String(run.counts.converted ?? 0).padStart(10)} ${String(run.failures.length).padStart(9)}  ${refused}`);
  }
  const failures = rows.flatMap((run) => run.failures);
  if (failures.length === 0) {
    console.log("\nno failures");
    return;
  }
  console.log(`\n${failures.length} failure(s):`);
  await report(failures);
  process.exitCode = 1;
}

/**
 * @typedef {{ target: string, index: number, stage: string, reason: string, error: string, stack?: string, ms?: number, fatal?: boolean }} FailureRecord
 * @typedef {{ target: string, done: number, seconds: number, counts: Record<string, number>, failures: FailureRecord[] }} TargetRun
 */

/** Runs `mutants` mutants of `target` in children, restarting after a mutant that kills or hangs one. @param {string} target @param {number} mutants @returns {Promise<TargetRun>} */
async function runTarget(target, mutants) {
  const started = performance.now();
  /** @type {Record<string, number>} */
  const counts = {};
  /** @type {FailureRecord[]} */
  const failures = [];
  // Made and removed here: a child killed for a hang cannot clean up after itself.
  const root = mkdtempSync(join(tmpdir(), `maskport-fuzz-${target}-`));
  let next = 0;
  while (next < mutants) {
    const from = next;
    const outcome = await new Promise((resolve) => {
      const worker = fork(SCRIPT, ["--child", target, "--from", String(from), "--to", String(mutants), "--root", root, "--seed", String(seed), "--slow-ms", String(slowMs)], { execArgv: CHILD_OPTIONS, stdio: ["ignore", "ignore", "pipe", "ipc"] });
      let current = from - 1;
      let stderr = "";
      let finished = false;
      worker.stderr?.on("data", (chunk) => (stderr = (stderr + chunk.toString()).slice(-4000)));
      let watchdog = setTimeout(hang, Number(values["hang-ms"]));
      function hang() {
        failures.push({ target, index: current, stage: "time", reason: "hang", error: `no answer after ${values["hang-ms"]} ms: killed`, fatal: true });
        worker.kill("SIGKILL");
      }
      worker.on("message", (/** @type {any} */ message) => {
        if (message.type === "start") {
          current = message.index;
          clearTimeout(watchdog);
          watchdog = setTimeout(hang, Number(values["hang-ms"]));
        } else if (message.type === "result") counts[message.kind] = (counts[message.kind] ?? 0) + 1;
        else if (message.type === "failure") failures.push({ target, ...message.failure });
        else if (message.type === "done") finished = true;
      });
      worker.on("exit", (code, signal) => {
        clearTimeout(watchdog);
        if (!finished && !failures.some((f) => f.index === current && f.reason === "hang")) {
          failures.push({ target, index: current, stage: "process", reason: signal ?? `exit ${code}`, error: `the child process died (${signal ?? `exit code ${code}`}): ${stderr.trim().split("\n").slice(-3).join(" | ")}`, fatal: true });
        }
        resolve({ finished, current });
      });
    });
    const { finished, current } = /** @type {{ finished: boolean, current: number }} */ (outcome);
    if (finished) break;
    counts.failure = (counts.failure ?? 0) + 1;
    next = current + 1;
    if (next <= from) next = from + 1;
  }
  rmSync(root, { recursive: true, force: true });
  return { target, done: mutants, seconds: (performance.now() - started) / 1000, counts, failures };
}

/** Groups failures by signature, minimizes one reproducer of each (when it did not kill its process) and prints them. @param {readonly FailureRecord[]} failures */
async function report(failures) {
  const harness = await import("./fuzz/harness.mjs");
  mkdirSync(OUT, { recursive: true });
  /** @type {Map<string, FailureRecord[]>} */
  const groups = new Map();
  for (const failure of failures) {
    const key = `${failure.target} ${failure.fatal === true ? `${failure.stage}: ${failure.reason}` : harness.signatureOf(/** @type {any} */ (failure))}`;
    groups.set(key, [...(groups.get(key) ?? []), failure]);
  }
  /** @type {[string, FailureRecord, Uint8Array, number, string][]} */
  const toMinimize = [];
  for (const [key, group] of groups) {
    const first = /** @type {FailureRecord} */ (group[0]);
    const { seedIndex, bytes } = harness.mutantOf(seed, first.target, first.index);
    const seedFile = harness.seedFile(first.target, seedIndex);
    const file = join(OUT, `${first.target}-${seed}-${first.index}-${seedFile.replace(/[/\\]/g, "_")}`);
    writeFileSync(file, bytes);
    console.log(`\n● ${key}\n  ${group.length} mutant(s), first: ${first.target}:${first.index} (indices ${group.slice(0, 8).map((f) => f.index).join(", ")}${group.length > 8 ? ", …" : ""})`);
    console.log(`  ${first.error.split("\n")[0]}`);
    if (first.stack !== undefined) console.log(`  ${first.stack.split("\n").slice(1, 5).map((line) => line.trim()).join("\n  ")}`);
    console.log(`  replay: npm run fuzz -- --replay ${first.target}:${first.index} --seed ${seed}`);
    console.log(`  mutant (${bytes.length} bytes, replaces ${seedFile} of seed ${seedIndex}): ${file}`);
    if (first.fatal !== true && first.reason !== "slow") toMinimize.push([key, first, bytes, seedIndex, file]);
  }
  if (toMinimize.length > 0) console.log("\nminimized reproducers:");
  for (const [key, first, bytes, seedIndex, file] of toMinimize) {
    const small = await minimizeInChild(first.target, seedIndex, bytes, harness.signatureOf(/** @type {any} */ (first)));
    writeFileSync(`${file}.min`, small);
    console.log(`\n● ${key}\n  ${small.length} bytes (from ${bytes.length}): ${file}.min\n  ${preview(small)}`);
  }
}

/**
 * The smallest input (bytes removed, halving chunks) that still fails with `signature`, each
 * candidate run in an evaluator child (restarted when a candidate kills or hangs it).
 * @param {string} target @param {number} seedIndex @param {Uint8Array} bytes @param {string} signature
 */
async function minimizeInChild(target, seedIndex, bytes, signature) {
  const deadline = performance.now() + 30_000;
  const root = mkdtempSync(join(tmpdir(), `maskport-fuzz-min-${target}-`));
  /** @type {import("node:child_process").ChildProcess | undefined} */
  let evaluator;
  const start = () => fork(SCRIPT, ["--evaluator", target, "--root", root], { execArgv: CHILD_OPTIONS, serialization: "advanced", stdio: ["ignore", "ignore", "ignore", "ipc"] });
  /** @param {Uint8Array} candidate @returns {Promise<boolean>} */
  const fails = (candidate) =>
    new Promise((resolve) => {
      const worker = (evaluator ??= start());
      const done = (/** @type {boolean} */ result) => {
        clearTimeout(timer);
        worker.off("message", onMessage).off("exit", onExit);
        resolve(result);
      };
      const onMessage = (/** @type {any} */ message) => done(message.signature === signature);
      const onExit = () => {
        evaluator = undefined;
        done(false);
      };
      const timer = setTimeout(() => worker.kill("SIGKILL"), 5000);
      worker.on("message", onMessage).on("exit", onExit);
      worker.send({ seedIndex, bytes: candidate });
    });
  let best = bytes;
  try {
    for (let chunk = Math.max(1, best.length >> 1); chunk >= 1 && performance.now() < deadline; chunk = chunk === 1 ? 0 : Math.max(1, chunk >> 1)) {
      for (let at = 0; at < best.length && performance.now() < deadline; ) {
        const candidate = new Uint8Array(best.length - Math.min(chunk, best.length - at));
        candidate.set(best.subarray(0, at));
        candidate.set(best.subarray(at + chunk), at);
        if (await fails(candidate)) best = candidate;
        else at += chunk;
      }
    }
  } finally {
    /** @type {import("node:child_process").ChildProcess | undefined} */ (evaluator)?.kill();
    rmSync(root, { recursive: true, force: true });
  }
  return best;
}

/** @param {Uint8Array} bytes */
function preview(bytes) {
  const text = new TextDecoder().decode(bytes);
  return [...text].some((char) => (char < " " && !"\t\n\r".includes(char)) || char === "\ufffd") ? `(${[...bytes.subarray(0, 48)].map((b) => b.toString(16).padStart(2, "0")).join(" ")}${bytes.length > 48 ? " …" : ""})` : JSON.stringify(text.length > 300 ? `${text.slice(0, 300)}…` : text);
}

// --- a child: mutants [from, to) of one target ---

/** @param {string} target @param {number} from @param {number} to @param {string} root */
async function child(target, from, to, root) {
  const harness = await import("./fuzz/harness.mjs");
  const send = (/** @type {object} */ message) => new Promise((resolve) => /** @type {NonNullable<typeof process.send>} */ (process.send)(message, undefined, {}, resolve));
  try {
    harness.prepareTarget(root, target);
    for (let index = from; index < to; index++) {
      // Awaited, so the parent knows which mutant a crash or hang belongs to.
      await send({ type: "start", index });
      const { seedIndex, bytes } = harness.mutantOf(seed, target, index);
      const outcome = await harness.runInput(root, target, seedIndex, bytes, { slowMs });
      void send({ type: "result", kind: outcome.kind === "refused" ? outcome.code : outcome.kind });
      if (outcome.kind === "failure") await send({ type: "failure", failure: { index, stage: outcome.stage, reason: outcome.reason, error: outcome.error, stack: outcome.stack, ms: outcome.ms } });
    }
    await send({ type: "done" });
  } finally {
    process.disconnect?.();
  }
}

// --- an evaluator child: runs the candidates a minimization sends, answers their signature ---

/** @param {string} target @param {string} root */
async function evaluator(target, root) {
  const harness = await import("./fuzz/harness.mjs");
  process.on("disconnect", () => process.exit(0));
  harness.prepareTarget(root, target);
  process.on("message", async (/** @type {any} */ message) => {
    const outcome = await harness.runInput(root, target, message.seedIndex, new Uint8Array(message.bytes));
    process.send?.({ signature: outcome.kind === "failure" ? harness.signatureOf(outcome) : undefined });
  });
}

// --- replay one mutant ---

/** @param {string} spec `target:index` */
async function replay(spec) {
  const [target = "", index = "0"] = spec.split(":");
  const harness = await import("./fuzz/harness.mjs");
  const root = mkdtempSync(join(tmpdir(), "maskport-fuzz-replay-"));
  try {
    harness.prepareTarget(root, target);
    const { seedIndex, bytes } = harness.mutantOf(seed, target, Number(index));
    mkdirSync(OUT, { recursive: true });
    const file = join(OUT, `${target}-${seed}-${index}-${harness.seedFile(target, seedIndex).replace(/[/\\]/g, "_")}`);
    writeFileSync(file, bytes);
    console.log(`${target}:${index} (seed ${seed}): seed input ${seedIndex}, ${harness.seedFile(target, seedIndex)} replaced by ${file} (${bytes.length} bytes)`);
    const outcome = await harness.runInput(root, target, seedIndex, bytes);
    console.log(JSON.stringify({ ...outcome, stack: undefined }, null, 2));
    if (outcome.kind === "failure" && outcome.stack !== undefined) console.log(outcome.stack);
    if (outcome.kind === "failure") process.exitCode = 1;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
