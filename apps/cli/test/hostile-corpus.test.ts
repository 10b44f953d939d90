// Issue 21's hostile-input corpus (hostile-corpus.ts) through the built CLI, one `maskport
// convert` per entry. Every entry is spawned, none runs in-process: the point is what a user
// sees — the exit status; stderr without a stack trace, "this is a bug" or a raw Node.js
// warning; the offending file named; --out left as it was, with no staging or spool folder
// beside it; and the child's own peak RSS (`process.resourceUsage().maxRSS`, which covers its
// worker threads, printed on fd 3 at exit by a preloaded module) and wall time. In-process runs
// through `runConversion` would be faster but would see none of that (the top-level catch, the
// exit code, the early worker, process memory). A spawn costs ~0.3–0.5 s of CPU, so four run at
// a time in `beforeAll` (~250 entries: ~60 s on two cores, plus up to 32 s for each entry that
// hangs); each `it` then checks one entry and prints every problem with the child's actual
// output. Limits are the issue's, loosely: 1 GB peak RSS and 30 s per entry (SIGTERM at 30 s,
// so the CLI can remove its staging folder, SIGKILL 2 s later).
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CORPUS, type CorpusEntry, type CorpusFormat } from "./hostile-corpus.ts";
import { CLI, createProject, REPO, type Project } from "./project.ts";

const LINKS = {
  "@maskport/exporter-coco": "packages/exporter-coco",
  "@maskport/exporter-cvat": "packages/exporter-cvat",
  "@maskport/exporter-semantic": "packages/exporter-semantic",
  "@maskport/exporter-yolo": "packages/exporter-yolo",
};
const TIMEOUT_MS = 30_000;
const MAX_RSS_BYTES = 1024 ** 3;
const POOL = Math.max(2, Math.min(4, availableParallelism() * 2));
/** Prints the main thread's peak RSS (KiB, the whole process) on fd 3 when the CLI exits. */
const PRELOAD = `import { writeSync } from "node:fs";
import { isMainThread } from "node:worker_threads";
if (isMainThread) process.on("exit", () => { try { writeSync(3, \`\${process.resourceUsage().maxRSS}\\n\`); } catch {} });
`;

interface RunResult {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
  /** Peak RSS in bytes, when the child lived to report it. */
  readonly rss: number | undefined;
}

const results = new Map<string, RunResult>();
let project: Project;
let wallMs = 0;

beforeAll(async () => {
  project = createProject({ dependencies: Object.fromEntries(Object.keys(LINKS).map((name) => [name, "workspace:^"])), link: LINKS, files: { "rss-preload.mjs": PRELOAD } });
  for (const entry of CORPUS) writeEntry(entry);
  const started = performance.now();
  const queue = [...CORPUS];
  await Promise.all(
    Array.from({ length: POOL }, async () => {
      for (let entry = queue.shift(); entry !== undefined; entry = queue.shift()) results.set(entry.name, await run(entry));
    }),
  );
  wallMs = performance.now() - started;
  writeSummary();
}, 600_000);
afterAll(() => project?.remove());

describe("hostile corpus", () => {
  it("has at least 120 entries, names each once, and covers every input format", () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(120);
    expect(new Set(CORPUS.map((entry) => entry.name)).size).toBe(CORPUS.length);
    const formats: CorpusFormat[] = ["png", "mask-layout", "labelmap", "coco", "sa1b", "cvat", "yolo", "semantic", "nnunet", "monai"];
    for (const format of formats) expect(CORPUS.filter((entry) => entry.format === format).length, format).toBeGreaterThanOrEqual(5);
    // The spawns' total, for the record (two cores: about four entries a second).
    expect(wallMs).toBeLessThan(300_000);
  });

  for (const format of new Set(CORPUS.map((entry) => entry.format))) {
    describe(format, () => {
      for (const entry of CORPUS.filter((e) => e.format === format)) {
        it(`${entry.name}: ${entry.what} → ${describeOutcome(entry)}`, () => {
          const result = results.get(entry.name);
          expect(result, "not run").toBeDefined();
          const problems = check(entry, result as RunResult);
          expect(problems, report(entry, result as RunResult, problems)).toEqual([]);
        });
      }
    });
  }
});

// --- internal ---

function caseDir(entry: CorpusEntry): string {
  return `cases/${entry.name}`;
}

function runDir(entry: CorpusEntry): string {
  return `runs/${entry.name}`;
}

