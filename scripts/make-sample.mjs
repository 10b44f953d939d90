// Writes the bundled synthetic MRI sample `examples/mri-brain-tumor/` (README.md there says
// what each folder and image holds). Deterministic: a seeded PRNG, no clock, and only
// IEEE-exact arithmetic (+ − × ÷ √, no Math.sin/atan2 whose last bit may vary between
// engines), so the pixels are identical everywhere. PNG bytes additionally depend on the
// zlib build bundled with Node (the committed copy: Node 20.20, zlib 1.3.1-e00f703).
//
//   node scripts/make-sample.mjs                # rewrite the committed copy
//   node scripts/make-sample.mjs --out <dir>    # write elsewhere (the sample test does this)
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
// pngjs is a dependency of @maskport/core; pnpm does not hoist it to the root node_modules.
const { PNG } = createRequire(join(root, "packages/core/package.json"))("pngjs");

/** Where the committed sample lives. */
export const DEFAULT_OUT = join(root, "examples/mri-brain-tumor");

/** Image width and height in pixels. */
const SIZE = 256;

/** Top-level entries the generator owns inside the output folder (README.md is hand-written). */
const OWNED = ["images", "segmentation_mask", "index-masks", "segmentation-mask-1.1", "multi-class"];

const PUBLISHED_CLASS = "brain_tumor_segmentation_mask_CLASS_png_format";
const PUBLISHED_OBJECT = "brain_tumor_segmentation_mask_OBJECT_png_format";
const MULTI_CLASS = "brain_tumor_regions_CLASS_png_format";
const MULTI_OBJECT = "brain_tumor_regions_OBJECT_png_format";

/** Labels of the Tumor datasets, as CVAT writes them (colour R,G,B). */
const TUMOR_LABELS = [
  { name: "Tumor", color: [250, 50, 83] },
  { name: "background", color: [0, 0, 0] },
];
/** Labels of the multi-class variant; index in this list = class value used while painting. */
const MULTI_LABELS = [
  { name: "background", color: [0, 0, 0] },
  { name: "edema", color: [255, 204, 51] },
  { name: "enhancing", color: [250, 50, 83] },
  { name: "necrosis", color: [51, 221, 255] },
];
const EDEMA = 1;
const ENHANCING = 2;
const NECROSIS = 3;

/** Normalised tumour radius (see tumourDistance) below which tissue is necrotic / enhancing. */
const NECROSIS_EDGE = 0.4;
const ENHANCING_EDGE_WITH_CORE = 0.7;
const ENHANCING_EDGE = 0.6;

