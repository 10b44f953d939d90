import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProject, REPO, type Project } from "./project.ts";

// The bundled synthetic BraTS-like case (scripts/make-nifti-sample.mjs).
const SAMPLE = join(REPO, "examples/brats-synthetic");
const SEG = join(SAMPLE, "BraTS-GLI-99999-000/BraTS-GLI-99999-000-seg.nii.gz");
const LINKS = { "@maskport/exporter-coco": "packages/exporter-coco", "@maskport/nifti": "packages/nifti" };

describe("nifti through the CLI", () => {
  let project: Project;
  beforeAll(() => {
    project = createProject({ dependencies: Object.fromEntries(Object.keys(LINKS).map((name) => [name, "workspace:^"])), link: LINKS });
  });
  afterAll(() => project.remove());

  it("slices the bundled case into COCO with grey images, and stacks it back voxel-identical", () => {
    for (const jobs of ["1", "2"]) {
      const out = `out-${jobs}`;
      const result = project.run(["convert", SAMPLE, "--nifti.labels", "brats2023", "--nifti.image", "t1c", "--to", "coco", "--to", "nifti", "--out", out, "--jobs", jobs]);
      expect(result.stderr).not.toMatch(/^(error|warning)/m);
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout).toContain("converted 21 samples from nifti");
      expect(result.stdout).toMatch(/nifti +→ .*56 instances \(56 nifti voxels\): 56 exact/);
      expect(Buffer.from(gunzipSync(readFileSync(project.path(out, "nifti", "BraTS-GLI-99999-000.nii.gz")))).equals(gunzipSync(readFileSync(SEG)))).toBe(true);
      expect(existsSync(project.path(out, "coco", "images", "default", "BraTS-GLI-99999-000", "axial_020.png"))).toBe(true);
    }
  });

  it("refuses a truncated volume, naming it, and writes nothing", () => {
    const bytes = readFileSync(SEG);
    writeFileSync(project.path("cut-seg.nii.gz"), bytes.subarray(0, bytes.length - 100));
    const result = project.run(["convert", "cut-seg.nii.gz", "--to", "nifti", "--out", "cut"]);
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/INVALID_INPUT.*cut-seg\.nii\.gz.*not a complete gzip stream|cut-seg\.nii\.gz.*not a complete gzip stream/s);
    expect(existsSync(project.path("cut"))).toBe(false);
  });

  it("refuses slices without volume geometry (COCO → nifti) and writes nothing", () => {
    expect(project.run(["convert", SAMPLE, "--nifti.labels", "brats2023", "--to", "coco", "--out", "coco-only"]).status).toBe(0);
    const result = project.run(["convert", "coco-only", "--to", "nifti", "--out", "back"]);
    expect(result.status).toBe(1);
    expect(`${result.stdout}${result.stderr}`).toContain("has no NIfTI volume geometry");
    expect(existsSync(project.path("back"))).toBe(false);
  });
});
