import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { writePng } from "@maskport/core/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createProject, REPO, type Project } from "./project.ts";

// The bundled sample: 12 images, 20 Tumor instances (examples/mri-brain-tumor/README.md).
const SAMPLE = join(REPO, "examples/mri-brain-tumor");
const LINKS = { "@maskport/exporter-coco": "packages/exporter-coco", "@maskport/exporter-semantic": "packages/exporter-semantic" };

/** COCO annotations by image file_name → sorted "category: counts" strings. */
function cocoInstances(file: string): Record<string, string[]> {
  const json = JSON.parse(readFileSync(file, "utf8")) as {
    images: { id: number; file_name: string }[];
    categories: { id: number; name: string }[];
    annotations: { image_id: number; category_id: number; segmentation: { counts: string } }[];
  };
  const out: Record<string, string[]> = {};
  for (const image of json.images) out[image.file_name.replace(/\.[^.]*$/, "")] = [];
  for (const a of json.annotations) {
    const image = json.images.find((i) => i.id === a.image_id)?.file_name.replace(/\.[^.]*$/, "") as string;
    out[image]?.push(`${json.categories.find((c) => c.id === a.category_id)?.name}: ${a.segmentation.counts}`);
  }
  for (const list of Object.values(out)) list.sort();
  return out;
}

describe("semantic, nnunet and monai through the CLI", () => {
  let project: Project;
  beforeAll(() => {
    project = createProject({ dependencies: Object.fromEntries(Object.keys(LINKS).map((name) => [name, "workspace:^"])), link: LINKS, files: hostileCoco() });
    // The colliding samples' raw images: 4×3, all zero.
    const png = writePng({ width: 4, height: 3, channels: 1, data: new Uint8Array(12) });
    for (const name of ["a/b.png", "a_b.png"]) {
      mkdirSync(dirname(project.path("collide", "images", name)), { recursive: true });
      writeFileSync(project.path("collide", "images", name), png);
    }
  });
  afterAll(() => project.remove());

  it("converts the bundled sample into the three layouts, every instance exact, and each output reads back", () => {
    const result = project.run(["convert", join(SAMPLE, "segmentation_mask"), "--images", join(SAMPLE, "images"), "--to", "semantic", "--to", "nnunet", "--to", "monai", "--to", "coco", "--semantic.instances", "--out", "out"]);
    expect(result.stderr).not.toMatch(/^(error|warning)/m);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain("20 instances (20 index png + instance png): 20 exact, 0 lossy");
    expect(result.stdout).toMatch(/nnunet +→ out\/nnunet/);
    expect(readdirSync(project.path("out", "nnunet", "imagesTr")).length).toBe(12);
    expect(JSON.parse(readFileSync(project.path("out", "nnunet", "dataset.json"), "utf8"))).toEqual({ channel_names: { "0": "MRI" }, labels: { background: 0, Tumor: 1 }, numTraining: 12, file_ending: ".png" });
    expect(JSON.parse(readFileSync(project.path("out", "monai", "dataset.json"), "utf8")).training).toHaveLength(12);
    // semantic with instances → coco gives the direct conversion's RLE, instance for instance.
    const back = project.run(["convert", "out/semantic", "--to", "coco", "--out", "back"]);
    expect(back.stdout).toContain("converted 12 samples from semantic");
    expect(cocoInstances(project.path("back", "annotations", "instances_default.json"))).toEqual(cocoInstances(project.path("out", "coco", "annotations", "instances_default.json")));
    for (const format of ["nnunet", "monai"]) {
      const again = project.run(["convert", `out/${format}`, "--to", "semantic", "--out", `from-${format}`]);
      expect(again.stdout, format).toContain(`converted 12 samples from ${format}`);
      expect(readFileSync(project.path(`from-${format}`, "masks", "scans", "Y10.png"))).toEqual(readFileSync(project.path("out", "semantic", "masks", "scans", "Y10.png")));
    }
  });

  it("refuses a sample without a raw image (IMAGE_MISSING, exit 1), writing nothing", () => {
    const result = project.run(["convert", join(SAMPLE, "segmentation_mask"), "--to", "nnunet", "--out", "no-images"]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain("error IMAGE_MISSING");
    expect(result.stderr).toContain("--nnunet.missingImage=skip");
    expect(existsSync(project.path("no-images"))).toBe(false);
  });

  it("refuses a sample id that would leave --out, and two ids that make one nnU-Net case (exit 1, nothing written)", () => {
    const escaped = project.run(["convert", "escape", "--to", "semantic", "--out", "escaped"]);
    expect(escaped.status).toBe(1);
    // Refused while reading, as the input's fault (it used to fail at write time as OUTPUT_PATH_ESCAPES, "a bug in the plugin").
    expect(escaped.stderr).toContain('error UNSAFE_NAME: escape/annotations/instances_default.json: image 1: file_name "../../evil.jpg" (sample id "../../evil") is refused');
    const collided = project.run(["convert", "collide", "--images", "collide/images", "--to", "nnunet", "--out", "collided"]);
    expect(collided.status).toBe(1);
    expect(collided.stderr).toContain('error ID_COLLISION: [nnunet] samples "a/b" and "a_b" would both be nnU-Net case "a_b"');
    expect(existsSync(project.path("escaped")) || existsSync(project.path("collided"))).toBe(false);
    expect(readdirSync(project.dir).filter((name) => name.includes("maskport-"))).toEqual([]);
  });
});

/** Two COCO inputs written by hand: an image whose file_name climbs out of the folder, and two names that differ only in / versus _. */
function hostileCoco(): Record<string, string> {
  const categories = [{ id: 1, name: "tumor", supercategory: "" }];
  // FORMATS.md §2.7: a 4×3 image with a 6-pixel instance.
  const annotation = (id: number, image: number) => ({ id, image_id: image, category_id: 1, iscrowd: 0, area: 6, bbox: [1, 0, 3, 3], segmentation: { size: [3, 4], counts: "32110N0" } });
  const image = (id: number, name: string) => ({ id, width: 4, height: 3, file_name: name });
  return {
    "escape/annotations/instances_default.json": JSON.stringify({ categories, images: [image(1, "../../evil.jpg")], annotations: [annotation(1, 1)] }),
    "collide/annotations/instances_default.json": JSON.stringify({ categories, images: [image(1, "a/b.png"), image(2, "a_b.png")], annotations: [annotation(1, 1), annotation(2, 2)] }),
  };
}
