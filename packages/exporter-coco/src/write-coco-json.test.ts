import { describe, expect, it } from "vitest";
import { collectFiles, resolveOptions, runExport, type Dataset, type Sample } from "@maskport/core";
import { cocoExporter } from "./coco-exporter.ts";
import { instanceFromFrame, labelmapOf, sampleOf, type CocoJson } from "./__fixtures__/samples.ts";

/** A dataset that makes its samples on demand and counts the loads. */
function countingDataset(count: number, subsetOf: (i: number) => string): Dataset<number> & { loads: number } {
  const width = 64;
  const height = 64;
  // Vertical stripes every other row: long RLE (one run per pixel), so each sample is several KiB of JSON.
  const frame = Uint8Array.from({ length: width * height }, (_, i) => (Math.floor(i / width) % 2 === 0 ? 1 : 0));
  const dataset = {
    labelmap: labelmapOf("tumor"),
    subsets: [...new Set(Array.from({ length: count }, (_, i) => subsetOf(i)))],
    loads: 0,
    async *refs() {
      for (let i = 0; i < count; i++) yield i;
    },
    async load(i: number): Promise<Sample> {
      dataset.loads++;
      return sampleOf(`img${i}`, width, height, [instanceFromFrame(frame, width, height, 1, 1, 1)!], subsetOf(i));
    },
  };
  return dataset;
}

const options = resolveOptions("coco", cocoExporter.options, {});

describe("writeCocoFiles streaming", () => {
  it("yields annotation chunks while samples are still being loaded", async () => {
    const dataset = countingDataset(300, () => "default");
    const files = runExport(dataset, cocoExporter, options)[Symbol.asyncIterator]();
    const first = (await files.next()).value!;
    expect(first.path).toBe("annotations/instances_default.json");
    if (!("contents" in first) || typeof first.contents === "string" || first.contents instanceof Uint8Array) throw new Error("expected streamed contents");
    const chunks = first.contents[Symbol.asyncIterator]();
    const header = (await chunks.next()).value as string;
    expect(header.endsWith('"annotations":[')).toBe(true);
    const loadsBefore = dataset.loads;
    const chunk = (await chunks.next()).value as string;
    expect(chunk.startsWith('{"id":1,"image_id":1,')).toBe(true);
    expect(loadsBefore).toBe(1);
    expect(dataset.loads).toBeLessThan(100);
  });

  it("numbers each subset's file on its own when subsets are interleaved", async () => {
    const subsetOf = (i: number): string => ["train", "val", "train", "test", "val"][i % 5]!;
    const dataset = countingDataset(23, subsetOf);
    const files = await collectFiles(runExport(dataset, cocoExporter, options));
    expect([...files.keys()]).toEqual(["annotations/instances_train.json", "annotations/instances_val.json", "annotations/instances_test.json"]);
    for (const subset of ["train", "val", "test"]) {
      const json = JSON.parse(new TextDecoder().decode(files.get(`annotations/instances_${subset}.json`) as Uint8Array)) as CocoJson;
      const expected = Array.from({ length: 23 }, (_, i) => i).filter((i) => subsetOf(i) === subset);
      expect(json.images.map((image) => [image.id, image.file_name])).toEqual(expected.map((i, k) => [k + 1, `img${i}.png`]));
      expect(json.annotations.map((a) => [a.id, a.image_id])).toEqual(expected.map((_, k) => [k + 1, k + 1]));
    }
  });

  it("still reads every fragment when the consumer skips a file's contents", async () => {
    const dataset = countingDataset(40, (i) => (i < 20 ? "train" : "val"));
    const paths: string[] = [];
    for await (const file of runExport(dataset, cocoExporter, options)) paths.push(file.path);
    expect(paths).toEqual(["annotations/instances_train.json", "annotations/instances_val.json"]);
    expect(dataset.loads).toBe(40);
  });
});
