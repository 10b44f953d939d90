import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI, createProject, EXAMPLE_PLUGIN, TOY_PLUGIN, type Project } from "./project.ts";
import { TOY_CSV, TOY_DATASET, TOY_FILES } from "./toy-data.ts";

const FAILING = { ...TOY_DATASET, samples: [...TOY_DATASET.samples, { id: "s3", width: 2, height: 2, fail: "mask is corrupt", instances: [] }] };

describe("output safety", () => {
  let project: Project;
  beforeAll(() => {
    project = createProject({
      dependencies: { "maskport-plugin-bbox-csv": "1.0.0", "maskport-plugin-toy": "2.3.4" },
      install: { "maskport-plugin-bbox-csv": EXAMPLE_PLUGIN, "maskport-plugin-toy": TOY_PLUGIN },
      files: { ...TOY_FILES, "failing/dataset.toy.json": JSON.stringify(FAILING), "out/keep.txt": "precious\n", "empty/.keep": "" },
    });
  });
  afterAll(() => project.remove());
  const listing = (): string[] => readdirSync(project.dir).sort();
  const before = (): string[] => listing();

  it("refuses a non-empty --out without --force (OUTPUT_EXISTS, exit 1) and leaves it alone", () => {
    const result = project.run(["convert", "data", "--to", "bbox-csv", "--out", "out"]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("error OUTPUT_EXISTS: out: is not empty");
    expect(result.stderr).toContain("--force");
    expect(readdirSync(project.path("out"))).toEqual(["keep.txt"]);
  });

  it("a failing conversion leaves --out exactly as it was, even with --force, and no staging folder behind", () => {
    const entries = before();
    const result = project.run(["convert", "failing", "--to", "bbox-csv", "--to", "toy", "--out", "out", "--force"]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("error INVALID_MASK: ");
    expect(result.stderr).toContain("mask is corrupt");
    expect(readdirSync(project.path("out"))).toEqual(["keep.txt"]);
    expect(readFileSync(project.path("out", "keep.txt"), "utf8")).toBe("precious\n");
    expect(listing()).toEqual(entries);
  });

  it("refuses a plugin path that escapes --out (OUTPUT_PATH_ESCAPES, exit 1), writing nothing outside", () => {
    const entries = before();
    for (const file of ["../escape.csv", "/tmp/abs.csv", "a\\b.csv", "a/../../b.csv"]) {
      const result = project.run(["convert", "data", "--to", "bbox-csv", `--bbox-csv.file=${file}`, "--out", "escaped"]);
      expect(result.status, file).toBe(1);
      expect(result.stderr).toContain(`error OUTPUT_PATH_ESCAPES: [bbox-csv] refused output path ${JSON.stringify(file)}`);
    }
    expect(listing()).toEqual(entries);
  });

  it("--force replaces a non-empty --out only after success; an empty --out needs no --force", () => {
    const forced = project.run(["convert", "data", "--to", "bbox-csv", "--out", "out", "--force", "--quiet"]);
    expect(forced.status).toBe(0);
    expect(readdirSync(project.path("out"))).toEqual(["bboxes.csv"]);
    expect(readFileSync(project.path("out", "bboxes.csv"), "utf8")).toBe(TOY_CSV);
    const intoEmpty = project.run(["convert", "data", "--to", "bbox-csv", "--out", "empty/sub", "--quiet"]);
    expect(intoEmpty.status).toBe(0);
    expect(listing().filter((name) => name.includes("maskport-"))).toEqual([]);
  });

  it("Ctrl-C stops the run (exit 130), removes the staging folder and leaves --out as it was", async () => {
    const entries = before();
    const child = spawn(process.execPath, [CLI, "convert", "data", "--to", "toy", "--toy.delay=2000", "--out", "interrupted"], { cwd: project.dir });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    // Interrupt once the run is under way: its staging folder exists.
    for (let i = 0; i < 200 && !listing().some((name) => name.startsWith(".interrupted.maskport-")); i++) await new Promise((r) => setTimeout(r, 50));
    expect(listing().some((name) => name.startsWith(".interrupted.maskport-")), stderr).toBe(true);
    child.kill("SIGINT");
    expect(await exited).toBe(130);
    expect(stderr).toContain("maskport: interrupted (SIGINT); --out was left as it was");
    expect(listing()).toEqual(entries);
  });
});
