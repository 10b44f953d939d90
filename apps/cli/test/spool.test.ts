// The writers keep per-sample records (COCO image records and other subsets' annotations,
// YOLO and mask lists) in spools. The CLI's spools spill to disk; these tests force every
// record onto disk and check the bytes do not change, and that no spool file outlives a run.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { collectFiles, memoryDataset, resolveOptions, runExport, type Exporter, type Importer, type Plugin, type Sample } from "@maskport/core";
import { fileSpools, writePng } from "@maskport/core/node";
import { bitmapFromRows, makeInstance, makeLabelmap, makeSample } from "@maskport/core/testing";
import coco from "../../../packages/exporter-coco/src/index.ts";
import cvat from "../../../packages/exporter-cvat/src/index.ts";
import semantic from "../../../packages/exporter-semantic/src/index.ts";
import yolo from "../../../packages/exporter-yolo/src/index.ts";
import { runConversion } from "../src/run-conversion.ts";

const root = mkdtempSync(join(tmpdir(), "maskport-spool-run-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

const labelmap = makeLabelmap(["background", "tumor", "edema"]);
// One raw image for every sample: nnunet and monai need one.
const image = join(root, "raw.png");
writeFileSync(image, writePng({ width: 16, height: 10, channels: 1, data: new Uint8Array(160).fill(40) }));
const SUBSETS = ["train", "val", "test"];
/** 30 samples over three subsets, interleaved, some empty, with per-sample shapes and two labels. */
const samples: Sample[] = Array.from({ length: 30 }, (_, i) => ({
  ...makeSample({
    id: `scan ${i}`,
    subset: SUBSETS[i % 3]!,
    width: 16,
    height: 10,
    instances:
      i % 7 === 3
        ? []
        : [
            makeInstance(bitmapFromRows(["###", "#.#", "###"].map((row) => row.repeat(1 + (i % 3)))), { label: 1, instanceId: 1, x: i % 5, y: 1 }),
            makeInstance(bitmapFromRows(["##", "##"]), { label: 2, instanceId: 2, x: 9, y: 7 - (i % 4) }),
          ],
  }),
  image: { path: image, fileName: `scan ${i}.png` },
}));

const exporters = ([...coco, ...cvat, ...semantic, ...yolo] as Plugin[]).filter((plugin): plugin is Exporter<any, any> => plugin.kind === "exporter");
const cases: [string, Exporter<any, any>, Record<string, unknown>][] = exporters.flatMap((exporter) => {
  const base: [string, Exporter<any, any>, Record<string, unknown>] = [exporter.name, exporter, {}];
  if (exporter.name === "coco") return [base, ["coco, cvat order", exporter, { order: "cvat" }]];
  if (exporter.name === "yolo") return [base, ["yolo, valRatio", exporter, { valRatio: 0.4 }]];
  return [base];
});

describe("writers with spools spilled to disk", () => {
  it("covers every first-party exporter", () => {
    expect(exporters.map((e) => e.name).sort()).toEqual(["coco", "cvat", "mask", "monai", "nnunet", "sa1b", "semantic", "yolo"]);
  });

  it.each(cases)("%s: the same files, byte for byte, with every record on disk as in memory", async (_, exporter, given) => {
    const options = resolveOptions(exporter.name, exporter.options, given);
    const dataset = memoryDataset(labelmap, samples, SUBSETS);
    const inMemory = await collectFiles(runExport(dataset, exporter, options));
    const folder = join(root, `spools${n++}`);
    const spools = fileSpools(folder, { memoryChars: 1 });
    let spilled = false;
    const onDisk = await collectFiles(
      runExport(dataset, exporter, options, {
        spool: () => {
          const spool = spools.spool();
          return {
            push: (record) => {
              spool.push(record);
              spilled ||= existsSync(folder) && readdirSync(folder).length > 0;
            },
            get length() {
              return spool.length;
            },
            drain: () => spool.drain(),
          };
        },
      }),
    );
    spools.dispose();
    // The CVAT XML and SA-1B's per-image files stream whole and hold nothing for the end; every other writer spools.
    expect(spilled).toBe(exporter.name !== "cvat" && exporter.name !== "sa1b");
    expect(existsSync(folder)).toBe(false);
    expect([...onDisk.keys()]).toEqual([...inMemory.keys()]);
    for (const [path, contents] of inMemory) expect(onDisk.get(path), path).toEqual(contents);
  });
});

describe("runConversion", () => {
  /** An exporter that spools a record of 300 K characters (past the in-memory limit) and writes it back. */
  const spoolingExporter = (fail: boolean, onSpooled: () => void = () => {}): Exporter => ({
    apiVersion: 1,
    kind: "exporter",
    name: "spooler",
    description: "test",
    options: {},
    encodeSample: () => ({ fidelity: [] }),
    async *write(input, _options, context) {
      const spool = context.spool();
      for await (const { sample } of input.fragments) spool.push(sample.id.padEnd(300_000, "."));
      onSpooled();
      if (fail) throw new Error("stop after spooling");
      yield { path: "ids.txt", contents: spool.drain() };
    },
  });
  const importer: Importer = {
    apiVersion: 1,
    kind: "importer",
    name: "memory",
    description: "test",
    options: {},
    detect: async () => true,
    read: async () => memoryDataset(labelmap, samples.slice(0, 3)),
  };
  const convert = (exporter: Exporter, out: string) =>
    // The in-memory importer reads nothing from `input`; a folder that holds `out` would be refused (OUTPUT_INSIDE_INPUT).
    runConversion({ input: "memory", importer, importerOptions: {}, transforms: [], targets: [{ exporter, options: {}, folder: "" }], out, force: false, jobs: 1, strict: false });

  it("spills beside the staging folder and removes the spool folder when the run succeeds or fails", async () => {
    const parent = join(root, `run${n++}`);
    const out = join(parent, "out");
    let during: string[] = [];
    await convert(
      spoolingExporter(false, () => (during = readdirSync(parent))),
      out,
    );
    // While writing: the staging folder and its spool folder, side by side.
    expect(during).toHaveLength(2);
    expect(during[1]).toBe(`${during[0]}-spool`);
    expect(readdirSync(parent)).toEqual(["out"]);
    expect(readdirSync(out)).toEqual(["ids.txt"]);
    expect(readFileSync(join(out, "ids.txt"), "utf8")).toBe(samples.slice(0, 3).map((sample) => sample.id.padEnd(300_000, ".")).join(""));
    const failedOut = join(parent, "failed");
    await expect(convert(spoolingExporter(true), failedOut)).rejects.toMatchObject({ code: "PLUGIN_FAILED" });
    expect(readdirSync(dirname(failedOut))).toEqual(["out"]);
  });
});
