// The fuzzer's valid seed inputs, per target: small datasets that convert cleanly, each with one
// file the mutator changes (`file`) and the rest left as they are, the importer that reads it and
// the exporter it is encoded to (in memory).
import { encodePng } from "./png.mjs";

/**
 * @typedef {import("./mutate.mjs").FileKind} FileKind
 * @typedef {{
 *   files: Readonly<Record<string, string | Uint8Array>>,
 *   file: string,
 *   kind: FileKind,
 *   importer: string,
 *   to: string,
 *   input?: string,
 * }} Seed
 */

const BLACK = [0, 0, 0];
const TUMOR = [250, 50, 83];
const EDEMA = [61, 61, 245];
const CVAT_LABELMAP = "# label:color_rgb:parts:actions\nbackground:0,0,0::\ntumor:250,50,83::\nedema:61,61,245::\n";

/** A w×h raster from a function of (x, y) returning one pixel's samples. @param {number} w @param {number} h @param {(x: number, y: number) => readonly number[]} f */
function raster(w, h, f) {
  /** @type {number[]} */
  const samples = [];
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) samples.push(...f(x, y));
  return samples;
}

/** Label ids of a 6×5 mask: a ring of tumor, an edema blob, a tumor dot. @param {number} x @param {number} y */
function labelAt(x, y) {
  if (x === 5 && y === 4) return 1;
  if (x >= 3 && y <= 1) return 2;
  if (x <= 2 && y >= 1 && y <= 3 && !(x === 1 && y === 2)) return 1;
  return 0;
}
const COLOURS = [BLACK, TUMOR, EDEMA];
/** @param {number} id */
const colourOf = (id) => /** @type {number[]} */ (COLOURS[id]);

const W = 6;
const H = 5;
const rgb = encodePng({ width: W, height: H, colorType: 2, bitDepth: 8, samples: raster(W, H, (x, y) => colourOf(labelAt(x, y))) });
const rgba = encodePng({ width: W, height: H, colorType: 6, bitDepth: 8, samples: raster(W, H, (x, y) => [...colourOf(labelAt(x, y)), 255]) });
const rgb16 = encodePng({ width: W, height: H, colorType: 2, bitDepth: 16, samples: raster(W, H, (x, y) => colourOf(labelAt(x, y)).map((v) => v * 257)) });
const rgbInterlaced = encodePng({ width: W, height: H, colorType: 2, bitDepth: 8, interlace: true, samples: raster(W, H, (x, y) => colourOf(labelAt(x, y))) });
const palette = encodePng({ width: W, height: H, colorType: 3, bitDepth: 8, samples: raster(W, H, (x, y) => [labelAt(x, y)]), palette: COLOURS });
const palette2 = encodePng({ width: W, height: H, colorType: 3, bitDepth: 2, samples: raster(W, H, (x, y) => [labelAt(x, y)]), palette: COLOURS });
const gray8 = encodePng({ width: W, height: H, colorType: 0, bitDepth: 8, samples: raster(W, H, (x, y) => [labelAt(x, y)]) });
const gray16 = encodePng({ width: W, height: H, colorType: 0, bitDepth: 16, samples: raster(W, H, (x, y) => [labelAt(x, y)]) });
const gray2Interlaced = encodePng({ width: W, height: H, colorType: 0, bitDepth: 2, interlace: true, samples: raster(W, H, (x, y) => [labelAt(x, y)]) });
const grayAlpha = encodePng({ width: W, height: H, colorType: 4, bitDepth: 8, samples: raster(W, H, (x, y) => [labelAt(x, y), 255]) });
// Object ids in VOC colours: object 1 the ring, 2 the blob, 3 the dot.
const VOC = [BLACK, [128, 0, 0], [0, 128, 0], [128, 128, 0]];
const objectAt = (/** @type {number} */ x, /** @type {number} */ y) => (x === 5 && y === 4 ? 3 : labelAt(x, y));
const object = encodePng({ width: W, height: H, colorType: 2, bitDepth: 8, samples: raster(W, H, (x, y) => /** @type {number[]} */ (VOC[objectAt(x, y)])) });
const yoloImage = encodePng({ width: 16, height: 12, colorType: 0, bitDepth: 8, samples: Array.from({ length: 16 * 12 }, () => 90) });