// Scenes. Coordinates in pixels (x right, y down, image 256×256). `tilt` is a direction
// vector [x, y] for the major axis, normalised at run time (keeps trigonometry out).
// A tumour with `core` has a necrotic centre: background in the Tumor datasets (a ring-shaped
// instance), the necrosis class in the multi-class variant. A `speck` is a list of pixels.
const HEAD = { cx: 128, cy: 130, ax: 98, ay: 116, tilt: [30, 1] };
const SCENES = [
  { id: "Y1", seed: 11, head: HEAD, tumours: [{ cx: 166, cy: 92, rx: 18, ry: 15, tilt: [4, 1] }] },
  {
    id: "Y2",
    seed: 12,
    head: { cx: 126, cy: 128, ax: 100, ay: 118, tilt: [25, -1] },
    tumours: [
      { cx: 84, cy: 82, rx: 11, ry: 10, tilt: [1, 1] },
      { cx: 176, cy: 122, rx: 16, ry: 13, tilt: [1, 3] },
      { cx: 122, cy: 192, rx: 9, ry: 8, tilt: [1, 0] },
    ],
  },
  {
    id: "Y3",
    seed: 13,
    head: { cx: 129, cy: 131, ax: 97, ay: 115, tilt: [40, 1] },
    tumours: [{ cx: 96, cy: 112, rx: 28, ry: 24, tilt: [5, 2], core: true }],
  },
  {
    id: "Y4",
    seed: 14,
    head: HEAD,
    tumours: [
      { cx: 150, cy: 100, rx: 17, ry: 15, tilt: [1, 0] },
      { cx: 170, cy: 114, rx: 14, ry: 12, tilt: [2, 1] },
    ],
  },
  {
    id: "Y5",
    seed: 15,
    // Off-centre field of view: the head (and the tumour) run off the left edge.
    head: { cx: 100, cy: 128, ax: 118, ay: 122, tilt: [20, 1] },
    tumours: [{ cx: 10, cy: 138, rx: 21, ry: 17, tilt: [1, 2] }],
  },
  {
    id: "Y6",
    seed: 16,
    head: HEAD,
    tumours: [
      { cx: 172, cy: 150, rx: 15, ry: 13, tilt: [3, -1] },
      { speck: [[60, 150], [61, 150]] },
    ],
  },
  {
    id: "Y7",
    seed: 17,
    head: { cx: 127, cy: 129, ax: 99, ay: 117, tilt: [30, -1] },
    tumours: [
      { cx: 150, cy: 142, rx: 30, ry: 13, tilt: [3, 2] },
      { cx: 92, cy: 92, rx: 7, ry: 7, tilt: [1, 0] },
    ],
  },
  {
    id: "Y8",
    seed: 18,
    // Zoomed slice: the head fills the frame and a tumour runs off the top edge.
    head: { cx: 128, cy: 150, ax: 140, ay: 175, tilt: [50, 1] },
    tumours: [
      { cx: 130, cy: 8, rx: 19, ry: 16, tilt: [1, 0] },
      { cx: 80, cy: 160, rx: 12, ry: 11, tilt: [1, 1] },
    ],
  },
  {
    id: "Y9",
    seed: 19,
    head: { cx: 128, cy: 131, ax: 99, ay: 117, tilt: [30, 1] },
    tumours: [
      { cx: 165, cy: 95, rx: 22, ry: 20, tilt: [1, 1], core: true },
      { cx: 95, cy: 165, rx: 14, ry: 13, tilt: [1, 0] },
      { cx: 114, cy: 172, rx: 12, ry: 11, tilt: [3, 1] },
      { speck: [[70, 95], [71, 95], [71, 96]] },
    ],
  },
  {
    id: "scans/Y10",
    seed: 20,
    head: { cx: 128, cy: 128, ax: 96, ay: 114, tilt: [30, 1] },
    tumours: [
      { cx: 100, cy: 110, rx: 21, ry: 19, tilt: [2, 1], core: true },
      { cx: 175, cy: 170, rx: 10, ry: 9, tilt: [1, 0] },
    ],
  },
  { id: "N1", seed: 21, head: { cx: 128, cy: 129, ax: 97, ay: 117, tilt: [40, -1] }, tumours: [] },
  { id: "scans/N2", seed: 22, head: { cx: 130, cy: 128, ax: 101, ay: 114, tilt: [20, 1] }, tumours: [] },
];

/**
 * Writes the whole sample into `outDir` (replacing only the folders the generator owns).
 * @param {string} outDir
 * @returns {string[]} the relative paths written, '/'-separated, sorted
 */
export function generate(outDir) {
  const out = resolve(outDir);
  for (const entry of OWNED) rmSync(join(out, entry), { recursive: true, force: true });
  /** @type {string[]} */
  const written = [];
  const emit = (relative, contents) => {
    const target = join(out, ...relative.split("/"));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, contents);
    written.push(relative);
  };

  const cvatLabelmap = (labels) =>
    "# label:color_rgb:parts:actions\n" +
    sortByName(labels)
      .map((label) => `${label.name}:${label.color.join(",")}::\n`)
      .join("");
  emit("segmentation_mask/labelmap.txt", cvatLabelmap(TUMOR_LABELS));
  emit("segmentation-mask-1.1/labelmap.txt", cvatLabelmap(TUMOR_LABELS));
  emit("multi-class/labelmap.txt", cvatLabelmap(MULTI_LABELS));
  emit("index-masks/labelmap.txt", "0: Background\n1: Tumor\n");

  const tumorColors = [TUMOR_LABELS[1].color, TUMOR_LABELS[0].color];
  for (const scene of SCENES) {
    const { image, tumorClass, tumorObject, multiClass, multiObject } = renderScene(scene);
    const file = `${scene.id}.png`;
    emit(`images/${file}`, encodePng(image, 1));
    const classRgb = encodePng(colorize(tumorClass, tumorColors), 3);
    const objectRgb = encodePng(colorize(tumorObject, VOC_COLORS), 3);
    emit(`segmentation_mask/${PUBLISHED_CLASS}/${file}`, classRgb);
    emit(`segmentation_mask/${PUBLISHED_OBJECT}/${file}`, objectRgb);
    emit(`index-masks/${PUBLISHED_CLASS}/${file}`, encodePng(tumorClass, 1));
    emit(`index-masks/${PUBLISHED_OBJECT}/${file}`, encodePng(tumorObject, 1));
    // CVAT lists unannotated items in the subset file but writes no PNG for them.
    if (scene.tumours.length > 0) {
      emit(`segmentation-mask-1.1/SegmentationClass/${file}`, classRgb);
      emit(`segmentation-mask-1.1/SegmentationObject/${file}`, objectRgb);
    }
    const multiColors = MULTI_LABELS.map((label) => label.color);
    emit(`multi-class/${MULTI_CLASS}/${file}`, encodePng(colorize(multiClass, multiColors), 3));
    emit(`multi-class/${MULTI_OBJECT}/${file}`, encodePng(colorize(multiObject, VOC_COLORS), 3));
  }
  // CVAT's default frame order sorts file paths by code point ("lexicographical").
  const ids = SCENES.map((scene) => scene.id).sort(compareCodePoints);
  emit("segmentation-mask-1.1/ImageSets/Segmentation/default.txt", ids.map((id) => `${id}\n`).join(""));
  return written.sort(compareCodePoints);
}

