import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { MaskportError } from "../errors.ts";
import { memoryDataset } from "../memory-dataset.ts";
import { API_VERSION, type Dataset, type Importer } from "../plugin.ts";
import type { Sample } from "../types.ts";
import { checkImporterDetect, checkImporterRead, checkImporterRejects } from "./check-importer.ts";
import { describeImporter } from "./describe-plugins.ts";
import { bitmapFromRows, makeInstance, makeLabelmap, makeSample } from "./make-sample.ts";

/** The tiny format of the test importer: one `dataset.json` with label names and samples drawn as rows. */
interface JsonDataset {
  readonly format: "maskport-test";
  readonly labels: string[];
  readonly samples: { id: string; width: number; height: number; instances: { label: number; instanceId: number; x: number; y: number; rows: string[] }[] }[];
}

const FILE = "dataset.json";

async function parse(input: string): Promise<JsonDataset> {
  const path = join(input, FILE);
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (error) {
    throw new MaskportError("INPUT_NOT_FOUND", `cannot read ${FILE}`, { file: path, cause: error });
  }
  try {
    const data = JSON.parse(text) as JsonDataset;
    if (data.format !== "maskport-test" || !Array.isArray(data.samples)) throw new Error("not a maskport-test dataset");
    return data;
  } catch (error) {
    throw new MaskportError("INVALID_INPUT", `not a valid maskport-test dataset: ${(error as Error).message}`, { file: path, cause: error });
  }
}

/** A correct importer of that format. */
const jsonImporter: Importer = {
  apiVersion: API_VERSION,
  kind: "importer",
  name: "json-test",
  description: "dataset.json test datasets (conformance-suite test importer).",
  options: {},
  async detect(input) {
    try {
      return (await stat(join(input, FILE))).isFile();
    } catch {
      return false;
    }
  },
  async read(input) {
    const data = await parse(input);
    const samples: Sample[] = data.samples.map((s) =>
      makeSample({ id: s.id, width: s.width, height: s.height, instances: s.instances.map((i) => makeInstance(bitmapFromRows(i.rows), i)) }),
    );
    return memoryDataset(makeLabelmap(data.labels), samples);
  },
};

const root = mkdtempSync(join(tmpdir(), "maskport-importer-check-"));
const valid = join(root, "valid");
const malformed = join(root, "malformed");
const empty = join(root, "empty");
mkdirSync(valid);
mkdirSync(malformed);
mkdirSync(empty);
const content: JsonDataset = {
  format: "maskport-test",
  labels: ["background", "tumor"],
  samples: [
    { id: "scans/a", width: 6, height: 4, instances: [{ label: 1, instanceId: 1, x: 1, y: 1, rows: ["...", ".##", ".#."] }] },
    { id: "scans/b", width: 6, height: 4, instances: [] },
  ],
};
writeFileSync(join(valid, FILE), JSON.stringify(content));
writeFileSync(join(malformed, FILE), "{ not json");

describeImporter(jsonImporter, { input: valid, invalidInputs: [malformed, empty] });
afterAll(() => rmSync(root, { recursive: true, force: true }));

function broken(changes: Partial<Importer>): Importer {
  return { ...jsonImporter, ...changes };
}

/** Wraps the correct importer's dataset, replacing parts of it. */
function brokenDataset(change: (dataset: Dataset) => Partial<Dataset>): Importer {
  return broken({
    async read(input, options, context) {
      const dataset = await jsonImporter.read(input, options, context);
      return { ...dataset, ...change(dataset) } as Dataset;
    },
  });
}

describe("the importer checks catch broken importers", () => {
  it("detect that throws on a folder without its file", async () => {
    const throwing = broken({ detect: async (input) => (await stat(join(input, FILE))).isFile() });
    await expect(checkImporterDetect(throwing, { input: valid })).rejects.toThrow(/detect\(.*maskport-unrelated-.*\) throws instead of answering: .*ENOENT/);
  });

  it("detect that says yes to everything", async () => {
    await expect(checkImporterDetect(broken({ detect: async () => true }), { input: valid })).rejects.toThrow(/not false on an unrelated folder/);
  });

  it("refs that cannot be cloned", async () => {
    const functionRefs = brokenDataset((dataset) => ({
      async *refs() {
        for await (const ref of dataset.refs()) yield { ref, open: () => ref };
      },
      load: (ref: unknown) => dataset.load((ref as { ref: unknown }).ref),
    }));
    await expect(checkImporterRead(functionRefs, { input: valid })).rejects.toThrow(/ref 1 is not structured-cloneable/);
  });

  it("refs that only work as the original object", async () => {
    const identityRefs = brokenDataset((dataset) => {
      const originals = new Set<object>();
      return {
        async *refs() {
          for await (const ref of dataset.refs()) {
            const wrapped = { index: ref };
            originals.add(wrapped);
            yield wrapped;
          }
        },
        load: (ref: unknown) => (originals.has(ref as object) ? dataset.load((ref as { index: unknown }).index) : Promise.reject(new Error("unknown ref"))),
      };
    });
    await expect(checkImporterRead(identityRefs, { input: valid })).rejects.toThrow(/load of ref 1 throws.*unknown ref/);
  });

  it("a loose bbox", async () => {
    const loose = brokenDataset((dataset) => ({
      load: async (ref: unknown) => {
        const sample = await dataset.load(ref);
        return {
          ...sample,
          instances: sample.instances.map((i) => ({ ...i, bbox: { ...i.bbox, width: i.bbox.width + 1 }, bitmap: { width: i.bitmap.width + 1, height: i.bitmap.height, data: new Uint8Array((i.bitmap.width + 1) * i.bitmap.height).fill(1) } })),
        };
      },
    }));
    await expect(checkImporterRead(loose, { input: valid })).rejects.toThrow(/area 3, but 6 pixels are set/);
  });

  it("duplicate sample ids and a wrong size", async () => {
    const twice = brokenDataset((dataset) => ({ load: async () => dataset.load(0) }));
    await expect(checkImporterRead(twice, { input: valid })).rejects.toThrow(/scans\/a appears twice/);
    const counted = brokenDataset(() => ({ size: 5 }));
    await expect(checkImporterRead(counted, { input: valid })).rejects.toThrow(/size is 5, but refs\(\) yields 2/);
  });

  it("invalid input accepted, or refused with a plain error", async () => {
    const lenient = broken({ read: async () => memoryDataset(makeLabelmap(["background"]), []) });
    await expect(checkImporterRejects(lenient, malformed)).rejects.toThrow(/accepted without an error/);
    const plain = broken({
      read: async (input) => JSON.parse(await readFile(join(input, FILE), "utf8")) as Dataset,
    });
    await expect(checkImporterRejects(plain, malformed)).rejects.toThrow(/plain error instead of a MaskportError/);
  });

  it("the correct importer passes directly, and names the file when it refuses", async () => {
    await checkImporterDetect(jsonImporter, { input: valid });
    await checkImporterRead(jsonImporter, { input: valid });
    await checkImporterRejects(jsonImporter, malformed);
    await expect(jsonImporter.read(malformed, {}, { report: () => {} })).rejects.toThrow(/malformed\/dataset\.json: not a valid maskport-test dataset/);
  });
});
