// End-to-end tests of `--jobs` with worker threads (spawns the built CLI: build first).
import { cpSync, readdirSync, readFileSync, writeFileSync, mkdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProject, pluginPackage, REPO, type Project } from "./project.ts";

/**
 * A plugin made for these tests: importer `seq` reads data/seq.json = { count, fail?, slow? }
 * (sample i has one 1×1 instance; sample `fail` throws INVALID_MASK naming the file); exporter
 * `seq` waits longer for earlier samples (so later ones finish first on another worker) and
 * writes order.txt: one line per sample as write received it, with the thread that encoded it.
 */
const SEQ_PLUGIN = `
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { isMainThread, threadId } from "node:worker_threads";
import { MaskportError } from "@maskport/core";
const labelmap = { labels: [{ id: 0, name: "background", color: [0, 0, 0], parts: [], actions: [] }, { id: 1, name: "thing", color: [9, 9, 9], parts: [], actions: [] }], backgroundId: 0, dialect: "cvat" };
const importer = {
  apiVersion: 1, kind: "importer", name: "seq", description: "test sequence", options: {},
  async detect(input) { return input.endsWith("seq.json") || input.endsWith("seq"); },
  async read(input, options, context) {
    const file = input.endsWith(".json") ? input : join(input, "seq.json");
    const spec = JSON.parse(await readFile(file, "utf8"));
    if (spec.readNote) context.report({ severity: "warning", code: "LABELMAP_MISSING", message: "a note on the whole dataset" });
    return {
      labelmap, subsets: ["default"], size: spec.count,
      async *refs() { for (let i = 0; i < spec.count; i++) yield { i, file, fail: spec.fail, failInWorkers: spec.failInWorkers, count: spec.count }; },
      async load(ref) {
        if (spec.warnEvery && ref.i % spec.warnEvery === 0) context.report({ severity: "warning", code: "UNKNOWN_COLOR", message: "note on sample " + ref.i, sampleId: "s" + ref.i });
        if (ref.i === ref.fail || (ref.failInWorkers && !isMainThread)) throw new MaskportError("INVALID_MASK", "sample " + ref.i + " is broken", { file: "data/seq.json", sampleId: "s" + ref.i });
        return { id: "s" + ref.i, subset: "default", width: 2, height: 2, instances: [{ label: 1, instanceId: 1, bbox: { x: 0, y: 0, width: 1, height: 1 }, area: 1, bitmap: { width: 1, height: 1, data: new Uint8Array([1]) } }] };
      },
    };
  },
};
const exporter = {
  apiVersion: 1, kind: "exporter", name: "seq", description: "test sequence", options: { crashAt: { description: "sample index whose encode throws a TypeError", default: -1 }, crashInWorkers: { description: "every encode in a worker thread throws a TypeError", default: false } },
  async encodeSample(sample, options) {
    const i = Number(sample.id.slice(1));
    if (i === options.crashAt || (options.crashInWorkers && !isMainThread)) throw new TypeError("boom in " + sample.id);
    await new Promise((resolve) => setTimeout(resolve, (i % 4 === 0 ? 60 : 5)));
    return { thread: isMainThread ? "main" : "worker " + threadId };
  },
  async *write(input) {
    const lines = [];
    for await (const { sample, fragment } of input.fragments) lines.push(sample.id + " " + fragment.thread);
    yield { path: "order.txt", contents: lines.join("\\n") + "\\n" };
  },
};
export default [importer, exporter];
`;

/** `dir`, created with its parents. */
function mkdirp(dir: string): string {
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Every file under `dir`: relative path → bytes. */
function tree(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.set(relative(dir, path), readFileSync(path));
    }
  };
  walk(dir);
  return files;
}