/**
 * One line per image: id, Tumor instances, multi-class instances per class (for the README).
 * @returns {string[]}
 */
export function summary() {
  return SCENES.map((scene) => {
    const { tumorObject, multiClass, multiObject } = renderScene(scene);
    const tumorCount = maxOf(tumorObject);
    const perClass = [0, 0, 0, 0];
    const seen = new Set();
    for (let p = 0; p < multiObject.length; p++) {
      const id = multiObject[p];
      if (id !== 0 && !seen.has(id)) {
        seen.add(id);
        perClass[multiClass[p]]++;
      }
    }
    return `${scene.id}: Tumor ${tumorCount}; edema ${perClass[EDEMA]}, enhancing ${perClass[ENHANCING]}, necrosis ${perClass[NECROSIS]}`;
  });
}

// --- internal ---

/**
 * Paints one scene: the grey image and the class/object rasters of both label sets.
 * Object ids follow the order of the scene's tumours (CVAT numbers instances in annotation
 * order, later masks over earlier ones); multi-class ids go edema, enhancing, necrosis per
 * tumour, each layer drawn over the previous one as an annotator stacking masks would.
 */
function renderScene(scene) {
  const n = SIZE * SIZE;
  const random = mulberry32(scene.seed);
  const coarse = valueNoise(random, 48);
  const tissue = valueNoise(random, 22);
  const grain = valueNoise(random, 7);
  const tumours = scene.tumours.map((spec) => prepareTumour(spec, random));

  const tumorClass = new Uint8Array(n);
  const tumorObject = new Uint8Array(n);
  const multiClass = new Uint8Array(n);
  const multiObject = new Uint8Array(n);
  const image = new Uint8Array(n);
  const intensity = new Float64Array(n);
  paintAnatomy(scene.head, coarse, tissue, grain, intensity);

  let multiId = 0;
  tumours.forEach((tumour, index) => {
    const id = index + 1;
    if (tumour.speck) {
      multiId++;
      for (const [x, y] of tumour.speck) {
        const p = y * SIZE + x;
        tumorClass[p] = 1;
        tumorObject[p] = id;
        multiClass[p] = ENHANCING;
        multiObject[p] = multiId;
        intensity[p] = 232;
      }
      return;
    }
    const enhancingEdge = tumour.core ? ENHANCING_EDGE_WITH_CORE : ENHANCING_EDGE;
    const edemaId = ++multiId;
    const enhancingId = ++multiId;
    const necrosisId = tumour.core ? ++multiId : 0;
    // Pixels per unit of normalised radius, for the image's soft edges.
    const sharpness = Math.min(tumour.rx, tumour.ry);
    for (let y = 0; y < SIZE; y++) {
      for (let x = 0; x < SIZE; x++) {
        const d = tumourDistance(tumour, x + 0.5, y + 0.5);
        if (d > 1.3) continue;
        const p = y * SIZE + x;
        if (d < 1) {
          multiClass[p] = EDEMA;
          multiObject[p] = edemaId;
          if (d < enhancingEdge) {
            multiClass[p] = ENHANCING;
            multiObject[p] = enhancingId;
          }
          if (tumour.core && d < NECROSIS_EDGE) {
            multiClass[p] = NECROSIS;
            multiObject[p] = necrosisId;
          } else {
            tumorClass[p] = 1;
            tumorObject[p] = id;
          }
        }
        let v = intensity[p];
        v = mix(v, 150 + 30 * grain[p], edge(1 - d, sharpness));
        v = mix(v, 205 + 40 * tissue[p], edge(enhancingEdge - d, sharpness));
        if (tumour.core) v = mix(v, 55 + 20 * grain[p], edge(NECROSIS_EDGE - d, sharpness));
        intensity[p] = v;
      }
    }
  });
  for (let id = 1; id <= tumours.length; id++) assertPainted(tumorObject, id, scene.id);
  for (let id = 1; id <= multiId; id++) assertPainted(multiObject, id, scene.id);

  for (let p = 0; p < n; p++) {
    // Coil shading and thermal noise, so the slice looks acquired rather than drawn.
    const v = intensity[p] * (0.88 + 0.24 * coarse[p]) + (random() - 0.5) * 9;
    image[p] = v < 0 ? 0 : v > 255 ? 255 : Math.round(v);
  }
  return { image, tumorClass, tumorObject, multiClass, multiObject };
}

