// `npm run pack` (scripts/pack-packages.mjs): the tarballs README's install line uses while the
// packages are not on npm. Checks what is inside them, then installs three of them the way npm
// lays them out (no network: third-party dependencies are linked from this workspace) and runs
// the packed CLI with the packed COCO plugin.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI, REPO } from "./project.ts";

const PACKAGES = ["cli", "core", "exporter-coco", "exporter-cvat", "exporter-semantic", "exporter-yolo", "nifti"];

describe("npm run pack", () => {
  let root: string;
  let packed: ReturnType<typeof spawnSync>;
  beforeAll(() => {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: build first`);
    root = mkdtempSync(join(tmpdir(), "maskport-pack-"));
    packed = spawnSync(process.execPath, [join(REPO, "scripts/pack-packages.mjs"), "--no-build", "--out", join(root, "dist-packages")], { cwd: REPO, encoding: "utf8", timeout: 120_000 });
  }, 150_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const unpack = (name: string, folder = join(root, "unpacked", name)): string => {
    if (!existsSync(folder)) {
      mkdirSync(folder, { recursive: true });
      const tarball = readdirSync(join(root, "dist-packages")).find((file) => file.startsWith(`maskport-${name}-`));
      const result = spawnSync("tar", ["-xzf", join(root, "dist-packages", tarball!), "-C", folder, "--strip-components=1"], { encoding: "utf8" });
      expect(result.status, result.stderr).toBe(0);
    }
    return folder;
  };

  it("packs every publishable package, not the private example, and prints the install line", () => {
    expect(packed.status, String(packed.stderr)).toBe(0);
    expect(readdirSync(join(root, "dist-packages")).sort()).toEqual(PACKAGES.map((name) => `maskport-${name}-0.1.0.tgz`));
    const tarball = (name: string): string => join(root, "dist-packages", `maskport-${name}-0.1.0.tgz`);
    expect(String(packed.stdout)).toContain(`npm install -D ${tarball("core")} ${tarball("cli")} ${tarball("exporter-coco")}`);
  });

  it.each(PACKAGES)("@maskport/%s: real dependency ranges, and every export and bin it declares is in the tarball", (name) => {
    const folder = unpack(name);
    const manifest = JSON.parse(readFileSync(join(folder, "package.json"), "utf8")) as { name: string; exports: Record<string, unknown>; bin?: Record<string, string>; dependencies?: Record<string, string> };
    expect(manifest.name).toBe(`@maskport/${name}`);
    expect(JSON.stringify(manifest)).not.toContain("workspace:");
    if (name !== "core") expect(manifest.dependencies?.["@maskport/core"]).toBe("^0.1.0");
    // Every target but "source" (the workspace's own TypeScript, for tests) must ship.
    const targets = Object.values(manifest.exports).flatMap((entry) => (typeof entry === "string" ? [entry] : Object.entries(entry as Record<string, string>).filter(([condition]) => condition !== "source").map(([, target]) => target)));
    for (const target of [...targets, ...Object.values(manifest.bin ?? {})]) expect(existsSync(join(folder, target)), `${name}: ${target}`).toBe(true);
    expect(existsSync(join(folder, "src")), "sources are not shipped").toBe(false);
  });

  it("the packed CLI finds the packed COCO plugin in a project and converts with it", () => {
    const project = join(root, "project");
    const modules = join(project, "node_modules");
    // Extracted in place, not linked: Node resolves a package's imports from its real path.
    for (const name of ["core", "cli", "exporter-coco"]) unpack(name, join(modules, "@maskport", name));
    for (const [name, folder] of [["cli", "apps/cli"], ["core", "packages/core"], ["exporter-coco", "packages/exporter-coco"]] as const) {
      const manifest = JSON.parse(readFileSync(join(unpack(name), "package.json"), "utf8")) as { dependencies?: Record<string, string> };
      for (const dependency of Object.keys(manifest.dependencies ?? {}).filter((d) => !d.startsWith("@maskport/") && !existsSync(join(modules, d)))) {
        mkdirSync(dirname(join(modules, dependency)), { recursive: true });
        symlinkSync(join(REPO, folder, "node_modules", dependency), join(modules, dependency), "dir");
      }
    }
    const tarball = (name: string): string => `file:${join(root, "dist-packages", `maskport-${name}-0.1.0.tgz`)}`;
    writeFileSync(join(project, "package.json"), JSON.stringify({ name: "fresh", version: "1.0.0", type: "commonjs", devDependencies: { "@maskport/core": tarball("core"), "@maskport/cli": tarball("cli"), "@maskport/exporter-coco": tarball("exporter-coco") } }));
    const maskport = (args: string[]) => spawnSync(process.execPath, [join(modules, "@maskport/cli/bin/maskport.js"), ...args], { cwd: project, encoding: "utf8", env: { ...process.env, NO_COLOR: "1" }, timeout: 60_000 });
    const listed = maskport(["plugins", "--json"]);
    expect(listed.status, listed.stderr).toBe(0);
    const plugins = (JSON.parse(listed.stdout) as { plugins: { kind?: string; name?: string; package?: string; version?: string; foundIn: string }[] }).plugins;
    expect(plugins).toContainEqual(expect.objectContaining({ kind: "exporter", name: "coco", package: "@maskport/exporter-coco", version: "0.1.0", foundIn: "project" }));
    expect(plugins.some((plugin) => plugin.name === "yolo")).toBe(false);
    const converted = maskport(["convert", join(REPO, "examples/mri-brain-tumor/segmentation_mask"), "--to", "coco", "--out", "out", "--quiet"]);
    expect(converted.status, converted.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(project, "out/annotations/instances_default.json"), "utf8")).annotations.length).toBeGreaterThan(0);
  });
});