describe("convert --jobs with worker threads", () => {
  let project: Project;
  beforeAll(() => {
    project = createProject({
      dependencies: { "@maskport/exporter-coco": "*", "@maskport/exporter-cvat": "*", "@maskport/exporter-yolo": "*", "maskport-plugin-seq": "1.0.0" },
      link: { "@maskport/exporter-coco": "packages/exporter-coco", "@maskport/exporter-cvat": "packages/exporter-cvat", "@maskport/exporter-yolo": "packages/exporter-yolo" },
      write: { "maskport-plugin-seq": pluginPackage("maskport-plugin-seq", SEQ_PLUGIN) },
      files: {
        "data/seq.json": JSON.stringify({ count: 13 }),
        "many/seq.json": JSON.stringify({ count: 120 }),
        "noted/seq.json": JSON.stringify({ count: 120, warnEvery: 1 }),
        "dataset-note/seq.json": JSON.stringify({ count: 40, readNote: true }),
        "broken/seq.json": JSON.stringify({ count: 13, fail: 7 }),
        "broken-in-workers/seq.json": JSON.stringify({ count: 120, failInWorkers: true }),
      },
    });
  });
  afterAll(() => project.remove());

  it("writes byte-identical COCO, CVAT, YOLO and mask output for --jobs 1, 2 and 3", () => {
    // The bundled MRI sample (12 masks) twenty times over, each copy in its own sub-folder.
    const sample = join(REPO, "examples/mri-brain-tumor/segmentation_mask");
    const input = project.path("mri-x20");
    writeFileSync(join(mkdirp(input), "labelmap.txt"), readFileSync(join(sample, "labelmap.txt")));
    for (const folder of ["brain_tumor_segmentation_mask_CLASS_png_format", "brain_tumor_segmentation_mask_OBJECT_png_format"]) {
      for (let copy = 0; copy < 20; copy++) cpSync(join(sample, folder), join(input, folder, `copy${copy}`), { recursive: true });
    }
    const trees = [1, 2, 3].map((jobs) => {
      const out = `mri-${jobs}`;
      const stats = project.path(`stats-${jobs}.json`);
      const result = project.run(["convert", input, "--to", "coco", "--to", "cvat", "--to", "yolo", "--to", "mask", "--out", out, "--jobs", String(jobs), "--quiet"], { MASKPORT_STATS_FILE: stats });
      expect(result.stderr).toBe("");
      expect(result.status).toBe(0);
      const run = JSON.parse(readFileSync(stats, "utf8")) as { samples: number; workers: number; workerSamples: number };
      expect(run.samples).toBe(240);
      expect([run.workers, run.workerSamples]).toEqual(jobs === 1 ? [0, 0] : [jobs, 240]);
      return tree(project.path(out));
    });
    const [one, two, three] = trees;
    // Every format wrote something (the sample has 12 masks, 10 with tumours).
    for (const format of ["coco", "cvat", "yolo", "mask"]) expect([...one!.keys()].some((path) => path.startsWith(`${format}/`))).toBe(true);
    expect([...two!.keys()].sort()).toEqual([...one!.keys()].sort());
    expect([...three!.keys()].sort()).toEqual([...one!.keys()].sort());
    for (const [path, bytes] of one!) {
      expect(two!.get(path)?.equals(bytes), `${path} differs at --jobs 2`).toBe(true);
      expect(three!.get(path)?.equals(bytes), `${path} differs at --jobs 3`).toBe(true);
    }
  });

  it("--jobs 2 encodes in two worker threads and keeps input order although later samples finish first", () => {
    const result = project.run(["convert", "many/seq.json", "--to", "seq", "--out", "ordered", "--jobs", "2", "--quiet"]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const lines = readFileSync(project.path("ordered", "order.txt"), "utf8").trim().split("\n");
    expect(lines.map((line) => line.split(" ")[0])).toEqual(Array.from({ length: 120 }, (_, i) => `s${i}`));
    const threads = new Set(lines.map((line) => line.split(" ").slice(1).join(" ")));
    expect(threads.has("main")).toBe(false);
    expect(threads.size).toBe(2);
  });

  it("reports the importer's per-sample diagnostics in input order at --jobs 2, as at --jobs 1", () => {
    const sampleIds = (jobs: number): string[] => {
      const result = project.run(["convert", "noted/seq.json", "--to", "seq", "--out", `noted-${jobs}`, "--jobs", String(jobs), "--json"]);
      expect(result.status).toBe(0);
      const parsed = JSON.parse(result.stdout) as { diagnostics: { sampleId?: string; plugin?: string }[] };
      expect(parsed.diagnostics.every((diagnostic) => diagnostic.plugin === "seq")).toBe(true);
      return parsed.diagnostics.map((diagnostic) => diagnostic.sampleId ?? "");
    };
    const expected = Array.from({ length: 120 }, (_, i) => `s${i}`);
    expect(sampleIds(1)).toEqual(expected);
    expect(sampleIds(2)).toEqual(expected);
  });

  it("reports a note the importer gives while reading the dataset once at --jobs 2, not again from each worker's read", () => {
    const result = project.run(["convert", "dataset-note/seq.json", "--to", "seq", "--out", "dataset-note-out", "--jobs", "2", "--json"]);
    expect(result.status).toBe(0);
    const parsed = JSON.parse(result.stdout) as { diagnostics: { message: string }[] };
    expect(parsed.diagnostics.filter((diagnostic) => diagnostic.message.includes("a note on the whole dataset"))).toHaveLength(1);
  });

  it("encodes in this thread for --jobs 1", () => {
    const result = project.run(["convert", "data/seq.json", "--to", "seq", "--out", "single", "--jobs", "1", "--quiet"]);
    expect(result.status).toBe(0);
    const lines = readFileSync(project.path("single", "order.txt"), "utf8").trim().split("\n");
    expect(lines).toEqual(Array.from({ length: 13 }, (_, i) => `s${i} main`));
  });

  it("a MaskportError from a sample keeps its code, message and file, exits 1 and leaves --out untouched", () => {
    mkdirSync(project.path("kept"), { recursive: true });
    writeFileSync(project.path("kept", "marker.txt"), "before");
    const result = project.run(["convert", "broken/seq.json", "--to", "seq", "--out", "kept", "--force", "--jobs", "2"]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("INVALID_MASK");
    expect(result.stderr).toContain("sample 7 is broken");
    expect(result.stderr).toContain("data/seq.json");
    // The plugin's own MaskportError keeps its code and gains where it happened.
    expect(result.stderr).toContain("in: seq load, sample s7");
    expect(readdirSync(project.path("kept"))).toEqual(["marker.txt"]);
    expect(readFileSync(project.path("kept", "marker.txt"), "utf8")).toBe("before");
    // No staging folder is left beside --out.
    expect(readdirSync(project.dir).filter((name) => name.startsWith("kept") && name !== "kept")).toEqual([]);
  });

  it("a MaskportError in a worker crosses back with its code, message and file, exits 1 and writes no --out", () => {
    // Every sample a worker loads fails.
    const result = project.run(["convert", "broken-in-workers/seq.json", "--to", "seq", "--out", "broken-out", "--jobs", "2"]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("INVALID_MASK");
    expect(result.stderr).toMatch(/sample \d+ is broken/);
    expect(result.stderr).toContain("data/seq.json");
    expect(() => statSync(project.path("broken-out"))).toThrow();
  });

  it("a plugin crash in a worker is PLUGIN_FAILED naming the plugin and the cause; --out is not created", () => {
    const result = project.run(["convert", "many/seq.json", "--to", "seq", "--seq.crashInWorkers", "true", "--out", "crashed", "--jobs", "2"]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("PLUGIN_FAILED");
    expect(result.stderr).toContain("seq");
    expect(result.stderr).toMatch(/boom in s\d+/);
    expect(() => statSync(project.path("crashed"))).toThrow();
  });

  it("a plugin crash in this thread is PLUGIN_FAILED too, stamped with the plugin, stage and sample", () => {
    const result = project.run(["convert", "data/seq.json", "--to", "seq", "--seq.crashAt", "5", "--out", "crashed-here", "--jobs", "1"]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("PLUGIN_FAILED");
    expect(result.stderr).toContain("boom in s5");
    expect(result.stderr).toContain("in: seq encodeSample, sample s5");
    expect(() => statSync(project.path("crashed-here"))).toThrow();
  });
});
