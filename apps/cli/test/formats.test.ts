import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProject, EXAMPLE_PLUGIN, REPO, type Project } from "./project.ts";

// The bundled sample's facts, from examples/mri-brain-tumor/README.md (written from the
// generator's own table, not from maskport's output): 12 images, 20 Tumor instances; in the
// multi-class variant 18 edema, 20 enhancing (two of them specks of 2 and 3 px), 3 necrosis.
const SAMPLE = join(REPO, "examples/mri-brain-tumor");
const FORMATS = ["coco", "cvat", "yolo", "mask"] as const;
const FIRST_PARTY_LINKS = { "@maskport/exporter-coco": "packages/exporter-coco", "@maskport/exporter-cvat": "packages/exporter-cvat", "@maskport/exporter-yolo": "packages/exporter-yolo" };
const FIRST_PARTY_DEPENDENCIES = { ...Object.fromEntries(Object.keys(FIRST_PARTY_LINKS).map((name) => [name, "workspace:^"])), "maskport-plugin-bbox-csv": "1.0.0" };

describe("real formats: core's mask importer and transforms, first-party exporters", () => {
  let project: Project;
  beforeAll(() => {
    project = createProject({
      dependencies: FIRST_PARTY_DEPENDENCIES,
      link: FIRST_PARTY_LINKS,
      install: { "maskport-plugin-bbox-csv": EXAMPLE_PLUGIN },
    });
  });
  afterAll(() => project.remove());
  const rows = (...parts: string[]): string[] => readFileSync(project.path(...parts), "utf8").trim().split("\n").slice(1);

  it("inspect reports images, sizes and per-label instance counts of the multi-class sample", () => {
    const result = project.run(["inspect", join(SAMPLE, "multi-class"), "--json"]);
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ format: "mask", images: 12, sizes: [{ width: 256, height: 256, images: 12 }], diagnostics: [] });
    const counts = Object.fromEntries(report.labels.map((l: { name: string; instances: number }) => [l.name, l.instances]));
    expect(counts).toEqual({ background: 0, edema: 18, enhancing: 20, necrosis: 3 });
    const text = project.run(["inspect", join(SAMPLE, "segmentation_mask")]);
    expect(text.stdout).toMatch(/Tumor\s+250,50,83\s+20\s+\d+/);
    expect(text.stdout).toContain("12 images");
  });

  it("core transforms run in order and report what they drop (min-area, drop-labels, remap-labels)", () => {
    const result = project.run([
      "convert", join(SAMPLE, "multi-class"), "--to", "bbox-csv", "--out", "regions",
      "--transform", "min-area:area=4", "--transform", "drop-labels:labels=necrosis", "--transform", "remap-labels:map=edema=tumor,enhancing=tumor", "--strict",
    ]);
    expect(result.status).toBe(0);
    const labels = rows("regions", "bboxes.csv").map((row) => row.split(",")[4]);
    // 18 edema + 20 enhancing − the 2 specks under 4 px, all renamed; necrosis gone.
    expect(labels).toEqual(Array.from({ length: 36 }, () => "tumor"));
    // Reported, never silent: as notes (severity info), which even --strict accepts.
    expect(result.stderr.match(/info \[min-area\] Y(6|9) #\d: .*px is below 4 px \(INSTANCE_DROPPED\)/g)).toHaveLength(2);
    expect(result.stderr.match(/info \[drop-labels\]/g)).toHaveLength(3);
    expect(result.stdout).toContain("(5 notes)");
  });

  it("converts the sample to COCO (lossless RLE) and chains the COCO output into another format", () => {
    const first = project.run(["convert", join(SAMPLE, "segmentation_mask"), "--images", join(SAMPLE, "images"), "--to", "coco", "--out", "coco", "--json"]);
    expect(first.status).toBe(0);
    const report = JSON.parse(first.stdout);
    expect(report.targets[0]).toMatchObject({ format: "coco", instances: 20, exact: 20, lossy: 0, worstIou: 1 });
    const document = JSON.parse(readFileSync(project.path("coco", "annotations", "instances_default.json"), "utf8"));
    expect(document.images).toHaveLength(12);
    expect(document.annotations).toHaveLength(20);
    const chained = project.run(["convert", "coco", "--to", "bbox-csv", "--out", "coco-boxes"]);
    expect(chained.status).toBe(0);
    expect(chained.stdout).toContain("from coco");
    expect(rows("coco-boxes", "bboxes.csv")).toHaveLength(20);
  });

  it("writes every first-party format from one read (<out>/<format>/), each exact, and each output reads back", () => {
    const result = project.run(["convert", join(SAMPLE, "segmentation_mask"), "--images", join(SAMPLE, "images"), ...FORMATS.flatMap((f) => ["--to", f]), "--out", "all", "--json"]);
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report.targets.map((t: { format: string; folder: string; instances: number; exact: number }) => [t.format, t.folder, t.instances, t.exact])).toEqual(
      FORMATS.map((f) => [f, `all/${f}`, 20, 20]),
    );
    for (const format of FORMATS) {
      const back = project.run(["convert", `all/${format}`, "--to", "bbox-csv", "--out", `back-${format}`, "--json"]);
      expect(back.status, `${format}: ${back.stderr}`).toBe(0);
      expect(JSON.parse(back.stdout).from, format).toBe(format);
      expect(rows(`back-${format}`, "bboxes.csv"), format).toHaveLength(20);
    }
  });
});
