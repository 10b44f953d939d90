// Every `maskport …` example a user can copy runs (issue 22): the shell blocks of every README
// and docs/*.md, and the Examples of `maskport --help`. Each document's examples run in order
// (a later one may read what an earlier one wrote) in a folder of their own inside a project
// that holds what the examples name: the repository's `examples/`, a `data/masks` +
// `data/images` and a `masks/` export (the bundled MRI sample), a `BraTS2021/` case (the
// synthetic BraTS case with enhancing tumour relabelled 3 → 4, as BraTS 2021 writes it), the
// example plugin installed, and a `my-plugin.mjs`. Each must exit 0; a failure prints the
// command and its output.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI, createProject, EXAMPLE_PLUGIN, REPO, type Project } from "./project.ts";

const FIRST_PARTY = {
  "@maskport/exporter-coco": "packages/exporter-coco",
  "@maskport/exporter-cvat": "packages/exporter-cvat",
  "@maskport/exporter-semantic": "packages/exporter-semantic",
  "@maskport/exporter-yolo": "packages/exporter-yolo",
  "@maskport/nifti": "packages/nifti",
};
const DOCUMENTS = [
  "README.md",
  "apps/cli/README.md",
  ...readdirSync(join(REPO, "docs")).filter((name) => name.endsWith(".md")).map((name) => `docs/${name}`),
  ...readdirSync(join(REPO, "packages")).map((name) => `packages/${name}/README.md`),
  ...readdirSync(join(REPO, "examples")).map((name) => `examples/${name}/README.md`),
].filter((path) => existsSync(join(REPO, path)));
const COMMAND = /^(?:\.\/node_modules\/\.bin\/maskport|npx maskport|maskport)\s+(.*)$/;