function writeEntry(entry: CorpusEntry): void {
  mkdirSync(project.path(caseDir(entry)), { recursive: true });
  for (const [path, contents] of Object.entries(entry.files)) {
    const file = project.path(caseDir(entry), path);
    mkdirSync(dirname(file), { recursive: true });
    if (typeof contents === "object" && "symlink" in contents) symlinkSync(contents.symlink, file);
    else writeFileSync(file, contents);
  }
  // A refused run must leave a non-empty --out exactly as it was, even with --force.
  if (entry.expect.kind === "error" || entry.expect.kind === "usage") {
    mkdirSync(project.path(runDir(entry), "out"), { recursive: true });
    writeFileSync(project.path(runDir(entry), "out", "keep.txt"), "precious\n");
  } else mkdirSync(project.path(runDir(entry)), { recursive: true });
}

function argsOf(entry: CorpusEntry): string[] {
  const input = entry.input === undefined || entry.input === "" ? caseDir(entry) : `${caseDir(entry)}/${entry.input}`;
  const refused = entry.expect.kind === "error" || entry.expect.kind === "usage";
  return ["convert", input, "--to", entry.to ?? "coco", "--out", `${runDir(entry)}/out`, ...(refused ? ["--force"] : []), ...(entry.args ?? []).map((arg) => arg.replaceAll("{dir}", caseDir(entry)))];
}

function run(entry: CorpusEntry): Promise<RunResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
  delete env["MASKPORT_MAX_PIXELS"];
  const started = performance.now();
  const child = spawn(process.execPath, ["--import", pathToFileURL(project.path("rss-preload.mjs")).href, CLI, ...argsOf(entry)], { cwd: project.dir, env, stdio: ["ignore", "pipe", "pipe", "pipe"] });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const fd3: Buffer[] = [];
  child.stdout?.on("data", (chunk: Buffer) => out.push(chunk));
  child.stderr?.on("data", (chunk: Buffer) => err.push(chunk));
  (child.stdio[3] as NodeJS.ReadableStream | null)?.on("data", (chunk: Buffer) => fd3.push(chunk));
  // SIGTERM first: the CLI then removes its staging folder, if its thread is not stuck.
  const term = setTimeout(() => child.kill("SIGTERM"), TIMEOUT_MS);
  const kill = setTimeout(() => child.kill("SIGKILL"), TIMEOUT_MS + 2000);
  return new Promise((resolve) => {
    child.on("close", (status, signal) => {
      clearTimeout(term);
      clearTimeout(kill);
      const kib = Number.parseInt(Buffer.concat(fd3).toString("utf8"), 10);
      resolve({ status, signal, stdout: Buffer.concat(out).toString("utf8"), stderr: Buffer.concat(err).toString("utf8"), ms: performance.now() - started, rss: Number.isFinite(kib) ? kib * 1024 : undefined });
    });
  });
}

/** Everything wrong with one entry's run (empty when it got its outcome). */
function check(entry: CorpusEntry, result: RunResult): string[] {
  const problems: string[] = [];
  const expected = entry.expect;
  const output = `${result.stderr}\n${result.stdout}`;
  const blamed = entry.blame === undefined ? undefined : entry.blame === "" ? caseDir(entry) : `${caseDir(entry)}/${entry.blame}`;
  if (result.status === null) problems.push(`killed by ${result.signal} after ${Math.round(result.ms)} ms`);
  const status = expected.kind === "error" ? expected.exit : expected.kind === "usage" ? 2 : 0;
  if (result.status !== null && result.status !== status) problems.push(`exit ${result.status}, expected ${status}`);
  if (/^\s+at .+/m.test(output)) problems.push("a stack trace is printed");
  if (output.includes("this is a bug")) problems.push('"this is a bug" is printed');
  if (/^\(node:\d+\) /m.test(output)) problems.push("a raw Node.js process warning is printed");
  if (/PLUGIN_FAILED/.test(output)) problems.push("PLUGIN_FAILED (blames a plugin for bad input)");
  if (expected.kind === "error") {
    const at = Math.max(...expected.codes.map((code) => result.stderr.indexOf(`error ${code}: `)));
    if (at === -1) problems.push(`no "error ${expected.codes.join(" | ")}: " line`);
    else if (blamed !== undefined) {
      const message = result.stderr.slice(at).split("\nhint: ")[0] as string;
      if (!message.includes(blamed)) problems.push(`the error message does not name ${blamed}`);
    }
  } else if (expected.kind === "usage") {
    if (!/^error/m.test(result.stderr)) problems.push("no error line");
  } else if (expected.kind === "warning") {
    const lines = result.stderr.split("\n").filter((line) => line.startsWith(`${expected.severity} `) && line.endsWith(`(${expected.code})`));
    if (lines.length === 0) problems.push(`no "${expected.severity} … (${expected.code})" line`);
    else if (blamed !== undefined && !lines.some((line) => line.includes(blamed))) problems.push(`no ${expected.code} ${expected.severity} names ${blamed}`);
  } else if (/^(warning|error) /m.test(result.stderr)) problems.push("a warning or error is printed for a valid file");
  problems.push(...checkOut(entry, result));
  if (result.ms > TIMEOUT_MS) problems.push(`took ${Math.round(result.ms)} ms (limit ${TIMEOUT_MS})`);
  if (result.rss === undefined) problems.push("peak RSS not reported (the child died before its exit handler)");
  else if (result.rss > MAX_RSS_BYTES) problems.push(`peak RSS ${mb(result.rss)} (limit ${mb(MAX_RSS_BYTES)})`);
  return problems;
}

