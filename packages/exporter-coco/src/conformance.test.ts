import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describeExporter, describeImporter } from "@maskport/core/testing";
import { cocoExporter } from "./coco-exporter.ts";
import { cocoImporter } from "./coco-importer.ts";

describeExporter(cocoExporter);
describeExporter(cocoExporter, { options: { counts: "uncompressed", order: "cvat", cvatCompatible: "true" } });
describeExporter(cocoExporter, { options: { segmentation: "polygon" } });
describeExporter(cocoExporter, { options: { segmentation: "polygon", parts: "separate", tolerance: "1", onLossy: "report" } });

// Inputs on disk for the importer suite, written by hand from FORMATS.md §2.7.
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
