import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProject, REPO, type Project } from "./project.ts";

// Facts of the bundled sample (examples/mri-brain-tumor/README.md): 12 images, 20 Tumor instances.
const SAMPLE = join(REPO, "examples/mri-brain-tumor");
const LINKS = { "@maskport/exporter-coco": "packages/exporter-coco", "@maskport/exporter-yolo": "packages/exporter-yolo" };

describe("maskport convert --report (built CLI, encode workers)", () => {
  let project: Project;
  beforeAll(() => {
    project = createProject({ dependencies: Object.fromEntries(Object.keys(LINKS).map((name) => [name, "workspace:^"])), link: LINKS });
  });
  afterAll(() => project.remove());

  it("reports every sample and instance, with a thumbnail per image, whatever --jobs", () => {
    const result = project.run(["convert", join(SAMPLE, "segmentation_mask"), "--images", join(SAMPLE, "images"), "--to", "coco", "--to", "yolo", "--out", "out", "--report", "reports/sample.html", "-j", "2", "--quiet"]);
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const report = JSON.parse(readFileSync(project.path("reports", "sample.json"), "utf8"));
    expect(report.summary).toMatchObject({ images: 12, instances: 20, instancesPerLabel: { Tumor: 20 } });
    expect(report.summary.formats.map((f: { format: string; exact: number; lossy: number; worstIou: number }) => [f.format, f.exact, f.lossy, f.worstIou])).toEqual([
      ["coco", 20, 0, 1],
      ["yolo", 20, 0, 1],
    ]);
    expect(report.images.map((image: { id: string }) => image.id)).toContain("scans/Y10");
    const html = readFileSync(project.path("reports", "sample.html"), "utf8");
    expect(html.match(/<img src="data:image\/png;base64,/g)).toHaveLength(12);
    expect(html).not.toMatch(/(src|href)="https?:/);
  });
});
