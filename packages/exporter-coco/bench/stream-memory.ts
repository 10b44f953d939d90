// Peak memory of a COCO export as the annotation count grows: synthetic 512×512 samples with
// 10 disc-shaped instances each, made on demand (the input holds no pixels), written to a
// byte counter (as the CLI streams to disk), with spools on disk as the CLI keeps them. Usage:
//   node --conditions=source --expose-gc --import ./bench/ts-loader.mjs bench/stream-memory.ts [instances] [order] [segmentation]
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { contentsToBytes, runExport, type Dataset, type Instance, type Sample } from "@maskport/core";
import { fileSpools } from "@maskport/core/node";
import { cocoExporter } from "../src/coco-exporter.ts";
import type { CocoExportOptions } from "../src/coco-options.ts";

const total = Number(process.argv[2] ?? 20_000);
const order = (process.argv[3] ?? "streaming") as CocoExportOptions["order"];
const segmentation = (process.argv[4] ?? "rle") as CocoExportOptions["segmentation"];
const PER_SAMPLE = 10;
const SIZE = 512;

function disc(cx: number, cy: number, r: number, id: number): Instance {
  const side = 2 * r + 1;
  const data = new Uint8Array(side * side);
  let area = 0;
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      if ((x - r) ** 2 + (y - r) ** 2 <= r * r) {
        data[y * side + x] = 1;
        area++;
      }
    }
  }
  return { label: 1, instanceId: id, bbox: { x: cx - r, y: cy - r, width: side, height: side }, area, bitmap: { width: side, height: side, data } };
}

const samples = Math.ceil(total / PER_SAMPLE);
const dataset: Dataset<number> = {
  labelmap: {
    labels: [
      { id: 0, name: "background", color: [0, 0, 0], parts: [], actions: [] },
      { id: 1, name: "tumor", color: [250, 50, 83], parts: [], actions: [] },
    ],
    backgroundId: 0,
    dialect: "cvat",
  },
  subsets: ["default"],
  size: samples,
  async *refs() {
    for (let i = 0; i < samples; i++) yield i;
  },
  async load(i): Promise<Sample> {
    const instances: Instance[] = [];
    for (let k = 0; k < PER_SAMPLE && i * PER_SAMPLE + k < total; k++) {
      instances.push(disc(40 + 45 * k, 60 + ((i * 37 + k * 53) % 380), 12 + ((i + k) % 25), k + 1));
    }
    return { id: `scans/slice${String(i).padStart(6, "0")}`, subset: "default", width: SIZE, height: SIZE, instances };
  },
};

const options: CocoExportOptions = { segmentation, counts: "compressed", iscrowd: "keep", cvatCompatible: false, tolerance: 0, parts: "bridge", onLossy: "rle", order, imageExtension: "png" };
const gc = (globalThis as { gc?: () => void }).gc;
gc?.();
const baseline = process.memoryUsage();
let peakHeap = baseline.heapUsed;
let peakRss = baseline.rss;
let bytes = 0;
let chunks = 0;
const started = performance.now();
const spoolRoot = mkdtempSync(join(tmpdir(), "maskport-coco-bench-"));
const spools = fileSpools(join(spoolRoot, "spool"));
for await (const file of runExport(dataset, cocoExporter, options, { spool: () => spools.spool() })) {
  if (!("contents" in file)) continue;
  if (typeof file.contents === "string" || file.contents instanceof Uint8Array) {
    bytes += (await contentsToBytes(file.contents)).length;
    continue;
  }
  for await (const chunk of file.contents) {
    bytes += typeof chunk === "string" ? Buffer.byteLength(chunk) : chunk.length;
    if (++chunks % 8 === 0) {
      // Live memory: collect garbage first, so the figure is what the writer holds.
      gc?.();
      const now = process.memoryUsage();
      peakHeap = Math.max(peakHeap, now.heapUsed);
      peakRss = Math.max(peakRss, now.rss);
    }
  }
}
spools.dispose();
rmSync(spoolRoot, { recursive: true, force: true });
gc?.();
const end = process.memoryUsage();
peakHeap = Math.max(peakHeap, end.heapUsed);
peakRss = Math.max(peakRss, end.rss);
const mb = (n: number): string => (n / 2 ** 20).toFixed(1);
console.log(
  `${total} instances (${samples} samples, order ${order}, ${segmentation}): ${mb(bytes)} MiB JSON in ${((performance.now() - started) / 1000).toFixed(1)} s; ` +
    `peak live heap ${mb(peakHeap)} MiB (baseline ${mb(baseline.heapUsed)}, +${mb(peakHeap - baseline.heapUsed)}), peak RSS ${mb(peakRss)} MiB (baseline ${mb(baseline.rss)})`,
);
