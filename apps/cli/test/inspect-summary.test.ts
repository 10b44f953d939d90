// `maskport inspect` readable at a glance (issue 22): sizes as a range plus the most common,
// labels with id, colour and counts, the background row marked as such.
import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { sizeSummary } from "../src/commands/inspect.ts";
import { CLI, REPO } from "./project.ts";

describe("inspect summary", () => {
  it("lists up to three sizes, most common first", () => {
    expect(sizeSummary([])).toBe("(none)");
    expect(sizeSummary([{ width: 256, height: 256, images: 2 }, { width: 512, height: 512, images: 5 }])).toBe("512×512 (5), 256×256 (2)");
  });

  it("gives the range and the three most common of many sizes", () => {
    const sizes = Array.from({ length: 40 }, (_, i) => ({ width: 200 + i, height: 180 + i, images: i === 7 ? 9 : i === 30 ? 4 : 1 }));
    expect(sizeSummary(sizes)).toBe("40 sizes from 200×180 to 239×219; most common 207×187 (9), 230×210 (4), 239×219 (1)");
  });

  it("prints labels with id, colour and instance counts, the background as such", () => {
    const result = spawnSync(process.execPath, [CLI, "inspect", "examples/mri-brain-tumor/segmentation_mask", "--images", "examples/mri-brain-tumor/images"], { cwd: REPO, encoding: "utf8" });
    expect(result.status).toBe(0);
    const lines = result.stdout.split("\n");
    expect(lines).toContain("sizes: 256×256 (12)");
    expect(lines.map((line) => line.trim().split(/\s+/))).toEqual(
      expect.arrayContaining([
        ["id", "label", "colour", "instances", "pixels"],
        ["0", "Tumor", "250,50,83", "20", "12647"],
        ["1", "background", "0,0,0", "background"],
      ]),
    );
  });
});
