import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { isMaskportError, resolveOptions, type Dataset, type Exporter, type FragmentBase, type Importer, type Sample } from "@maskport/core";
import { bitmapFromRows, makeInstance, makeLabelmap, makeSample } from "@maskport/core/testing";
import yolo from "../../../packages/exporter-yolo/src/index.ts";
import { runConversion, type ConversionPlan } from "../src/run-conversion.ts";

const labelmap = makeLabelmap(["background", "tumor"]);
const root = mkdtempSync(join(tmpdir(), "maskport-run-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let outCount = 0;
const freshOut = (): string => join(root, `out${outCount++}`);

/** An importer over in-memory samples whose `load` takes `delays[i]` ms, so loads finish out of order. */
function delayedImporter(samples: readonly Sample[], delays: readonly number[]): Importer {
  const dataset: Dataset<number> = {
    labelmap,
    subsets: ["default"],
    size: samples.length,
    async *refs() {
      for (let i = 0; i < samples.length; i++) yield i;
    },
    load: (i) => new Promise((resolve) => setTimeout(() => resolve(samples[i]!), delays[i] ?? 0)),
  };
  return { apiVersion: 1, kind: "importer", name: "memory", description: "test", options: {}, detect: async () => true, read: async () => dataset };
}

interface IdFragment extends FragmentBase {
  readonly id: string;
}

/** Writes the sample ids in the order `write` received them; counts fragments in flight. */
function orderExporter(stats: { encoded: number; consumed: number; maxAhead: number }, writeDelay = 0): Exporter<Record<never, never>, IdFragment> {
  return {
    apiVersion: 1,
    kind: "exporter",
    name: "order",
    description: "test",
    options: {},
    encodeSample(sample) {
      stats.encoded++;
      stats.maxAhead = Math.max(stats.maxAhead, stats.encoded - stats.consumed);
      return { id: sample.id, fidelity: [] };
    },
    async *write(input) {
      const ids: string[] = [];
      for await (const { fragment } of input.fragments) {
        stats.consumed++;
        if (writeDelay > 0) await new Promise((resolve) => setTimeout(resolve, writeDelay));
        ids.push(fragment.id);
      }
      yield { path: "ids.txt", contents: ids.join("\n") };
    },
  };
}

function plan(importer: Importer, exporters: Exporter<any, any>[], overrides: Partial<ConversionPlan> = {}): ConversionPlan {
  return {
    input: "memory",
    importer,
    importerOptions: {},
    transforms: [],
    targets: exporters.map((exporter) => ({ exporter, options: {}, folder: exporters.length === 1 ? "" : exporter.name })),
    out: freshOut(),
    force: false,
    jobs: 1,
    strict: false,
    ...overrides,
  };
}

const samples = (n: number): Sample[] => Array.from({ length: n }, (_, i) => makeSample({ id: `s${i}`, width: 4, height: 4 }));

describe("runConversion", () => {
  it("delivers fragments to write in input order whatever the load timing and --jobs", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 12 }), fc.integer({ min: 1, max: 5 }), async (delays, jobs) => {
        const stats = { encoded: 0, consumed: 0, maxAhead: 0 };
        const p = plan(delayedImporter(samples(delays.length), delays), [orderExporter(stats)], { jobs });
        const result = await runConversion(p);
        expect(result.samples).toBe(delays.length);
        expect(readFileSync(join(p.out, "ids.txt"), "utf8")).toBe(delays.map((_, i) => `s${i}`).join("\n"));
      }),
      { numRuns: 25 },
    );
  });

  it("keeps memory bounded: with a slow writer, encoded-but-unwritten fragments stay below the queue bound", async () => {
    const stats = { encoded: 0, consumed: 0, maxAhead: 0 };
    const jobs = 2;
    await runConversion(plan(delayedImporter(samples(40), []), [orderExporter(stats, 2)], { jobs }));
    expect(stats.consumed).toBe(40);
    // queue capacity (2·jobs + 2) + jobs in flight + the one being pushed
    expect(stats.maxAhead).toBeLessThanOrEqual(3 * jobs + 3);
  });

  it("feeds every target from one read, each into its own folder", async () => {
    let loads = 0;
    const importer = delayedImporter(samples(3), []);
    const counting: Importer = {
      ...importer,
      read: async (...args) => {
        const dataset = await importer.read(...args);
        return { ...dataset, load: (ref: unknown) => (loads++, dataset.load(ref)) };
      },
    };
    const a = orderExporter({ encoded: 0, consumed: 0, maxAhead: 0 });
    const b = { ...orderExporter({ encoded: 0, consumed: 0, maxAhead: 0 }), name: "other" };
    const p = plan(counting, [a, b]);
    const result = await runConversion(p);
    expect(loads).toBe(3);
    expect(readdirSync(p.out).sort()).toEqual(["order", "other"]);
    expect(result.targets.map((t) => [t.format, t.files])).toEqual([
      ["order", 1],
      ["other", 1],
    ]);
  });

  it("survives a write that stops reading early", async () => {
    const lazy: Exporter = { ...orderExporter({ encoded: 0, consumed: 0, maxAhead: 0 }), name: "lazy", write: async function* () { yield { path: "x.txt", contents: "x" }; } };
    const result = await runConversion(plan(delayedImporter(samples(30), []), [lazy, orderExporter({ encoded: 0, consumed: 0, maxAhead: 0 })]));
    expect(result.samples).toBe(30);
  });

  it("a write that throws fails the run with the plugin's name, removes the staging folder and leaves --out as it was", async () => {
    const out = freshOut();
    mkdirSync(out);
    writeFileSync(join(out, "old.txt"), "old");
    const failing: Exporter<Record<never, never>, IdFragment> = {
      ...orderExporter({ encoded: 0, consumed: 0, maxAhead: 0 }),
      name: "failing",
      async *write(input) {
        yield { path: "first.txt", contents: "partial" };
        for await (const _ of input.fragments) throw new RangeError("disk full of bugs");
      },
    };
    const error = await runConversion(plan(delayedImporter(samples(5), []), [orderExporter({ encoded: 0, consumed: 0, maxAhead: 0 }), failing], { out, force: true })).catch((e: unknown) => e);
    expect(isMaskportError(error) && error.code === "PLUGIN_FAILED" && error.plugin === "failing").toBe(true);
    expect((error as Error).message).toBe("[failing] plugin failed: disk full of bugs");
    expect(readdirSync(out)).toEqual(["old.txt"]);
    expect(readdirSync(root).filter((name) => name.includes(".maskport-"))).toEqual([]);
  });

  it("fails on error diagnostics, and on warnings only under strict", async () => {
    const instance = makeInstance(bitmapFromRows(["#"]), { x: 0, y: 0 });
    const reporting = (severity: "info" | "warning" | "error"): Exporter => ({
      ...orderExporter({ encoded: 0, consumed: 0, maxAhead: 0 }),
      name: "reporting",
      encodeSample(_sample, _options, context) {
        context.report({ severity, code: "SHAPE_SKIPPED", message: "skipped", instanceId: 1 });
        return { fidelity: [] };
      },
      async *write(input) {
        for await (const _ of input.fragments);
        yield { path: "a.txt", contents: "a" };
      },
    });
    const oneSample = [makeSample({ id: "a", width: 2, height: 2, instances: [instance] })];
    const warned: string[] = [];
    const ok = await runConversion(plan(delayedImporter(oneSample, []), [reporting("warning")]), { onDiagnostic: (d) => warned.push(`${d.plugin} ${d.sampleId} ${d.code}`) });
    expect(ok.warnings).toBe(1);
    expect(warned).toEqual(["reporting a SHAPE_SKIPPED"]);
    await expect(runConversion(plan(delayedImporter(oneSample, []), [reporting("warning")], { strict: true }))).rejects.toMatchObject({ code: "STRICT_FAILED" });
    await expect(runConversion(plan(delayedImporter(oneSample, []), [reporting("error")]))).rejects.toMatchObject({ code: "STRICT_FAILED" });
    const noted = await runConversion(plan(delayedImporter(oneSample, []), [reporting("info")], { strict: true }));
    expect([noted.warnings, noted.notes]).toEqual([0, 1]);
  });

  it("reports diagnostics in input order whatever the load timing, and sums fidelity per target", async () => {
    const reporting: Exporter = {
      ...orderExporter({ encoded: 0, consumed: 0, maxAhead: 0 }),
      name: "reporting",
      encodeSample(sample, _options, context) {
        context.report({ severity: "warning", code: "LOSSY_ENCODING", message: "lossy" });
        // Hand-made fidelity: instance 1 exact, instance 2 loses 1 of 4 pixels and adds 2 (IoU 3/6).
        return {
          fidelity: [
            { instanceId: 1, label: 1, area: 3, encoding: "a", lost: 0, added: 0, iou: 1 },
            { instanceId: 2, label: 1, area: 4, encoding: "b", lost: 1, added: 2, iou: 0.5 },
          ],
        };
      },
    };
    const seen: string[] = [];
    const result = await runConversion(plan(delayedImporter(samples(6), [5, 4, 3, 2, 1, 0]), [reporting], { jobs: 6 }), {
      onDiagnostic: (d) => seen.push(d.sampleId ?? "?"),
    });
    expect(seen).toEqual(["s0", "s1", "s2", "s3", "s4", "s5"]);
    expect(result.targets[0]).toMatchObject({ instances: 12, exact: 6, lossy: 6, worstIou: 0.5, lost: 6, added: 12, encodings: { a: 6, b: 6 } });
  });

  it("fails when two samples map to one output file (YOLO label of the same name), naming the path", async () => {
    const twins = [makeSample({ id: "scan", width: 4, height: 4 }), makeSample({ id: "scan", width: 4, height: 4 })];
    const yoloExporter = yolo.find((plugin) => plugin.kind === "exporter")!;
    const yoloPlan = plan(delayedImporter(twins, [0, 0]), [yoloExporter]);
    await expect(runConversion({ ...yoloPlan, targets: [{ ...yoloPlan.targets[0]!, options: resolveOptions("yolo", yoloExporter.options) }] })).rejects.toMatchObject({
      code: "PLUGIN_FAILED",
      plugin: "yolo",
      message: expect.stringContaining("wrote labels/train/scan.txt twice"),
    });
  });

  it("refuses an --out that is or contains the input, even with --force", async () => {
    const input = freshOut();
    mkdirSync(join(input, "masks"), { recursive: true });
    for (const [source, out] of [[input, input], [join(input, "masks"), input]] as const) {
      await expect(runConversion(plan(delayedImporter(samples(1), []), [orderExporter({ encoded: 0, consumed: 0, maxAhead: 0 })], { input: source, out, force: true }))).rejects.toMatchObject({
        code: "OUTPUT_EXISTS",
      });
    }
    expect(readdirSync(input)).toEqual(["masks"]);
  });
});
