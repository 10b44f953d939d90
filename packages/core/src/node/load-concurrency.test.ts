import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import type { Sample } from "../types.ts";
import { readMaskDataset, type MaskRef } from "./read-dataset.ts";

const example = fileURLToPath(new URL("../../../../examples/mri-brain-tumor/segmentation_mask/", import.meta.url));

function summary(sample: Sample): unknown {
  return {
    id: sample.id,
    size: [sample.width, sample.height],
    instances: sample.instances.map((i) => ({ label: i.label, id: i.instanceId, bbox: i.bbox, area: i.area, bits: Array.from(i.bitmap.data).join("") })),
  };
}

describe("readMaskDataset load() with reused decode buffers", () => {
  it("gives every sample the same instances whether loads run one at a time or all at once", async () => {
    const dataset = await readMaskDataset(example);
    const refs: MaskRef[] = [];
    for await (const ref of dataset.refs()) refs.push(ref);
    expect(refs.length).toBeGreaterThan(5);
    const sequential: unknown[] = [];
    for (const ref of refs) sequential.push(summary(await dataset.load(ref)));
    const concurrent = (await Promise.all(refs.map((ref) => dataset.load(ref)))).map(summary);
    expect(concurrent).toEqual(sequential);
    // Interleaved the other way round too (later samples start first).
    const reversed = (await Promise.all([...refs].reverse().map((ref) => dataset.load(ref)))).map(summary).reverse();
    expect(reversed).toEqual(sequential);
  });
});
