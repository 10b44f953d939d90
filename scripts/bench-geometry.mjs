// Geometry benchmark: µs per 512×512 mask with three tumour-like blobs (one with a
// necrotic hole). Not a test. Needs the built core:
//   npx turbo run build --filter @maskport/core && node scripts/bench-geometry.mjs
import { performance } from "node:perf_hooks";
import {
  encodeCocoRle,
  rasterizePolygons,
  toPolygons,
  traceBoundaries,
  polygonFidelity,
} from "../packages/core/dist/index.js";

const SIZE = 512;

/** Three wobbly discs; the first has a hole with a small island inside it. */
function tumours() {
  const data = new Uint8Array(SIZE * SIZE);
  const paint = (cx, cy, r, wobble, value) => {
    for (let y = 0; y < SIZE; y++) {
      for (let x = 0; x < SIZE; x++) {
        const dx = x - cx;
        const dy = y - cy;
        const rr = r + wobble * Math.sin(5 * Math.atan2(dy, dx));
        if (dx * dx + dy * dy <= rr * rr) data[y * SIZE + x] = value;
      }
    }
  };
  paint(160, 180, 70, 6, 1);
  paint(165, 175, 25, 3, 0);
  paint(165, 175, 6, 0, 1);
  paint(360, 300, 45, 4, 1);
  paint(250, 420, 20, 2, 1);
  return { width: SIZE, height: SIZE, data };
}

function time(label, iterations, run) {
  for (let i = 0; i < Math.min(20, iterations); i++) run();
  const start = performance.now();
  for (let i = 0; i < iterations; i++) run();
  const us = ((performance.now() - start) * 1000) / iterations;
  return { label, us };
}

const mask = tumours();
const corner = toPolygons(mask, { target: "pycocotools", parts: "bridge" });
const centre = toPolygons(mask, { target: "fillpoly", parts: "bridge" });
const rows = [
  time("traceBoundaries", 200, () => traceBoundaries(mask)),
  time("toPolygons pycocotools (bridge)", 200, () => toPolygons(mask, { target: "pycocotools", parts: "bridge" })),
  time("toPolygons pycocotools (separate)", 200, () => toPolygons(mask, { target: "pycocotools", parts: "separate" })),
  time("toPolygons fillpoly (bridge)", 200, () => toPolygons(mask, { target: "fillpoly", parts: "bridge" })),
  time("toPolygons fillpoly (separate)", 200, () => toPolygons(mask, { target: "fillpoly", parts: "separate" })),
  time("toPolygons pycocotools, tolerance 1", 20, () => toPolygons(mask, { target: "pycocotools", parts: "bridge", tolerance: 1 })),
  time("rasterizePolygons pycocotools", 200, () => rasterizePolygons(corner, "pycocotools", SIZE, SIZE)),
  time("rasterizePolygons fillpoly", 200, () => rasterizePolygons(centre, "fillpoly", SIZE, SIZE)),
  time("encodeCocoRle", 200, () => encodeCocoRle(mask, { x: 0, y: 0 }, SIZE, SIZE)),
];
// Exporters work on instance crops: the same three tumours cut to their boxes.
const crops = traceBoundaries(mask)
  .filter((ring) => !ring.hole && ring.parent === -1)
  .map((ring) => {
    const xs = ring.points.map((p) => p[0]);
    const ys = ring.points.map((p) => p[1]);
    const x0 = Math.min(...xs);
    const y0 = Math.min(...ys);
    const width = Math.max(...xs) - x0;
    const height = Math.max(...ys) - y0;
    const data = new Uint8Array(width * height);
    for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data[y * width + x] = mask.data[(y + y0) * SIZE + x + x0];
    return { width, height, data };
  });
const perCrops = (label, run) => time(`${label}, 3 crops`, 200, () => crops.forEach(run));
rows.push(
  perCrops("toPolygons pycocotools", (c) => toPolygons(c, { target: "pycocotools", parts: "bridge" })),
  perCrops("toPolygons fillpoly", (c) => toPolygons(c, { target: "fillpoly", parts: "bridge" })),
  perCrops("toPolygons + polygonFidelity pycocotools", (c) => polygonFidelity(c, toPolygons(c, { target: "pycocotools", parts: "bridge" }), "pycocotools")),
  perCrops("toPolygons + polygonFidelity fillpoly", (c) => polygonFidelity(c, toPolygons(c, { target: "fillpoly", parts: "bridge" }), "fillpoly")),
  perCrops("encodeCocoRle", (c) => encodeCocoRle(c, { x: 0, y: 0 }, SIZE, SIZE)),
);
const area = mask.data.reduce((sum, v) => sum + v, 0);
const vertices = (rings) => rings.reduce((n, r) => n + r.length, 0);
const simple = toPolygons(mask, { target: "pycocotools", parts: "bridge", tolerance: 1 });
console.log(`512×512 mask, ${area} px in 3 parts (one with a hole and an island); crops ${crops.map((c) => `${c.width}×${c.height}`).join(", ")}`);
console.log(`vertices: pycocotools ${vertices(corner)}, fillpoly ${vertices(centre)}, pycocotools tolerance 1: ${vertices(simple)}`);
console.log(`fidelity: pycocotools ${JSON.stringify(polygonFidelity(mask, corner, "pycocotools"))}, fillpoly bridge ${JSON.stringify(polygonFidelity(mask, centre, "fillpoly"))}, tolerance 1 ${JSON.stringify(polygonFidelity(mask, simple, "pycocotools"))}`);
console.log("");
console.log("| step | µs per mask |");
console.log("|---|---:|");
for (const { label, us } of rows) console.log(`| ${label} | ${us.toFixed(0)} |`);
