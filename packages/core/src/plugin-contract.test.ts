import { describe, expect, it } from "vitest";
import { deserializeError, isMaskportError, MaskportError, serializeError } from "./errors.ts";
import { memoryDataset } from "./memory-dataset.ts";
import { API_VERSION, type Exporter, type FragmentBase } from "./plugin.ts";
import { resolveOptions } from "./resolve-options.ts";
import { collectFiles, runExport } from "./run-export.ts";
import type { Labelmap } from "./types.ts";
import { validatePlugin, validatePluginModule } from "./validate-plugin.ts";

const labelmap: Labelmap = {
  labels: [{ id: 0, name: "background", color: [0, 0, 0], parts: [], actions: [] }, { id: 1, name: "tumor", color: [250, 50, 83], parts: [], actions: [] }],
  backgroundId: 0,
  dialect: "cvat",
};

interface CountOptions {
  unit: "px" | "instances";
  verbose: boolean;
}
interface CountFragment extends FragmentBase {
  readonly n: number;
}
const counter: Exporter<CountOptions, CountFragment> = {
  apiVersion: API_VERSION,
  kind: "exporter",
  name: "count",
  description: "counts",
  options: { unit: { description: "unit", default: "px", choices: ["px", "instances"] }, verbose: { description: "v", default: false } },
  encodeSample(sample, options) {
    const n = options.unit === "px" ? sample.instances.reduce((a, i) => a + i.area, 0) : sample.instances.length;
    return { n, fidelity: [] };
  },
  async *write(input) {
    let total = 0;
    for await (const { fragment } of input.fragments) total += fragment.n;
    yield { path: "count.txt", contents: `${total}\n` };
  },
};

describe("errors", () => {
  it("formats file, line and pixel into the message and survives serialisation", () => {
    const error = new MaskportError("UNKNOWN_COLOR", "unknown colour (1,2,3) in 4 pixels", { file: "a.png", pixel: { x: 5, y: 6 }, plugin: "mask" });
    expect(error.message).toBe("[mask] a.png, pixel (x=5, y=6): unknown colour (1,2,3) in 4 pixels");
    const copy = deserializeError(structuredClone(serializeError(error)));
    expect(isMaskportError(copy)).toBe(true);
    expect(copy.message).toBe(error.message);
    expect(copy.pixel).toEqual({ x: 5, y: 6 });
    expect(isMaskportError(new Error("x"))).toBe(false);
    expect(new MaskportError("LABELMAP_MALFORMED", "bad", { file: "labelmap.txt", line: 3 }).message).toBe("labelmap.txt:3: bad");
  });
});

describe("plugin validation", () => {
  it("accepts a well-formed exporter, alone or in an array", () => {
    expect(validatePlugin(counter, "pkg")).toBe(counter);
    expect(validatePluginModule([counter, counter], "pkg")).toHaveLength(2);
  });
  it("names the package and the API version on mismatch", () => {
    expect(() => validatePlugin({ ...counter, apiVersion: API_VERSION + 1 }, "maskport-plugin-future")).toThrow(
      expect.objectContaining({ code: "API_VERSION_MISMATCH", message: expect.stringContaining("maskport-plugin-future was written for plugin API version 2") }),
    );
  });
  it("rejects missing functions, bad names and bad option specs", () => {
    expect(() => validatePlugin({ ...counter, write: undefined }, "p")).toThrow(/needs a function write/);
    expect(() => validatePlugin({ ...counter, name: "Bad Name" }, "p")).toThrow(/lowercase id/);
    expect(() => validatePlugin({ ...counter, options: { a: { description: "x", default: "z", choices: ["y"] } } }, "p")).toThrow(/not among its choices/);
    expect(() => validatePlugin(42, "p")).toThrow(expect.objectContaining({ code: "PLUGIN_INVALID" }));
  });
});

describe("resolveOptions", () => {
  it("applies defaults and parses flag strings by the default's type", () => {
    expect(resolveOptions("count", counter.options)).toEqual({ unit: "px", verbose: false });
    expect(resolveOptions("count", counter.options, { unit: "instances", verbose: "true" })).toEqual({ unit: "instances", verbose: true });
  });
  it("rejects unknown options, bad choices and bad types with INVALID_OPTION", () => {
    expect(() => resolveOptions("count", counter.options, { nope: 1 })).toThrow(/\[count\] unknown option "nope"/);
    expect(() => resolveOptions("count", counter.options, { unit: "km" })).toThrow(/must be one of px, instances/);
    expect(() => resolveOptions("count", counter.options, { verbose: "maybe" })).toThrow(/true or false/);
  });
});

describe("runExport", () => {
  const bitmap = { width: 2, height: 1, data: Uint8Array.from([1, 1]) };
  const sample = { id: "a", subset: "default", width: 4, height: 4, instances: [{ label: 1, instanceId: 1, bbox: { x: 0, y: 0, width: 2, height: 1 }, area: 2, bitmap }] };
  it("runs load → encodeSample → write in input order", async () => {
    const files = await collectFiles(runExport(memoryDataset(labelmap, [sample, { ...sample, id: "b" }]), counter, { unit: "px", verbose: false }));
    expect(new TextDecoder().decode(files.get("count.txt") as Uint8Array)).toBe("4\n");
  });
  it("wraps a plugin's own exception as PLUGIN_FAILED with its name and cause", async () => {
    const broken: Exporter<CountOptions, CountFragment> = { ...counter, encodeSample: () => { throw new TypeError("boom"); } };
    const run = collectFiles(runExport(memoryDataset(labelmap, [sample]), broken, { unit: "px", verbose: false }));
    await expect(run).rejects.toMatchObject({ code: "PLUGIN_FAILED", plugin: "count", message: "[count] plugin failed: boom" });
  });
});
