import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProject, EXAMPLE_PLUGIN, TOY_PLUGIN, type Project } from "./project.ts";
import { TOY_CSV, TOY_DATASET, TOY_FILES } from "./toy-data.ts";

describe("maskport convert", () => {
  let project: Project;
  beforeAll(() => {
    project = createProject({
      dependencies: { "maskport-plugin-bbox-csv": "1.0.0", "maskport-plugin-toy": "2.3.4" },
      install: { "maskport-plugin-bbox-csv": EXAMPLE_PLUGIN, "maskport-plugin-toy": TOY_PLUGIN },
      files: { ...TOY_FILES, "failing/dataset.toy.json": JSON.stringify({ ...TOY_DATASET, samples: [...TOY_DATASET.samples, { id: "bad", width: 1, height: 1, fail: "unreadable mask", instances: [] }] }) },
    });
  });
  afterAll(() => project.remove());
  const read = (...parts: string[]): string => readFileSync(project.path(...parts), "utf8");

  it("converts with a third-party exporter installed in the project, detecting the input format (exit 0)", () => {
    const result = project.run(["convert", "data", "--to", "bbox-csv", "--out", "single"]);
    expect(result.stderr).not.toContain("error");
    expect(result.status).toBe(0);
    expect(read("single", "bboxes.csv")).toBe(TOY_CSV);
    // The summary: 3 instances, the L-shaped tumor's box adds 1 pixel to its 3 (IoU 3/4).
    expect(result.stdout).toContain("converted 2 samples from toy");
    expect(result.stdout).toContain("3 instances (3 bbox): 2 exact, 1 lossy, worst IoU 0.7500");
  });

  it("writes several targets into <out>/<format>/ from one read, with format options (--json report)", () => {
    const result = project.run(["convert", "data", "--to", "bbox-csv", "--to", "toy", "--out", "multi", "--bbox-csv.separator=semicolon", "--bbox-csv.header", "false", "--json"]);
    expect(result.status).toBe(0);
    expect(read("multi", "bbox-csv", "bboxes.csv")).toBe(TOY_CSV.split("\n").slice(1).join("\n").replaceAll(",", ";"));
    expect(JSON.parse(read("multi", "toy", "dataset.toy.json"))).toEqual({
      labels: TOY_DATASET.labels,
      samples: TOY_DATASET.samples.map((s) => ({ subset: "default", ...s })),
    });
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ ok: true, from: "toy", samples: 2, warnings: 0 });
    expect(report.targets.map((t: { format: string; folder: string; files: number; instances: number; exact: number; worstIou: number }) => [t.format, t.folder, t.files, t.instances, t.exact, t.worstIou])).toEqual([
      ["bbox-csv", "multi/bbox-csv", 1, 3, 2, 0.75],
      ["toy", "multi/toy", 1, 3, 3, 1],
    ]);
  });

  it("chains: an output is a valid input", () => {
    expect(project.run(["convert", "data", "--to", "toy", "--out", "chain1", "--quiet"])).toMatchObject({ status: 0, stdout: "" });
    const second = project.run(["convert", "chain1", "--to", "bbox-csv", "--out", "chain2"]);
    expect(second.status).toBe(0);
    expect(read("chain2", "bboxes.csv")).toBe(TOY_CSV);
  });

  it("runs transforms in order between reading and writing, reporting what they drop; --strict fails on those warnings", () => {
    const result = project.run(["convert", "data", "--to", "bbox-csv", "--out", "dropped", "--transform", "toy-drop:label=tumor"]);
    expect(result.status).toBe(0);
    expect(read("dropped", "bboxes.csv")).toBe([TOY_CSV.split("\n")[0], TOY_CSV.split("\n")[2], ""].join("\n"));
    expect(result.stderr).toContain("warning [toy-drop] s1 #1: dropped tumor (INSTANCE_DROPPED)");
    expect(result.stdout).toContain("(2 warnings)");
    const twice = project.run(["convert", "data", "--to", "bbox-csv", "--out", "dropped2", "--transform", "toy-drop:label=tumor", "--transform", "toy-drop:label=edema"]);
    expect(read("dropped2", "bboxes.csv")).toBe(`${TOY_CSV.split("\n")[0]}\n`);
    expect(twice.status).toBe(0);
    const strict = project.run(["convert", "data", "--to", "bbox-csv", "--out", "strict", "--transform", "toy-drop:label=edema", "--strict"]);
    expect(strict.status).toBe(1);
    expect(strict.stderr).toContain("error STRICT_FAILED: --strict: 1 warning");
    expect(() => read("strict", "bboxes.csv")).toThrow();
  });

  it("exit 2 for usage errors: unknown format, unknown option, bad option value, missing argument, bad --transform", () => {
    const unknownFormat = project.run(["convert", "data", "--to", "nope", "--out", "x"]);
    expect(unknownFormat.status).toBe(2);
    expect(unknownFormat.stderr).toContain('unknown output format "nope"');
    expect(unknownFormat.stderr).toContain("Available: bbox-csv, toy.");
    const unknownOption = project.run(["convert", "data", "--to", "bbox-csv", "--out", "x", "--bbox-csv.nope=1"]);
    expect(unknownOption.status).toBe(2);
    expect(unknownOption.stderr).toContain("unknown option '--bbox-csv.nope=1'");
    const badValue = project.run(["convert", "data", "--to", "bbox-csv", "--out", "x", "--bbox-csv.separator=pipe"]);
    expect(badValue.status).toBe(2);
    expect(badValue.stderr).toContain("[bbox-csv] option separator must be one of comma, semicolon, tab");
    const missingInput = project.run(["convert", "--to", "bbox-csv", "--out", "x"]);
    expect(missingInput.status).toBe(2);
    expect(missingInput.stderr).toContain("missing required argument 'input'");
    const missingOut = project.run(["convert", "data", "--to", "bbox-csv"]);
    expect(missingOut.status).toBe(2);
    const badTransform = project.run(["convert", "data", "--to", "bbox-csv", "--out", "x", "--transform", "toy-drop:oops"]);
    expect(badTransform.status).toBe(2);
    expect(badTransform.stderr).toContain('"oops" is not key=value');
  });

  it("exit 1 for bad input: missing input, unknown input format, a sample that cannot be read", () => {
    const missing = project.run(["convert", "no-such-folder", "--to", "bbox-csv", "--out", "x"]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain("error INPUT_NOT_FOUND: no-such-folder: does not exist");
    const unknown = project.run(["convert", "package.json", "--to", "bbox-csv", "--out", "x"]);
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain("UNKNOWN_INPUT_FORMAT");
  });

  it("a plugin's own crash is wrapped with its name (exit 1), not reported as a CLI bug", () => {
    const result = project.run(["convert", "data", "--to", "toy", "--out", "crash", "--toy.crash"]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("error PLUGIN_FAILED: [toy] plugin failed: boom");
    expect(result.stderr).not.toContain("this is a bug");
  });

  it("a missing first-party format names the install command (exit 2)", () => {
    const result = project.run(["convert", "data", "--to", "coco", "--out", "x"]);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain("error PLUGIN_NOT_FOUND: the output format coco is not installed");
    expect(result.stderr).toContain("npm install -D <clone>/dist-packages/maskport-exporter-coco-<version>.tgz (@maskport/exporter-coco is not on the npm registry yet)");
  });

  it("loads a plugin file named with --plugin", () => {
    const bare = createProject({ files: { ...TOY_FILES } });
    try {
      const result = bare.run(["convert", "data", "--plugin", `${TOY_PLUGIN}index.js`, "--plugin", EXAMPLE_PLUGIN, "--to", "bbox-csv", "--out", "o", "--quiet"]);
      expect(result.stderr).toBe("");
      expect(result.status).toBe(0);
      expect(readFileSync(bare.path("o", "bboxes.csv"), "utf8")).toBe(TOY_CSV);
    } finally {
      bare.remove();
    }
  });

  it("--json reports a failure as JSON on stdout too (exit 1)", () => {
    const result = project.run(["convert", "failing", "--to", "bbox-csv", "--out", "json-fail", "--json"]);
    expect(result.status).toBe(1);
    const report = JSON.parse(result.stdout);
    expect(report.ok).toBe(false);
    expect(report.error).toMatchObject({ code: "INVALID_MASK", sampleId: "bad" });
    expect(report.error.message).toContain("unreadable mask");
  });

  it("inspect lists per-label counts and areas, and exits 1 when a sample cannot be read", () => {
    const good = project.run(["inspect", "data", "--json"]);
    expect(good.status).toBe(0);
    expect(JSON.parse(good.stdout)).toMatchObject({
      format: "toy",
      images: 2,
      subsets: { default: 1, val: 1 },
      sizes: [{ width: 5, height: 4, images: 1 }, { width: 3, height: 3, images: 1 }],
      labels: [
        { name: "background", instances: 0, pixels: 0 },
        { name: "tumor", instances: 2, pixels: 6 },
        { name: "edema", instances: 1, pixels: 2 },
      ],
    });
    const bad = project.run(["inspect", "failing"]);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toContain("2 images (1 unreadable)");
    expect(bad.stdout).toMatch(/error \[toy\] bad: .*unreadable mask \(INVALID_MASK\)/);
  });

  it("exit 2 without a command or with an unknown one; --version exits 0", () => {
    expect(project.run([]).status).toBe(2);
    const unknown = project.run(["frobnicate"]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
    expect(project.run(["--version"])).toMatchObject({ status: 0, stdout: "0.1.0\n" });
  });
});
