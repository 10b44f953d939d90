import { describe, expect, it } from "vitest";
import { isMaskportError, MaskportError } from "./errors.ts";
import { memoryDataset } from "./memory-dataset.ts";
import { callPlugin, runPipeline, stampPluginError } from "./run-pipeline.ts";
import { makeLabelmap, makeSample } from "./testing/make-sample.ts";

const dataset = memoryDataset(
  makeLabelmap(["thing"]),
  Array.from({ length: 20 }, (_, i) => makeSample({ id: `s${i}`, width: 2, height: 2 })),
);

describe("runPipeline", () => {
  it("yields results in input order with at most `window` samples taken and not yet delivered", async () => {
    let started = 0;
    let delivered = 0;
    let most = 0;
    const encode = async (ref: unknown, index: number): Promise<number> => {
      started++;
      most = Math.max(most, started - delivered);
      await new Promise((resolve) => setTimeout(resolve, (7 * index) % 5));
      return index;
    };
    const order: number[] = [];
    for await (const index of runPipeline({ dataset, importer: "memory", encode, window: 3 })) {
      order.push(index);
      delivered++;
    }
    expect(order).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(most).toBeLessThanOrEqual(3);
  });

  it("stops at the first failure in input order", async () => {
    const encode = async (_ref: unknown, index: number): Promise<number> => {
      if (index === 4) throw new Error("broken");
      return index;
    };
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const index of runPipeline({ dataset, importer: "memory", encode, window: 4 })) seen.push(index);
      })(),
    ).rejects.toThrow("broken");
    expect(seen).toEqual([0, 1, 2, 3]);
  });
});

describe("stampPluginError", () => {
  it("keeps a MaskportError's code and message and adds the plugin, stage and sample it lacks", async () => {
    const thrown = new MaskportError("INVALID_MASK", "bad pixels", { file: "a.png" });
    const error = await callPlugin({ plugin: "mask", stage: "load", sampleId: "s1" }, () => Promise.reject(thrown)).catch((caught: unknown) => caught);
    expect(error).toBe(thrown);
    expect([thrown.code, thrown.message, thrown.plugin, thrown.stage, thrown.sampleId]).toEqual(["INVALID_MASK", "a.png: bad pixels", "mask", "load", "s1"]);
    // The innermost stamp wins: a later boundary does not rename the stage.
    stampPluginError(thrown, { plugin: "coco", stage: "write" });
    expect([thrown.plugin, thrown.stage]).toEqual(["mask", "load"]);
  });

  it("wraps anything else as PLUGIN_FAILED with the cause", () => {
    const cause = new TypeError("x is undefined");
    const error = stampPluginError(cause, { plugin: "coco", stage: "encodeSample", sampleId: "s2" });
    expect(isMaskportError(error)).toBe(true);
    expect([error.code, error.plugin, error.stage, error.sampleId, error.cause]).toEqual(["PLUGIN_FAILED", "coco", "encodeSample", "s2", cause]);
  });
});
