import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { validatePluginModule } from "@maskport/core";
import { bitmapFromRows, describeExporter, describeImporter, makeInstance, makeLabelmap, makeSample } from "@maskport/core/testing";
import { describe, expect, it } from "vitest";
import plugins from "./index.ts";
import { cocoExporter } from "./coco-exporter.ts";
import { cocoImporter } from "./coco-importer.ts";
import { sa1bExporter } from "./sa1b-exporter.ts";
import { sa1bImporter } from "./sa1b-importer.ts";

describe("the package's default export", () => {
  it("is the coco exporter and importer, then the sa1b exporter and importer", () => {
    expect(validatePluginModule(plugins, "@maskport/exporter-coco").map((p) => `${p.kind}:${p.name}`)).toEqual(["exporter:coco", "importer:coco", "exporter:sa1b", "importer:sa1b"]);
  });
});

describeExporter(cocoExporter);
describeExporter(cocoExporter, { options: { counts: "uncompressed", order: "cvat", cvatCompatible: "true" } });
describeExporter(cocoExporter, { options: { segmentation: "polygon" } });
describeExporter(cocoExporter, { options: { segmentation: "polygon", parts: "separate", tolerance: "1", onLossy: "report" } });

// Holes, several parts, touching and overlapping instances in a sub-folder, beside the suite's degenerate samples.
const labelmap = makeLabelmap(["background", "tumor", "edema"]);
const samples = [
  makeSample({
    id: "scans/mixed",
    width: 12,
    height: 8,
    instances: [
      makeInstance(bitmapFromRows(["#####", "#...#", "#.#.#", "#...#", "#####"]), { label: 1, instanceId: 1, x: 1, y: 1 }),
      makeInstance(bitmapFromRows(["##..##", "##..##"]), { label: 2, instanceId: 2, x: 5, y: 5 }),
      makeInstance(bitmapFromRows(["###", "###"]), { label: 2, instanceId: 3, x: 4, y: 4 }),
    ],
  }),
];
describeExporter(sa1bExporter);
describeExporter(sa1bExporter, { samples, labelmap, options: { imageExtension: "png" } });

// Inputs on disk for the importer suites, written by hand from FORMATS.md §2.7 and §7.3.
const root = mkdtempSync(join(tmpdir(), "maskport-coco-conformance-"));
const image = { id: 1, width: 4, height: 3, file_name: "scans/Y1.jpg", license: 0, flickr_url: "", coco_url: "", date_captured: 0 };
const categories = [{ id: 1, name: "tumor", supercategory: "" }];
const worked = { id: 1, image_id: 1, category_id: 1, iscrowd: 0, area: 6.0, bbox: [1.0, 0.0, 3.0, 3.0], segmentation: { size: [3, 4], counts: "32110N0" } };
const write = (path: string, contents: string): string => {
  const full = join(root, path);
  mkdirSync(join(full, ".."), { recursive: true });
  writeFileSync(full, contents);
  return full;
};
write("valid/annotations/instances_default.json", JSON.stringify({ licenses: [], info: {}, categories, images: [image], annotations: [worked] }));
const invalid = [
  write("bad-json.json", '{"images": [], "annotations": [,], "categories": []}'),
  write("unknown-category.json", JSON.stringify({ categories, images: [image], annotations: [{ ...worked, category_id: 7 }] })),
  write("size-mismatch.json", JSON.stringify({ categories, images: [image], annotations: [{ ...worked, segmentation: { size: [4, 3], counts: "32110N0" } }] })),
  write("odd-polygon.json", JSON.stringify({ categories, images: [image], annotations: [{ ...worked, segmentation: [[1, 0, 3, 0, 3]] }] })),
  write("counts-sum.json", JSON.stringify({ categories, images: [image], annotations: [{ ...worked, segmentation: { size: [3, 4], counts: [3, 2, 1] } }] })),
];
describeImporter(cocoImporter, { input: join(root, "valid"), invalidInputs: invalid });

const sa1bImage = { image_id: 1, width: 4, height: 3, file_name: "Y1.jpg" };
const sa1bWorked = {
  id: 1,
  segmentation: { size: [3, 4], counts: "32110N0" },
  bbox: [1.0, 0.0, 3.0, 3.0],
  area: 6,
  predicted_iou: 1.0,
  stability_score: 1.0,
  crop_box: [0, 0, 4, 3],
  point_coords: [[2, 1]],
  label: "tumor",
};
write("sa1b/scans/Y1.json", JSON.stringify({ image: sa1bImage, annotations: [sa1bWorked, { ...sa1bWorked, id: 2, label: undefined, segmentation: { size: [3, 4], counts: [0, 1, 11] } }] }));
write("sa1b/Y2.json", JSON.stringify({ image: { ...sa1bImage, image_id: 2, file_name: "Y2.jpg" }, annotations: [] }));
const sa1bInvalid = [
  write("sa1b-bad/bad-json.json", '{"image": {"image_id": 1}, "annotations": [,]}'),
  write("sa1b-bad/size-mismatch.json", JSON.stringify({ image: sa1bImage, annotations: [{ ...sa1bWorked, segmentation: { size: [4, 3], counts: "32110N0" } }] })),
  write("sa1b-bad/polygon.json", JSON.stringify({ image: sa1bImage, annotations: [{ ...sa1bWorked, segmentation: [[1, 0, 3, 0, 3, 1, 4, 1, 4, 2, 3, 2, 3, 3, 2, 3, 2, 2, 1, 2]] }] })),
  write("sa1b-bad/counts-sum.json", JSON.stringify({ image: sa1bImage, annotations: [{ ...sa1bWorked, segmentation: { size: [3, 4], counts: [3, 2, 1] } }] })),
  write("sa1b-bad/counts-sum-compressed.json", JSON.stringify({ image: sa1bImage, annotations: [{ ...sa1bWorked, segmentation: { size: [3, 4], counts: "321" } }] })),
];
describeImporter(sa1bImporter, { input: join(root, "sa1b"), invalidInputs: sa1bInvalid });
