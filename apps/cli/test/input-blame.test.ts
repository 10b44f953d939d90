import { existsSync, readdirSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProject, type Project } from "./project.ts";

// Hostile COCO inputs are the input's fault: exit 1 with the named error, the file and the
// image, a hint that blames the input, no "bug in the plugin", no stack trace, nothing written.
const LINKS = { "@maskport/exporter-coco": "packages/exporter-coco" };

describe("hostile COCO input through the CLI", () => {
  let project: Project;
  beforeAll(() => {
    const categories = [{ id: 1, name: "tumor", supercategory: "" }];
    // FORMATS.md §2.7: a 4×3 image with a 6-pixel instance.
    const annotation = { id: 1, image_id: 1, category_id: 1, iscrowd: 0, area: 6, bbox: [1, 0, 3, 3], segmentation: { size: [3, 4], counts: "32110N0" } };
    const coco = (fileName: string): string => JSON.stringify({ categories, images: [{ id: 1, width: 4, height: 3, file_name: fileName }], annotations: [annotation] });
    project = createProject({
      dependencies: { "@maskport/exporter-coco": "workspace:^" },
      link: LINKS,
      files: {
        "climb/annotations/instances_default.json": coco("../../evil.jpg"),
        "absolute/annotations/instances_default.json": coco("/etc/passwd"),
        "deep/annotations/instances_default.json": `{"images": ${"[".repeat(100_000)}`,
      },
    });
  });
  afterAll(() => project.remove());

  const expectBlamesInput = (stderr: string): void => {
    expect(stderr).not.toMatch(/bug in the plugin/i);
    expect(stderr).not.toContain("PLUGIN_FAILED");
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(stderr).not.toContain("RangeError");
  };

  it("refuses a file_name that climbs out of the folder or is absolute (UNSAFE_NAME, exit 1), writing nothing", () => {
    const before = readdirSync(project.dir).sort();
    for (const [input, name, id] of [
      ["climb", "../../evil.jpg", ' (sample id "../../evil")'],
      ["absolute", "/etc/passwd", ""],
    ] as const) {
      const result = project.run(["convert", input, "--to", "coco", "--out", `out-${input}`]);
      expect(result.status, result.stderr).toBe(1);
      expect(result.stderr).toContain(`error UNSAFE_NAME: ${input}/annotations/instances_default.json: image 1: file_name ${JSON.stringify(name)}${id} is refused: `);
      expect(result.stderr).toContain("hint: The input is at fault, not maskport");
      expectBlamesInput(result.stderr);
      expect(existsSync(project.path(`out-${input}`))).toBe(false);
    }
    expect(existsSync(project.path("..", "evil.jpg"))).toBe(false);
    expect(readdirSync(project.dir).sort()).toEqual(before);
  });

  it("refuses JSON nested 100,000 levels deep as INVALID_INPUT with its line and column, writing nothing", () => {
    const result = project.run(["convert", "deep", "--to", "coco", "--out", "out-deep"]);
    expect(result.status, result.stderr).toBe(1);
    expect(result.stderr).toContain("error INVALID_INPUT: deep/annotations/instances_default.json:1: not valid JSON at line 1, column 100012");
    expectBlamesInput(result.stderr);
    expect(existsSync(project.path("out-deep"))).toBe(false);
  });
});