/** Scalp, skull, CSF, grey/white matter and two lateral ventricles (a T1-like axial slice). */
function paintAnatomy(head, coarse, tissue, grain, intensity) {
  const [ux, uy] = unit(head.tilt);
  const leftVentricle = { cx: head.cx - 11, cy: head.cy - 8, ax: 7, ay: 24, u: unit([3, 12]) };
  const rightVentricle = { cx: head.cx + 11, cy: head.cy - 8, ax: 7, ay: 24, u: unit([-3, 12]) };
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      const p = y * SIZE + x;
      const dx = x + 0.5 - head.cx;
      const dy = y + 0.5 - head.cy;
      const a = (ux * dx + uy * dy) / head.ax;
      const b = (-uy * dx + ux * dy) / head.ay;
      const rho = Math.sqrt(a * a + b * b);
      const scale = head.ax;
      const white = edge(0.75 * tissue[p] + 0.25 * grain[p] - 0.5, 2.5);
      const cortexShade = edge(rho - 0.74, 12);
      const brain = 90 + 38 * white - 14 * cortexShade + 12 * (grain[p] - 0.5);
      let v = 3;
      v = mix(v, 175 + 20 * coarse[p], edge(1 - rho, scale));
      v = mix(v, 38, edge(0.94 - rho, scale));
      v = mix(v, 24, edge(0.895 - rho, scale));
      v = mix(v, brain, edge(0.87 - rho, scale));
      for (const ventricle of [leftVentricle, rightVentricle]) {
        const vx = x + 0.5 - ventricle.cx;
        const vy = y + 0.5 - ventricle.cy;
        const [vux, vuy] = ventricle.u;
        const va = (vux * vy - vuy * vx) / ventricle.ax;
        const vb = (vux * vx + vuy * vy) / ventricle.ay;
        v = mix(v, 28, edge(1 - Math.sqrt(va * va + vb * vb), ventricle.ax));
      }
      intensity[p] = v;
    }
  }
}

/** Normalises a tumour spec: unit tilt vector and three random lobes (k = 2, 3, 4). */
function prepareTumour(spec, random) {
  if (spec.speck) return { speck: spec.speck };
  const [ux, uy] = unit(spec.tilt);
  const lobes = [];
  for (let k = 2; k <= 4; k++) {
    const amplitude = (random() - 0.5) * 0.12;
    const [cos, sin] = unit([random() - 0.5, random() - 0.5]);
    lobes.push(amplitude, cos, sin);
  }
  return { ...spec, ux, uy, lobes };
}

/**
 * Normalised distance from a tumour's centre: < 1 inside. The ellipse radius is modulated by
 * lobes Σ aₖ·cos(k(θ − φₖ)), evaluated as powers of the unit complex number e^{iθ}.
 */
