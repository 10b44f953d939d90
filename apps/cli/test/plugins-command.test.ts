import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProject, EXAMPLE_PLUGIN, pluginPackage, runCli, TOY_PLUGIN, type Project } from "./project.ts";

// One project with every kind of candidate: a good third-party plugin (the example), a
// multi-plugin package, a broken one, one of a newer API version, and one that is named
// in package.json but not installed.
describe("maskport plugins (discovery in a project)", () => {
  let project: Project;
  beforeAll(() => {
    project = createProject({
      dependencies: { "maskport-plugin-bbox-csv": "^1.0.0", "@acme/maskport-plugin-toy": "^2.0.0", "maskport-plugin-absent": "^1.0.0", "left-pad": "^1.0.0", "labelme-export": "^1.0.0" },
      devDependencies: { "maskport-plugin-broken": "^1.0.0", "maskport-plugin-future": "^1.0.0", "maskport-plugin-unexported": "^1.0.0" },
      install: { "maskport-plugin-bbox-csv": EXAMPLE_PLUGIN, "@acme/maskport-plugin-toy": TOY_PLUGIN },
      write: {
        "maskport-plugin-broken": pluginPackage("maskport-plugin-broken", "export default 42;\n"),
        "labelme-export": {
          "package.json": JSON.stringify({ name: "labelme-export", version: "1.0.0", type: "module", keywords: ["maskport-plugin"], exports: "./index.js" }),
          "index.js": "export default {};\n",
        },
        "left-pad": { "package.json": JSON.stringify({ name: "left-pad", version: "1.0.0", keywords: ["pad"] }) },
        "maskport-plugin-unexported": {
          "package.json": JSON.stringify({ name: "maskport-plugin-unexported", version: "1.0.0", type: "module", exports: { "./package.json": "./package.json" } }),
        },
        "maskport-plugin-future": pluginPackage(
          "maskport-plugin-future",
          `export default { apiVersion: 2, kind: "exporter", name: "future", description: "from the future", options: {}, encodeSample() {}, async *write() {} };\n`,
        ),
      },
    });
  });
  afterAll(() => project.remove());

  it("lists plugins with kind, name, package, version and origin, and broken ones with the reason (--json)", () => {
    const result = project.run(["plugins", "--json"]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const listed = JSON.parse(result.stdout) as { project: string; plugins: Record<string, unknown>[] };
    expect(listed.project).toBe(project.path("package.json"));
    const summary = listed.plugins.map((p) => (p.error === undefined ? `${p.kind} ${p.name} ${p.package}@${p.version} ${p.foundIn}` : `broken ${p.request} ${(p.error as { code: string }).code}`));
    expect(summary).toEqual(
      expect.arrayContaining([
        "exporter bbox-csv maskport-plugin-bbox-csv@1.0.0 project",
        "importer toy maskport-plugin-toy@2.3.4 project",
        "exporter toy maskport-plugin-toy@2.3.4 project",
        "transform toy-drop maskport-plugin-toy@2.3.4 project",
        "broken maskport-plugin-absent PLUGIN_NOT_FOUND",
        "broken maskport-plugin-broken PLUGIN_INVALID",
        "broken maskport-plugin-future API_VERSION_MISMATCH",
        "broken maskport-plugin-unexported PLUGIN_INVALID",
      ]),
    );
    // Not a plugin name: never a candidate.
    expect(result.stdout).not.toContain("left-pad");
    const future = listed.plugins.find((p) => p.request === "maskport-plugin-future") as { error: { message: string; hint: string } };
    expect(future.error.message).toContain("version 2");
    expect(future.error.hint).toContain("Upgrade @maskport/cli");
    const absent = listed.plugins.find((p) => p.request === "maskport-plugin-absent") as { error: { message: string; hint: string } };
    expect(absent.error.hint).toContain("listed in package.json");
    const unexported = listed.plugins.find((p) => p.request === "maskport-plugin-unexported") as { error: { message: string } };
    expect(unexported.error.message).toContain("installed but cannot be resolved");
  });

  it("a --plugin module wins over an installed plugin of the same kind and name, which is listed as shadowed", () => {
    const result = project.run(["plugins", "--json", "--plugin", `${TOY_PLUGIN}index.js`]);
    expect(result.status).toBe(0);
    const toy = (JSON.parse(result.stdout).plugins as { kind?: string; name?: string; foundIn: string; shadowed?: boolean }[]).filter((p) => p.kind === "exporter" && p.name === "toy");
    expect(toy.map((p) => [p.foundIn, p.shadowed])).toEqual([
      ["--plugin", false],
      ["project", true],
    ]);
  });

  it("prints a table in text mode, with each plugin's description", () => {
    const result = project.run(["plugins"]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/exporter\s+bbox-csv\s+maskport-plugin-bbox-csv\s+1\.0\.0\s+project\s+One CSV of instance bounding boxes/);
    expect(result.stdout).toMatch(/^kind\s+name\s+package\s+version\s+found in\s+description$/m);
    expect(result.stdout).toMatch(/broken {2}maskport-plugin-broken \(project\): maskport-plugin-broken is not a maskport plugin/);
  });

  it("says why a package with the maskport-plugin keyword but another name was skipped (text and --json)", () => {
    const text = project.run(["plugins"]);
    expect(text.stdout).toContain('skipped labelme-export: has the "maskport-plugin" keyword, but maskport only loads packages named maskport-plugin-<name>');
    expect(text.stdout).toContain("load it with --plugin labelme-export");
    expect(text.stdout).not.toContain("left-pad");
    const json = JSON.parse(project.run(["plugins", "--json"]).stdout) as { skipped: { name: string; reason: string }[] };
    expect(json.skipped.map((entry) => entry.name)).toEqual(["labelme-export"]);
  });

  it("lists the installed formats in --help, and each format option once in convert --help, grouped by format and marked", () => {
    const main = project.run(["--help"]);
    expect(main.status).toBe(0);
    expect(main.stdout).toMatch(/bbox-csv\s+--to\s+One CSV of instance bounding boxes/);
    expect(main.stdout).toMatch(/toy-drop\s+drops the instances/);
    const convert = project.run(["convert", "--help"]);
    expect(convert.status).toBe(0);
    const lines = convert.stdout.split("\n");
    for (const flag of ["--bbox-csv.separator", "--bbox-csv.header", "--toy.crash", "--mask.connectivity"]) {
      expect(lines.filter((line) => line.includes(flag)), flag).toHaveLength(1);
    }
    const group = (format: string): string[] => {
      const start = lines.indexOf(`${format} options:`);
      expect(start, format).toBeGreaterThan(0);
      const end = lines.indexOf("", start);
      return lines.slice(start + 1, end === -1 ? undefined : end);
    };
    expect(group("bbox-csv")).toEqual([
      expect.stringMatching(/^ {2}--bbox-csv\.separator <comma\|semicolon\|tab>\s+\[exporter\] column separator/),
      expect.stringMatching(/^ {2}--bbox-csv\.header \[bool\]\s+\[exporter\] /),
      expect.stringMatching(/^ {2}--bbox-csv\.file <value>\s+\[exporter\] /),
    ]);
    expect(group("mask").filter((line) => line.includes("--mask.connectivity"))).toEqual([expect.stringMatching(/\[importer\] Pixel connectivity/)]);
    // The Formats section names the formats; it does not list their options again.
    const formats = lines.slice(lines.findIndex((line) => line.startsWith("Formats")));
    expect(formats.filter((line) => line.includes("--bbox-csv."))).toEqual([]);
  });

  it("a broken plugin is an error only when used: exit 1 with its reason", () => {
    const broken = project.run(["convert", "nowhere", "--to", "broken", "--out", "out"]);
    expect(broken.status).toBe(1);
    expect(broken.stderr).toContain("error PLUGIN_INVALID: maskport-plugin-broken is not a maskport plugin: its default export is not an object");
    const future = project.run(["convert", "nowhere", "--to", "future", "--out", "out"]);
    expect(future.status).toBe(1);
    expect(future.stderr).toContain("error API_VERSION_MISMATCH: maskport-plugin-future was written for plugin API version 2, but this maskport speaks version 1");
  });
});

describe("discovery without a project package.json (a global or npx install)", () => {
  it("finds the first-party plugins installed beside the CLI", () => {
    const bare = mkdtempSync(join(tmpdir(), "maskport-bare-"));
    try {
      // Only meaningful when no package.json sits above the temp folder.
      expect(existsSync(join(tmpdir(), "package.json"))).toBe(false);
      const result = runCli(bare, ["plugins", "--json"]);
      expect(result.status).toBe(0);
      const listed = JSON.parse(result.stdout) as { project: string | null; plugins: { kind?: string; name?: string; package?: string; foundIn: string }[] };
      expect(listed.project).toBeNull();
      expect(listed.plugins).toEqual(expect.arrayContaining([expect.objectContaining({ kind: "exporter", name: "coco", package: "@maskport/exporter-coco", foundIn: "cli" })]));
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });

  it("lists a --plugin that does not exist as broken, not silently skipped", () => {
    const bare = mkdtempSync(join(tmpdir(), "maskport-bare-"));
    try {
      expect(existsSync(join(tmpdir(), "package.json"))).toBe(false);
      const result = runCli(bare, ["plugins", "--json", "--plugin", "./missing.js"]);
      expect(result.status).toBe(0);
      const listed = JSON.parse(result.stdout) as { plugins: { request?: string; error?: { code?: string; message?: string } }[] };
      const missing = listed.plugins.find((p) => p.request === "./missing.js");
      expect(missing?.error?.code).toBe("PLUGIN_NOT_FOUND");
      expect(missing?.error?.message).toContain(join(bare, "missing.js"));
    } finally {
      rmSync(bare, { recursive: true, force: true });
    }
  });
});

describe("--plugin ./file.js in a CommonJS project (npm init -y)", () => {
  it("says to rename the file to .mjs or set \"type\": \"module\", not to reinstall", () => {
    const source = `export default { apiVersion: 1, kind: "exporter", name: "mine", description: "mine", options: {}, encodeSample() { return { fidelity: [] }; }, async *write() {} };\n`;
    const project = createProject({ files: { "package.json": JSON.stringify({ name: "fresh", version: "1.0.0", type: "commonjs" }), "my-plugin.js": source, "my-plugin.mjs": source } });
    try {
      const listed = JSON.parse(project.run(["plugins", "--json", "--plugin", "./my-plugin.js"]).stdout) as { plugins: { request?: string; error?: { hint?: string } }[] };
      const hint = listed.plugins.find((p) => p.request === "./my-plugin.js")?.error?.hint ?? "";
      expect(hint).toContain(`${project.path("package.json")} says "type": "commonjs", not "type": "module"`);
      expect(hint).toContain('rename it to .mjs, or set "type": "module"');
      expect(hint).not.toContain("Reinstall");
      // The advice works: the same file as .mjs loads.
      const renamed = JSON.parse(project.run(["plugins", "--json", "--plugin", "./my-plugin.mjs"]).stdout) as { plugins: { name?: string; foundIn: string }[] };
      expect(renamed.plugins).toContainEqual(expect.objectContaining({ name: "mine", foundIn: "--plugin" }));
    } finally {
      project.remove();
    }
  });
});
