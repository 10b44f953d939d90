import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { Labelmap } from "@maskport/core";
import { formatDataYaml, pathHazard, samplePaths, splitByRatio, splitOfSubset, yoloClasses } from "./yolo-format.ts";

const labelmap: Labelmap = {
  labels: [
    { id: 0, name: "Tumor", color: [255, 0, 124], parts: [], actions: [] },
    { id: 1, name: "background", color: [0, 0, 0], parts: [], actions: [] },
    { id: 2, name: "edema: core", color: [0, 128, 0], parts: [], actions: [] },
  ],
  backgroundId: 1,
  dialect: "cvat",
};

describe("yoloClasses", () => {
  it("drops the background and numbers the rest 0.. in labelmap order", () => {
    expect(yoloClasses(labelmap)).toEqual([
      { index: 0, name: "Tumor", labelId: 0 },
      { index: 1, name: "edema: core", labelId: 2 },
    ]);
  });
});

describe("formatDataYaml", () => {
  it("has the keys Ultralytics reads, names as an int-keyed map, and an empty path (= the yaml's folder)", () => {
    const text = formatDataYaml(yoloClasses(labelmap), { train: "train.txt", val: "val.txt" });
    const data = parse(text) as Record<string, unknown>;
    expect(data).toEqual({ path: "", train: "train.txt", val: "val.txt", names: { 0: "Tumor", 1: "edema: core" }, nc: 2 });
    // Keys are plain integers, as in Ultralytics' own yamls; names are double-quoted.
    expect(text).toContain('\n  0: "Tumor"\n  1: "edema: core"\n');
    expect(text).not.toContain("test:");
  });

  it("quotes names a YAML 1.1 reader (PyYAML, which Ultralytics uses) would turn into booleans or numbers", () => {
    const tricky = ["yes", "on", "1:30", "0x1F", "null", "~", "a \"b\"", "ünï"];
    const text = formatDataYaml(tricky.map((name, index) => ({ index, name, labelId: index + 1 })), { train: "train.txt", val: "val.txt" });
    for (const [index, name] of tricky.entries()) expect(text).toContain(`\n  ${index}: ${JSON.stringify(name)}\n`);
    expect((parse(text) as { names: Record<number, string> }).names).toEqual(Object.fromEntries(tricky.map((name, i) => [i, name])));
  });

  it("writes test only when given, and nc 0 with empty names for a labelmap of background only", () => {
    const onlyBackground: Labelmap = { labels: [labelmap.labels[1]!], backgroundId: 1, dialect: "cvat" };
    const data = parse(formatDataYaml(yoloClasses(onlyBackground), { train: "train.txt", val: "train.txt", test: "test.txt" })) as Record<string, unknown>;
    expect(data.test).toBe("test.txt");
    expect(data.nc).toBe(0);
    expect(data.val).toBe("train.txt");
  });
});

describe("splits", () => {
  it("maps subset names to Ultralytics splits", () => {
    expect(splitOfSubset("default")).toBe("train");
    expect(splitOfSubset("Train")).toBe("train");
    expect(splitOfSubset("Validation")).toBe("val");
    expect(splitOfSubset("val")).toBe("val");
    expect(splitOfSubset("valid")).toBe("val");
    expect(splitOfSubset("test")).toBe("test");
    expect(splitOfSubset("holdout")).toBe("train");
  });

  it("splits by ratio deterministically, per id, close to the ratio", () => {
    const ids = Array.from({ length: 4000 }, (_, i) => `scans/Y${i}`);
    const first = ids.map((id) => splitByRatio(id, 0.2, 7));
    expect(ids.map((id) => splitByRatio(id, 0.2, 7))).toEqual(first);
    const val = first.filter((s) => s === "val").length / ids.length;
    expect(val).toBeGreaterThan(0.17);
    expect(val).toBeLessThan(0.23);
    expect(ids.every((id) => splitByRatio(id, 0, 7) === "train")).toBe(true);
    expect(ids.every((id) => splitByRatio(id, 1, 7) === "val")).toBe(true);
    // Another seed gives another split.
    expect(ids.map((id) => splitByRatio(id, 0.2, 8))).not.toEqual(first);
  });
});

describe("samplePaths", () => {
  it("puts the label where Ultralytics' img2label_paths looks (last /images/ → /labels/, extension → .txt)", () => {
    expect(samplePaths("train", "scans/Y1.jpg")).toEqual({ image: "images/train/scans/Y1.jpg", label: "labels/train/scans/Y1.txt", listEntry: "./images/train/scans/Y1.jpg" });
    expect(samplePaths("val", "a.b/c.d.png").label).toBe("labels/val/a.b/c.d.txt");
    expect(samplePaths("val", "noext").label).toBe("labels/val/noext.txt");
  });

  it("flags file names that Ultralytics would resolve elsewhere", () => {
    expect(pathHazard("scans/Y1.jpg")).toBeUndefined();
    expect(pathHazard("images/Y1.jpg")).toMatch(/images/);
    expect(pathHazard("a/images/Y1.jpg")).toMatch(/images/);
    expect(pathHazard("v2./Y1.jpg")).toMatch(/\.\//);
    expect(pathHazard("scans/Y1.nii")).toMatch(/image extension/);
    expect(pathHazard("scans/Y1")).toMatch(/image extension/);
    expect(pathHazard("scans/Y1.JPG")).toBeUndefined();
  });
});