/** --out as it was after a refusal (or written after a success), and nothing else beside it. */
function checkOut(entry: CorpusEntry, result: RunResult): string[] {
  const problems: string[] = [];
  const beside = readdirSync(project.path(runDir(entry))).sort();
  const out = project.path(runDir(entry), "out");
  if (entry.expect.kind === "error" || entry.expect.kind === "usage") {
    if (!existsSync(out)) problems.push("--out was removed");
    else {
      const files = readdirSync(out);
      if (files.join() !== "keep.txt" || readFileSync(join(out, "keep.txt"), "utf8") !== "precious\n") problems.push(`--out was changed: ${files.join(", ")}`);
    }
  } else if (result.status === 0 && (!existsSync(out) || readdirSync(out).length === 0)) problems.push("exit 0 but --out is empty");
  const extra = beside.filter((name) => name !== "out");
  if (extra.length > 0) problems.push(`left beside --out: ${extra.join(", ")}`);
  return problems;
}

function describeOutcome(entry: CorpusEntry): string {
  const e = entry.expect;
  if (e.kind === "error") return `${e.codes.join(" or ")} (exit ${e.exit})`;
  if (e.kind === "usage") return "usage error (exit 2)";
  return e.kind === "warning" ? `${e.severity} ${e.code} (exit 0)` : "converted (exit 0)";
}

function report(entry: CorpusEntry, result: RunResult, problems: readonly string[]): string {
  return [
    `maskport ${argsOf(entry).join(" ")}`,
    ...problems.map((problem) => `  ✗ ${problem}`),
    `  exit ${result.status}${result.signal === null ? "" : ` (${result.signal})`}, ${Math.round(result.ms)} ms, peak RSS ${result.rss === undefined ? "?" : mb(result.rss)}`,
    ...(entry.debatable === undefined ? [] : [`  (debatable: ${entry.debatable})`]),
    `  stderr: ${clip(result.stderr)}`,
    ...(result.stdout.trim() === "" ? [] : [`  stdout: ${clip(result.stdout)}`]),
  ].join("\n");
}

function clip(text: string): string {
  const trimmed = text.trim();
  return trimmed.length > 1500 ? `${trimmed.slice(0, 1500)} …(${trimmed.length} chars)` : trimmed;
}

function mb(bytes: number): string {
  return `${Math.round(bytes / 2 ** 20)} MB`;
}

/** test-results/hostile-corpus.json: every entry's outcome, for the record (not read by anything). */
function writeSummary(): void {
  const rows = CORPUS.map((entry) => {
    const result = results.get(entry.name) as RunResult;
    const problems = check(entry, result);
    return { name: entry.name, format: entry.format, expected: describeOutcome(entry), ok: problems.length === 0, problems, status: result.status, ms: Math.round(result.ms), rssMB: result.rss === undefined ? null : Math.round(result.rss / 2 ** 20), stderr: clip(result.stderr) };
  });
  mkdirSync(join(REPO, "test-results"), { recursive: true });
  writeFileSync(join(REPO, "test-results", "hostile-corpus.json"), `${JSON.stringify({ wallMs: Math.round(wallMs), pool: POOL, entries: rows }, null, 1)}\n`);
}
