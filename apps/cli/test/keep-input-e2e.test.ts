import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProject, type Project } from "./project.ts";

const LINKS = { "@maskport/exporter-coco": "packages/exporter-coco", "@maskport/exporter-cvat": "packages/exporter-cvat", "@maskport/exporter-yolo": "packages/exporter-yolo" };

/**
 * A COCO input written by hand whose images are not on disk: 12×10 images `scans/Y1.jpg` and
 * `Y2.JPG`, categories 1, 13, 90 (COCO's person, stop sign, toothbrush), two crowds. The crowd
 * is the 2×2 square at x 2..3, y 1..2: column-major runs [21, 2, 8, 2, 87], compressed
 * "e0280_2" by FORMATS.md §2.4 (worked by hand). The other object is the 4×3 box at x 5..8, y 4..6.
 */
const COCO = {
  images: [
    { id: 1, width: 12, height: 10, file_name: "scans/Y1.jpg" },
    { id: 2, width: 12, height: 10, file_name: "Y2.JPG" },
  ],
  categories: [
    { id: 1, name: "person", supercategory: "" },
    { id: 13, name: "stop sign", supercategory: "" },
    { id: 90, name: "toothbrush", supercategory: "" },
  ],
  annotations: [
    { id: 1, image_id: 1, category_id: 13, iscrowd: 0, area: 12, bbox: [5, 4, 4, 3], segmentation: [[5, 4, 9, 4, 9, 7, 5, 7]] },
    { id: 2, image_id: 1, category_id: 1, iscrowd: 1, area: 4, bbox: [2, 1, 2, 2], segmentation: { size: [10, 12], counts: [21, 2, 8, 2, 87] } },
    { id: 3, image_id: 2, category_id: 90, iscrowd: 1, area: 4, bbox: [2, 1, 2, 2], segmentation: { size: [10, 12], counts: [21, 2, 8, 2, 87] } },
  ],
};

/** The same first image as CVAT XML: the 4×3 box as a <mask> (row-major runs inside the box: 12 ones → "0, 12"). */
const CVAT = `<?xml version="1.0" encoding="utf-8"?>
<annotations>
  <version>1.1</version>
  <meta><task><id>1</id><name>t</name><subset>default</subset><labels><label><name>stop sign</name><color>#fa3253</color><type>mask</type></label></labels></task><dumped>x</dumped></meta>
  <image id="0" name="scans/Y1.jpg" width="12" height="10"><mask label="stop sign" source="manual" occluded="0" rle="0, 12" left="5" top="4" width="4" height="3" z_order="0"></mask></image>
</annotations>
`;

interface CocoOut {
  images: { id: number; file_name: string }[];
  categories: { id: number; name: string }[];
  annotations: { image_id: number; category_id: number; iscrowd: number; area: number; segmentation: unknown }[];
}

describe("input image names, category ids and iscrowd through the CLI", () => {
  let project: Project;
  beforeAll(() => {
    project = createProject({
      dependencies: Object.fromEntries(Object.keys(LINKS).map((name) => [name, "workspace:^"])),
      link: LINKS,
      files: { "coco-in/annotations/instances_default.json": JSON.stringify(COCO), "cvat-in/annotations.xml": CVAT },
    });
  });
  afterAll(() => project.remove());

  const read = (...path: string[]): string => readFileSync(project.path(...path), "utf8");
  const coco = (...path: string[]): CocoOut => JSON.parse(read(...path, "annotations", "instances_default.json")) as CocoOut;

  it("COCO → coco, cvat and yolo keeps file names, category ids and crowds; the others say once that they drop crowds", () => {
    const result = project.run(["convert", "coco-in", "--to", "coco", "--to", "cvat", "--to", "yolo", "--out", "out"]);
    expect(result.stderr).not.toMatch(/^error/m);
    expect(result.status).toBe(0);

    const json = coco("out", "coco");
    expect(json.images.map((i) => i.file_name)).toEqual(["scans/Y1.jpg", "Y2.JPG"]);
    expect(json.categories.map((c) => [c.id, c.name])).toEqual([
      [1, "person"],
      [13, "stop sign"],
      [90, "toothbrush"],
    ]);
    expect(json.annotations.map((a) => [a.image_id, a.category_id, a.iscrowd, a.area])).toEqual([
      [1, 13, 0, 12],
      [1, 1, 1, 4],
      [2, 90, 1, 4],
    ]);
    expect(json.annotations[1]!.segmentation).toEqual({ size: [10, 12], counts: "e0280_2" });

    const xml = read("out", "cvat", "annotations.xml");
    expect([...xml.matchAll(/<image id="\d+" name="([^"]*)"/g)].map((m) => m[1])).toEqual(["scans/Y1.jpg", "Y2.JPG"]);

    expect(read("out", "yolo", "train.txt")).toBe("./images/train/scans/Y1.jpg\n./images/train/Y2.JPG\n");
    // YOLO classes are 0-based in category order: person 0, stop sign 1, toothbrush 2.
    expect(read("out", "yolo", "labels", "train", "scans", "Y1.txt").split("\n").filter(Boolean).map((line) => line.split(" ")[0])).toEqual(["1", "0"]);
    expect(read("out", "yolo", "labels", "train", "Y2.txt").split(" ")[0]).toBe("2");

    const crowdLines = result.stderr.split("\n").filter((line) => line.includes("CROWD_FLAG_CHANGED"));
    expect(crowdLines).toEqual([
      "info [cvat]: 2 crowd instance(s) (COCO iscrowd 1 in the input) written as ordinary instances: CVAT for images XML has no crowd flag (CROWD_FLAG_CHANGED)",
      "info [yolo]: 2 crowd instance(s) (COCO iscrowd 1 in the input) written as ordinary instances: YOLO has no crowd flag (CROWD_FLAG_CHANGED)",
    ]);
  });

  it("--coco.iscrowd=none writes iscrowd 0 everywhere and says so once", () => {
    const result = project.run(["convert", "coco-in", "--to", "coco", "--coco.iscrowd=none", "--out", "none"]);
    expect(result.status).toBe(0);
    expect(coco("none").annotations.map((a) => a.iscrowd)).toEqual([0, 0, 0]);
    expect(result.stderr.split("\n").filter((line) => line.includes("CROWD_FLAG_CHANGED"))).toEqual([
      "info [coco]: 2 crowd instance(s) (COCO iscrowd 1 in the input) written as ordinary instances: --coco.iscrowd is none (CROWD_FLAG_CHANGED)",
    ]);
  });

  it("CVAT XML → coco and yolo keeps the frame name; CVAT labels are numbered 1..N", () => {
    const result = project.run(["convert", "cvat-in", "--to", "coco", "--to", "yolo", "--out", "from-cvat"]);
    expect(result.stderr).not.toMatch(/^error/m);
    expect(result.status).toBe(0);
    const json = coco("from-cvat", "coco");
    expect(json.images.map((i) => i.file_name)).toEqual(["scans/Y1.jpg"]);
    expect(json.categories.map((c) => [c.id, c.name])).toEqual([[1, "stop sign"]]);
    expect(read("from-cvat", "yolo", "train.txt")).toBe("./images/train/scans/Y1.jpg\n");
  });
});
