// Writes a synthetic MRI-like mask dataset in the published CLASS/OBJECT layout:
//   <dir>/labelmap.txt                                   CVAT dialect (Tumor, background)
//   <dir>/brain_tumor_segmentation_mask_CLASS_png_format/M00001.png    RGB, Tumor = 250,50,83
//   <dir>/brain_tumor_segmentation_mask_OBJECT_png_format/M00001.png   RGB, instance k = VOC colour k
// 1–4 tumours per image (wobbly rotated ellipses), about a third with a necrotic hole and a
// few touching the frame edge; one image in 25 is empty. Past the first 500 images, scenes
// repeat (see generateDataset). Seeded, so a count/size pair always
// gives the same pixels. Used by scripts/bench.mjs; not a test fixture.
import { existsSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));
// pngjs is a dependency of @maskport/core; pnpm does not hoist it to the root node_modules.
const { PNG } = createRequire(join(root, "packages/core/package.json"))("pngjs");

export const CLASS_DIR = "brain_tumor_segmentation_mask_CLASS_png_format";
export const OBJECT_DIR = "brain_tumor_segmentation_mask_OBJECT_png_format";
const TUMOR = [250, 50, 83];

/** Pascal VOC palette colour of index i (bit-interleaved, as CVAT and Datumaro use). */
function voc(i) {
  let r = 0, g = 0, b = 0;
  for (let shift = 7, c = i; c > 0; shift--, c >>= 3) {
    r |= ((c >> 0) & 1) << shift;
    g |= ((c >> 1) & 1) << shift;
    b |= ((c >> 2) & 1) << shift;
  }
  return [r, g, b];
}

/** Mulberry32: a small seeded PRNG returning [0, 1). */
function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Folder of the dataset for a count and size, under bench-data/. */
export function datasetDir(count, size) {
  return join(root, "bench-data", `mri-${count}x${size}`);
}

/**
 * Generates the dataset unless a complete copy exists (a `.complete` marker).
 * @returns the dataset folder
 */
export function generateDataset(count, size, log = () => {}, unique = 500) {
  const dir = datasetDir(count, size);
  if (existsSync(join(dir, ".complete"))) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, CLASS_DIR), { recursive: true });
  mkdirSync(join(dir, OBJECT_DIR), { recursive: true });
  writeFileSync(join(dir, "labelmap.txt"), "# label:color_rgb:parts:actions\nTumor:250,50,83::\nbackground:0,0,0::\n");
  const started = performance.now();
  const classPng = new PNG({ width: size, height: size, colorType: 2 });
  const objectPng = new PNG({ width: size, height: size, colorType: 2 });
  const name = (i) => `M${String(i + 1).padStart(Math.max(5, String(count).length), "0")}.png`;
  // Encoding is the slow part (pngjs's adaptive filtering, as libpng/PIL do by default), so
  // images past `unique` reuse the bytes of image i % unique: every file is still read and
  // decoded on its own.
  const bytes = [];
  for (let i = 0; i < count; i++) {
    if (i < unique) {
      paintScene(classPng.data, objectPng.data, size, prng(1000 + i), i);
      bytes.push([PNG.sync.write(classPng, { colorType: 2 }), PNG.sync.write(objectPng, { colorType: 2 })]);
    }
    const [classBytes, objectBytes] = bytes[i % unique];
    writeFileSync(join(dir, CLASS_DIR, name(i)), classBytes);
    writeFileSync(join(dir, OBJECT_DIR, name(i)), objectBytes);
    if ((i + 1) % 500 === 0) log(`  generated ${i + 1}/${count}`);
  }
  writeFileSync(join(dir, ".complete"), `${count} ${size}\n`);
  log(`  generated ${count} mask pairs of ${size}² in ${((performance.now() - started) / 1000).toFixed(1)} s → ${dir}`);
  return dir;
}