/** The `maskport` commands of a text's fenced shell blocks: continuation lines joined, trailing comments cut. */
function shellExamples(markdown: string): string[] {
  const commands: string[] = [];
  let inBlock = false;
  let shell = false;
  let pending = "";
  for (const line of markdown.split("\n")) {
    const fence = /^\s*```(\w*)/.exec(line);
    if (fence !== null) {
      inBlock = !inBlock;
      shell = inBlock && ["sh", "bash", "shell", "console", ""].includes(fence[1] ?? "");
      pending = "";
      continue;
    }
    if (!inBlock || !shell) continue;
    const text = pending + line.trim();
    if (text.endsWith("\\")) {
      pending = `${text.slice(0, -1).trimEnd()} `;
      continue;
    }
    pending = "";
    const command = COMMAND.exec(text.replace(/\s+#.*$/, "").trim());
    if (command !== null) commands.push(command[1] as string);
  }
  return commands;
}

/** The commands under "Examples:" of a --help text. */
function helpExamples(help: string): string[] {
  const at = help.indexOf("\nExamples:\n");
  if (at < 0) return [];
  return help
    .slice(at + 11)
    .split("\n")
    .map((line) => COMMAND.exec(line.trim())?.[1])
    .filter((command): command is string => command !== undefined);
}

/** Splits a command line into arguments (double and single quotes; no expansions). */
function argv(command: string): string[] {
  const args: string[] = [];
  for (const match of command.matchAll(/"([^"]*)"|'([^']*)'|(\S+)/g)) args.push(match[1] ?? match[2] ?? match[3] ?? "");
  return args;
}

let project: Project;
const examples: { readonly where: string; readonly commands: string[] }[] = DOCUMENTS.map((path) => ({ where: path, commands: shellExamples(readFileSync(join(REPO, path), "utf8")) })).filter((doc) => doc.commands.length > 0);

beforeAll(() => {
  project = createProject({
    dependencies: { ...Object.fromEntries(Object.keys(FIRST_PARTY).map((name) => [name, "workspace:^"])), "maskport-plugin-bbox-csv": "1.0.0" },
    link: FIRST_PARTY,
    install: { "maskport-plugin-bbox-csv": EXAMPLE_PLUGIN },
    files: { "my-plugin.mjs": 'import bboxCsv from "maskport-plugin-bbox-csv";\nexport default { ...bboxCsv, name: "my-format", description: "the docs\' local plugin" };\n' },
  });
  const fixtures = project.path("fixtures");
  const sample = join(REPO, "examples/mri-brain-tumor");
  cpSync(join(sample, "segmentation_mask"), join(fixtures, "data/masks"), { recursive: true });
  cpSync(join(sample, "images"), join(fixtures, "data/images"), { recursive: true });
  cpSync(join(sample, "segmentation_mask"), join(fixtures, "masks"), { recursive: true });
  writeBrats2021(join(REPO, "examples/brats-synthetic"), join(fixtures, "BraTS2021"));
  symlinkSync(join(REPO, "examples"), join(fixtures, "examples"));
  symlinkSync(project.path("my-plugin.mjs"), join(fixtures, "my-plugin.mjs"));
});
afterAll(() => project?.remove());

/** A folder of its own for one document's examples, the fixtures linked in. */
function workspace(name: string): string {
  const dir = project.path("runs", name.replace(/[^\w.-]+/g, "_"));
  mkdirSync(dir, { recursive: true });
  for (const entry of readdirSync(project.path("fixtures"))) symlinkSync(project.path("fixtures", entry), join(dir, entry));
  return dir;
}

function run(dir: string, command: string): string | undefined {
  const result = spawnSync(process.execPath, [CLI, ...argv(command)], { cwd: dir, encoding: "utf8", timeout: 120_000 });
  if (result.status === 0) return undefined;
  return `maskport ${command}\n  (in ${relative(project.dir, dir)}) exit ${result.status}\n  stderr: ${result.stderr.trim()}\n  stdout: ${result.stdout.trim().slice(0, 400)}`;
}

describe("documented examples", () => {
  it("finds the examples of every README and docs page that has some", () => {
    expect(examples.map((doc) => doc.where)).toEqual(expect.arrayContaining(["README.md", "apps/cli/README.md", "docs/plugins.md", "packages/exporter-coco/README.md", "packages/nifti/README.md"]));
    expect(examples.reduce((sum, doc) => sum + doc.commands.length, 0)).toBeGreaterThanOrEqual(20);
  });

  for (const doc of examples) {
    it(`${doc.where}: every example runs`, () => {
      const dir = workspace(doc.where);
      const failures = doc.commands.map((command) => run(dir, command)).filter((failure) => failure !== undefined);
      expect(failures, failures.join("\n\n")).toEqual([]);
    }, 300_000);
  }

  it("maskport --help: every example runs", () => {
    const help = spawnSync(process.execPath, [CLI, "--help"], { cwd: project.dir, encoding: "utf8" });
    expect(help.status).toBe(0);
    const commands = helpExamples(help.stdout);
    expect(commands.length).toBeGreaterThanOrEqual(3);
    const dir = workspace("help");
    const failures = commands.map((command) => run(dir, command)).filter((failure) => failure !== undefined);
    expect(failures, failures.join("\n\n")).toEqual([]);
  }, 300_000);
});

/** The synthetic BraTS case as BraTS 2021 labels it: enhancing tumour 4 instead of 3 (uint8 seg, NIfTI-1). */
function writeBrats2021(from: string, to: string): void {
  cpSync(from, to, { recursive: true });
  for (const entry of readdirSync(to, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const dir = join(to, entry.name);
    for (const file of readdirSync(dir)) {
      if (!file.endsWith("-seg.nii.gz")) continue;
      const bytes = gunzipSync(readFileSync(join(dir, file)));
      const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      if (view.getInt32(0, true) !== 348 || view.getInt16(70, true) !== 2) throw new Error(`${file}: expected a little-endian NIfTI-1 uint8 volume`);
      for (let i = view.getFloat32(108, true); i < bytes.length; i++) if (bytes[i] === 3) bytes[i] = 4;
      writeFileSync(join(dir, file), gzipSync(bytes));
    }
  }
}
