// End-to-end tests of `--jobs` with worker threads (spawns the built CLI: build first).
import { readdirSync, readFileSync, writeFileSync, mkdirSync, statSync } from "node:fs";
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
  async read(input) {
    const file = input.endsWith(".json") ? input : join(input, "seq.json");
    const spec = JSON.parse(await readFile(file, "utf8"));
    return {
      labelmap, subsets: ["default"], size: spec.count,
      async *refs() { for (let i = 0; i < spec.count; i++) yield { i, file, fail: spec.fail, count: spec.count }; },
      async load(ref) {
        if (ref.i === ref.fail) throw new MaskportError("INVALID_MASK", "sample " + ref.i + " is broken", { file: "data/seq.json", sampleId: "s" + ref.i });
        return { id: "s" + ref.i, subset: "default", width: 2, height: 2, instances: [{ label: 1, instanceId: 1, bbox: { x: 0, y: 0, width: 1, height: 1 }, area: 1, bitmap: { width: 1, height: 1, data: new Uint8Array([1]) } }] };
      },
    };
  },
};
const exporter = {
  apiVersion: 1, kind: "exporter", name: "seq", description: "test sequence", options: { crashAt: { description: "sample index whose encode throws a TypeError", default: -1 } },
  async encodeSample(sample, options) {
    const i = Number(sample.id.slice(1));
    if (i === options.crashAt) throw new TypeError("boom in " + sample.id);
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
      files: { "data/seq.json": JSON.stringify({ count: 13 }), "broken/seq.json": JSON.stringify({ count: 13, fail: 7 }) },
    });
  });
  afterAll(() => project.remove());

  it("writes byte-identical COCO, CVAT, YOLO and mask output for --jobs 1, 2 and 3 on the bundled MRI sample", () => {
    const input = join(REPO, "examples/mri-brain-tumor/segmentation_mask");
    const trees = [1, 2, 3].map((jobs) => {
      const out = `mri-${jobs}`;
      const result = project.run(["convert", input, "--to", "coco", "--to", "cvat", "--to", "yolo", "--to", "mask", "--out", out, "--jobs", String(jobs), "--quiet"]);
      expect(result.stderr).toBe("");
      expect(result.status).toBe(0);
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

  it("encodes in worker threads for --jobs 2 and keeps input order although later samples finish first", () => {
    const result = project.run(["convert", "data/seq.json", "--to", "seq", "--out", "ordered", "--jobs", "2", "--quiet"]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const lines = readFileSync(project.path("ordered", "order.txt"), "utf8").trim().split("\n");
    expect(lines.map((line) => line.split(" ")[0])).toEqual(Array.from({ length: 13 }, (_, i) => `s${i}`));
    const threads = new Set(lines.map((line) => line.split(" ").slice(1).join(" ")));
    expect(threads.has("main")).toBe(false);
    expect(threads.size).toBe(2);
  });

  it("encodes in this thread for --jobs 1", () => {
    const result = project.run(["convert", "data/seq.json", "--to", "seq", "--out", "single", "--jobs", "1", "--quiet"]);
    expect(result.status).toBe(0);
    const lines = readFileSync(project.path("single", "order.txt"), "utf8").trim().split("\n");
    expect(lines).toEqual(Array.from({ length: 13 }, (_, i) => `s${i} main`));
  });

  it("a MaskportError in a worker keeps its code, message and file, exits 1 and leaves --out untouched", () => {
    mkdirSync(project.path("kept"), { recursive: true });
    writeFileSync(project.path("kept", "marker.txt"), "before");
    const result = project.run(["convert", "broken/seq.json", "--to", "seq", "--out", "kept", "--force", "--jobs", "2"]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("INVALID_MASK");
    expect(result.stderr).toContain("sample 7 is broken");
    expect(result.stderr).toContain("data/seq.json");
    expect(readdirSync(project.path("kept"))).toEqual(["marker.txt"]);
    expect(readFileSync(project.path("kept", "marker.txt"), "utf8")).toBe("before");
    // No staging folder is left beside --out.
    expect(readdirSync(project.dir).filter((name) => name.startsWith("kept") && name !== "kept")).toEqual([]);
  });

  it("a plugin crash in a worker is PLUGIN_FAILED naming the plugin and the cause; --out is not created", () => {
    const result = project.run(["convert", "data/seq.json", "--to", "seq", "--seq.crashAt", "5", "--out", "crashed", "--jobs", "2"]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("PLUGIN_FAILED");
    expect(result.stderr).toContain("seq");
    expect(result.stderr).toContain("boom in s5");
    expect(() => statSync(project.path("crashed"))).toThrow();
  });
});