/** @param {Uint8Array} png @param {Partial<Seed>} [extra] @returns {Seed} */
const classMask = (png, extra = {}) => ({ files: { "labelmap.txt": CVAT_LABELMAP, "CLASS/a.png": png }, file: "CLASS/a.png", kind: "png", importer: "mask", to: "coco", ...extra });

const COCO = {
  images: [
    { id: 1, width: 6, height: 5, file_name: "scans/a.jpg" },
    { id: 2, width: 4, height: 3, file_name: "b.png" },
  ],
  categories: [
    { id: 1, name: "tumor", supercategory: "" },
    { id: 3, name: "edema", supercategory: "" },
  ],
  annotations: [
    { id: 1, image_id: 1, category_id: 1, iscrowd: 0, segmentation: [[0.5, 1, 3, 1, 3, 4, 0.5, 4], [4, 0, 6, 0, 5, 2]], area: 9, bbox: [0.5, 0, 5.5, 4] },
    { id: 2, image_id: 1, category_id: 3, iscrowd: 1, segmentation: { size: [5, 6], counts: [5, 2, 3, 2, 18] }, area: 4, bbox: [1, 0, 2, 2] },
    { id: 3, image_id: 2, category_id: 1, iscrowd: 0, segmentation: { size: [3, 4], counts: "32110N0" }, area: 6, bbox: [1, 0, 3, 3] },
    { id: 4, image_id: 2, category_id: 3, iscrowd: 0, segmentation: [[0, 0, 1, 0, 1, 1]], area: 1, bbox: [0, 0, 1, 1] },
  ],
};

const CVAT_XML = `<?xml version="1.0" encoding="utf-8"?>
<annotations>
  <version>1.1</version>
  <meta>
    <task>
      <id>7</id>
      <size>2</size>
      <subset>default</subset>
      <labels>
        <label><name>tumor</name><color>#fa3253</color><type>any</type><attributes></attributes></label>
        <label><name>edema</name><color>#3d3df5</color><type>polygon</type><attributes></attributes></label>
      </labels>
    </task>
  </meta>
  <image id="0" name="scans/a.png" subset="train" width="6" height="5">
    <mask label="tumor" source="manual" occluded="0" rle="1, 2, 1, 1, 0, 3" left="1" top="1" width="2" height="4" z_order="0"></mask>
    <polygon label="edema" source="manual" occluded="0" points="3.00,0.00;6.00,0.00;6.00,2.00;3.00,2.00" z_order="1" group_id="2"></polygon>
    <polygon label="edema" source="manual" occluded="0" points="5.00,4.00;6.00,4.00;6.00,5.00" z_order="1" group_id="2"></polygon>
    <box label="tumor" source="manual" occluded="0" xtl="0.00" ytl="0.00" xbr="2.00" ybr="2.00" z_order="0"></box>
  </image>
  <image id="1" name="b.png" subset="val" width="4" height="3">
    <mask label="edema" source="semi-auto" occluded="0" rle="0, 3, 1, 2" left="0" top="0" width="3" height="2" z_order="0"></mask>
  </image>
</annotations>
`;