function tumourDistance(t, px, py) {
  const dx = px - t.cx;
  const dy = py - t.cy;
  const a = (t.ux * dx + t.uy * dy) / t.rx;
  const b = (-t.uy * dx + t.ux * dy) / t.ry;
  const rho = Math.sqrt(a * a + b * b);
  if (rho === 0) return 0;
  const c = a / rho;
  const s = b / rho;
  let zr = c;
  let zi = s;
  let wobble = 1;
  for (let i = 0; i < t.lobes.length; i += 3) {
    const nr = zr * c - zi * s;
    zi = zr * s + zi * c;
    zr = nr;
    wobble += t.lobes[i] * (zr * t.lobes[i + 1] + zi * t.lobes[i + 2]);
  }
  return rho / wobble;
}

/** Smooth value noise in [0, 1] on a lattice `cell` pixels apart, one value per pixel. */
function valueNoise(random, cell) {
  const lattice = Math.ceil(SIZE / cell) + 2;
  const grid = new Float64Array(lattice * lattice);
  for (let i = 0; i < grid.length; i++) grid[i] = random();
  const field = new Float64Array(SIZE * SIZE);
  for (let y = 0; y < SIZE; y++) {
    const gy = y / cell;
    const j = Math.floor(gy);
    const fy = fade(gy - j);
    for (let x = 0; x < SIZE; x++) {
      const gx = x / cell;
      const i = Math.floor(gx);
      const fx = fade(gx - i);
      const top = mix(grid[j * lattice + i], grid[j * lattice + i + 1], fx);
      const bottom = mix(grid[(j + 1) * lattice + i], grid[(j + 1) * lattice + i + 1], fx);
      field[y * SIZE + x] = mix(top, bottom, fy);
    }
  }
  return field;
}

/** Pascal VOC palette (FORMATS.md §1.4): bits of the index spread over R, G, B from the top bit. */
const VOC_COLORS = Array.from({ length: 256 }, (_, index) => {
  const color = [0, 0, 0];
  let i = index;
  for (let j = 7; j >= 0; j--) {
    for (let c = 0; c < 3; c++) color[c] |= ((i >> c) & 1) << j;
    i >>= 3;
  }
  return color;
});

/** Maps a raster of small integers to RGB through a colour table. */
function colorize(values, colors) {
  const rgb = new Uint8Array(values.length * 3);
  for (let p = 0; p < values.length; p++) {
    const color = colors[values[p]];
    rgb[p * 3] = color[0];
    rgb[p * 3 + 1] = color[1];
    rgb[p * 3 + 2] = color[2];
  }
  return rgb;
}

/** 8-bit grey (1 channel) or RGB (3 channels) PNG, deflate level 9 (pngjs default). */
function encodePng(data, channels) {
  const colorType = channels === 1 ? 0 : 2;
  return PNG.sync.write(
    { width: SIZE, height: SIZE, data: Buffer.from(data.buffer, data.byteOffset, data.byteLength) },
    { colorType, inputColorType: colorType, inputHasAlpha: false, bitDepth: 8 },
  );
}

function assertPainted(raster, id, sceneId) {
  if (!raster.includes(id)) throw new Error(`${sceneId}: instance ${id} is fully covered; move the tumours apart`);
}

/** 32-bit seeded PRNG (mulberry32): integer operations only, so identical on every engine. */
function mulberry32(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sortByName(labels) {
  return [...labels].sort((a, b) => compareCodePoints(a.name, b.name));
}
function compareCodePoints(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
function unit([x, y]) {
  const length = Math.sqrt(x * x + y * y);
  return [x / length, y / length];
}
function mix(a, b, t) {
  return a + (b - a) * t;
}
function fade(t) {
  return t * t * (3 - 2 * t);
}
/** 0 → 1 ramp about one pixel wide around signed distance 0 (distance × pixels-per-unit). */
function edge(distance, pixelsPerUnit) {
  const t = distance * pixelsPerUnit + 0.5;
  return t <= 0 ? 0 : t >= 1 ? 1 : t;
}
function maxOf(raster) {
  let max = 0;
  for (const value of raster) if (value > max) max = value;
  return max;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const flag = process.argv.indexOf("--out");
  const outDir = flag === -1 ? DEFAULT_OUT : process.argv[flag + 1];
  if (!outDir) throw new Error("usage: node scripts/make-sample.mjs [--out <dir>]");
  const files = generate(outDir);
  console.log(`wrote ${files.length} files to ${resolve(outDir)}`);
  if (process.argv.includes("--summary")) for (const line of summary()) console.log(line);
}