/** Paints one image's tumours into the two RGBA buffers (cleared first). */
function paintScene(classData, objectData, size, random, index) {
  classData.fill(0);
  objectData.fill(0);
  for (let p = 3; p < classData.length; p += 4) classData[p] = objectData[p] = 255;
  if (index % 25 === 24) return; // an empty slice
  const scale = size / 512;
  const tumours = 1 + Math.floor(random() * 4);
  for (let k = 1; k <= tumours; k++) {
    const rx = (10 + random() * 45) * scale;
    const ry = rx * (0.6 + random() * 0.4);
    const edge = random() < 0.1;
    const cx = edge ? (random() < 0.5 ? rx * 0.3 : size - rx * 0.3) : rx + 8 + random() * (size - 2 * rx - 16);
    const cy = ry + 8 + random() * (size - 2 * ry - 16);
    const angle = random() * Math.PI;
    const lobes = 3 + Math.floor(random() * 5);
    const wobble = 0.08 + random() * 0.12;
    const phase = random() * 2 * Math.PI;
    const hole = random() < 0.35 ? 0.25 + random() * 0.2 : 0;
    paintTumour(classData, objectData, size, { cx, cy, rx, ry, angle, lobes, wobble, phase, hole }, voc(k));
  }
}

function paintTumour(classData, objectData, size, t, colour) {
  const cos = Math.cos(t.angle);
  const sin = Math.sin(t.angle);
  const reach = Math.max(t.rx, t.ry) * (1 + t.wobble) + 1;
  const x0 = Math.max(0, Math.floor(t.cx - reach));
  const x1 = Math.min(size - 1, Math.ceil(t.cx + reach));
  const y0 = Math.max(0, Math.floor(t.cy - reach));
  const y1 = Math.min(size - 1, Math.ceil(t.cy + reach));
  for (let y = y0; y <= y1; y++) {
    for (let x = x0; x <= x1; x++) {
      const dx = x + 0.5 - t.cx;
      const dy = y + 0.5 - t.cy;
      const u = (dx * cos + dy * sin) / t.rx;
      const v = (-dx * sin + dy * cos) / t.ry;
      const r = Math.sqrt(u * u + v * v);
      const limit = 1 + t.wobble * Math.sin(t.lobes * Math.atan2(v, u) + t.phase);
      if (r > limit || r < t.hole * limit) continue;
      const p = 4 * (y * size + x);
      classData[p] = 250; classData[p + 1] = 50; classData[p + 2] = 83;
      objectData[p] = colour[0]; objectData[p + 1] = colour[1]; objectData[p + 2] = colour[2];
    }
  }
}

/**
 * Raw images for the dataset's masks, as the real MRI export ships them: RGB JPEGs whose
 * pixels are grey (R = G = B), `M00001.jpg` … in a folder beside the masks. Images past the
 * first 100 reuse bytes, as the masks do.
 * @returns the images folder
 */
export function generateImages(count, size, log = () => {}, unique = 100) {
  const dir = `${datasetDir(count, size)}-images`;
  if (existsSync(join(dir, ".complete"))) return dir;
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  // jpeg-js is a dependency of @maskport/exporter-semantic, not of the root.
  const jpeg = createRequire(join(root, "packages/exporter-semantic/package.json"))("jpeg-js");
  const started = performance.now();
  const data = new Uint8Array(size * size * 4);
  const bytes = [];
  for (let i = 0; i < count; i++) {
    if (i < unique) {
      const random = prng(5000 + i);
      for (let y = 0, p = 0; y < size; y++) {
        for (let x = 0; x < size; x++, p += 4) {
          // A bright disc (the head) with noise, dark outside.
          const r = Math.hypot(x - size / 2, y - size / 2) / (size / 2);
          const value = r > 0.9 ? 5 : Math.round(90 + 80 * Math.cos(r * 3) + random() * 30);
          data[p] = data[p + 1] = data[p + 2] = value;
          data[p + 3] = 255;
        }
      }
      bytes.push(jpeg.encode({ data, width: size, height: size }, 90).data);
    }
    writeFileSync(join(dir, `M${String(i + 1).padStart(Math.max(5, String(count).length), "0")}.jpg`), bytes[i % unique]);
  }
  writeFileSync(join(dir, ".complete"), `${count} ${size}\n`);
  log(`  generated ${count} JPEG images of ${size}² in ${((performance.now() - started) / 1000).toFixed(1)} s → ${dir}`);
  return dir;
}

export { TUMOR };