/** @param {Record<string, string | Uint8Array>} over @param {"labels/train/a.txt" | "data.yaml"} file @returns {Seed} */
const yolo = (over, file) => ({
  files: {
    "data.yaml": "path: .\ntrain: train.txt\nval: val.txt\nnames:\n  0: tumor\n  1: edema\n",
    "train.txt": "./images/train/a.png\n",
    "val.txt": "./images/val/b.png\n",
    "images/train/a.png": yoloImage,
    "images/val/b.png": yoloImage,
    "labels/train/a.txt": "0 0.1 0.1 0.5 0.1 0.5 0.5 0.1 0.5\n1 0.6 0.6 0.9 0.6 0.75 0.95\n",
    "labels/val/b.txt": "1 0.2 0.2 0.8 0.2 0.8 0.8\n",
    ...over,
  },
  file,
  kind: "text",
  importer: "yolo",
  to: "coco",
});

/** Seeds by target name: what `npm run fuzz` and the CI test mutate. @type {Readonly<Record<string, readonly Seed[]>>} */
export const SEEDS = {
  png: [
    classMask(rgb),
    classMask(rgba),
    classMask(rgb16),
    classMask(rgbInterlaced),
    classMask(palette),
    classMask(palette2),
    classMask(gray8),
    classMask(gray16),
    classMask(gray2Interlaced),
    classMask(grayAlpha),
    { files: { "labelmap.txt": CVAT_LABELMAP, "CLASS/a.png": rgb, "OBJECT/a.png": object }, file: "OBJECT/a.png", kind: "png", importer: "mask", to: "coco" },
    { files: { "labelmap.txt": "0: background\n1: tumor\n2: edema\n", "masks/a.png": gray8 }, file: "masks/a.png", kind: "png", importer: "semantic", to: "yolo" },
  ],
  labelmap: [
    classMask(rgb, { file: "labelmap.txt", kind: "text", to: "cvat" }),
    classMask(gray8, { file: "labelmap.txt", kind: "text", to: "cvat", files: { "labelmap.txt": "0: background\n1: tumor\n2: edema\n", "CLASS/a.png": gray8 } }),
    classMask(rgb, { file: "labelmap.txt", kind: "text", to: "semantic", files: { "labelmap.txt": "background:0,0,0:hand,eye:occluded\ntumor:250,50,83:core:grade\nedema:61,61,245::\n", "CLASS/a.png": rgb } }),
    classMask(palette, { file: "labelmap.txt", kind: "text", to: "yolo", files: { "labelmap.txt": "\uFEFF# label:color_rgb:parts:actions\r\nbackground:::\r\ntumor:250,50,83::\r\n\r\nedema:61,61,245::\r\n", "CLASS/a.png": palette } }),
  ],
  coco: [
    { files: { "annotations/instances_default.json": JSON.stringify(COCO) }, file: "annotations/instances_default.json", kind: "text", importer: "coco", to: "yolo" },
    { files: { "annotations/instances_default.json": JSON.stringify(COCO, null, 2) }, file: "annotations/instances_default.json", kind: "text", importer: "coco", to: "cvat" },
  ],
  cvat: [
    { files: { "annotations.xml": CVAT_XML }, file: "annotations.xml", kind: "text", importer: "cvat", to: "mask" },
    { files: { "annotations.xml": CVAT_XML.replace(/\n\s*/g, "") }, file: "annotations.xml", kind: "text", importer: "cvat", to: "coco" },
  ],
  "yolo-labels": [
    yolo({}, "labels/train/a.txt"),
    yolo({ "labels/train/a.txt": "0 0 0 1 0 1 1 0 1\n0 0.25 0.25 0.75 0.25 0.5 0.75\n1 0.1 0.9 0.2 0.9 0.15 0.8 0.5 0.5 0.9 0.1\n" }, "labels/train/a.txt"),
  ],
  "yolo-yaml": [
    yolo({}, "data.yaml"),
    yolo({ "data.yaml": "path: ''\ntrain: [train.txt]\nval: val.txt\nnc: 2\nnames: [tumor, edema]\n" }, "data.yaml"),
    yolo({ "data.yaml": "train: images/train\nvalidation: images/val\nnames: {0: tumor, 1: 'edema'}  # flow style\n" }, "data.yaml"),
  ],
};
