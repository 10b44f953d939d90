// Helpers for the end-to-end tests: a temporary project folder with a package.json and a
// node_modules holding copies of plugin packages and symlinks to workspace packages, and
// a runner that spawns the built CLI in it.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO = fileURLToPath(new URL("../../../", import.meta.url));
export const CLI = join(REPO, "apps/cli/dist/main.js");
export const TOY_PLUGIN = fileURLToPath(new URL("./fixtures/toy-plugin/", import.meta.url));
export const EXAMPLE_PLUGIN = join(REPO, "examples/maskport-plugin-example");

/** What to put in a temporary project. */
export interface ProjectSpec {
  /** package.json dependencies (names only matter for discovery). */
  readonly dependencies?: Readonly<Record<string, string>>;
  readonly devDependencies?: Readonly<Record<string, string>>;
  /** Packages copied into node_modules: name → source folder. */
  readonly install?: Readonly<Record<string, string>>;
  /** Packages written into node_modules: name → files (path → text). */
  readonly write?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Workspace packages symlinked into node_modules: name → folder in the repo. */
  readonly link?: Readonly<Record<string, string>>;
  /** Other files of the project (path → text). */
  readonly files?: Readonly<Record<string, string>>;
}

/** A temporary project; `remove()` deletes it. */
export interface Project {
  readonly dir: string;
  path(...parts: string[]): string;
  /** Runs the CLI in the project folder, with `env` added to this process's environment. */
  run(args: readonly string[], env?: Readonly<Record<string, string>>): CliResult;
  remove(): void;
}

export interface CliResult {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Creates a project folder under the OS temp folder. Core is always linked, as an installed plugin expects. */
export function createProject(spec: ProjectSpec = {}): Project {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build the CLI first (npx turbo run build --filter @maskport/cli...)`);
  const dir = mkdtempSync(join(tmpdir(), "maskport-e2e-"));
  writeFileSync(
    join(dir, "package.json"),
    JSON.stringify({ name: "e2e-project", private: true, type: "module", dependencies: spec.dependencies ?? {}, devDependencies: spec.devDependencies ?? {} }, null, 2),
  );
  const modules = join(dir, "node_modules");
  for (const [name, folder] of Object.entries({ "@maskport/core": "packages/core", ...spec.link })) {
    mkdirSync(dirname(join(modules, name)), { recursive: true });
    symlinkSync(join(REPO, folder), join(modules, name), "dir");
  }
  for (const [name, source] of Object.entries(spec.install ?? {})) {
    cpSync(source, join(modules, name), { recursive: true, filter: (path) => !path.includes("node_modules") && !path.includes("test-results") });
  }
  for (const [name, files] of Object.entries(spec.write ?? {})) writeFiles(join(modules, name), files);
  writeFiles(dir, spec.files ?? {});
  return {
    dir,
    path: (...parts) => join(dir, ...parts),
    run: (args, env) => runCli(dir, args, env),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Spawns `node apps/cli/dist/main.js …args` in `cwd` (not a TTY, so progress is plain lines). */
export function runCli(cwd: string, args: readonly string[], env: Readonly<Record<string, string>> = {}): CliResult {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: "utf8", env: { ...process.env, NO_COLOR: "1", ...env }, timeout: 30_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A plugin package written from source text. */
export function pluginPackage(name: string, source: string, version = "1.0.0"): Record<string, string> {
  return {
    "package.json": JSON.stringify({ name, version, type: "module", exports: { ".": "./index.js", "./package.json": "./package.json" } }),
    "index.js": source,
  };
}

// --- internal ---

function writeFiles(root: string, files: Readonly<Record<string, string>>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}
