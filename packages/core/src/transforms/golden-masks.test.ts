import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { runTransform } from "../testing/check-transform.ts";
import { makeInstance, makeSample } from "../testing/make-sample.ts";
import { fillHoles } from "./fill-holes.ts";
import { largestComponent } from "./largest-component.ts";

// Component and hole counts in golden.json come from OpenCV (connectedComponents, findContours
// RETR_CCOMP), not from maskport: an independent check of what these transforms see.
const golden = new URL("../../../../fixtures/golden/", import.meta.url);
interface GoldenObject {
  value: number;
  area: number;
  components_8: number;
  holes: number;
}
const files = (
  JSON.parse(readFileSync(fileURLToPath(new URL("golden.json", golden)), "utf8")) as { files: { file: string; objects: GoldenObject[] }[] }
).files.flatMap(({ file, objects }) => objects.map((object) => ({ file, ...object })));

function maskOf(file: string, value: number): { width: number; height: number; data: Uint8Array } {
  const png = PNG.sync.read(readFileSync(fileURLToPath(new URL(file, golden))));
  const data = new Uint8Array(png.width * png.height);
  for (let i = 0; i < data.length; i++) data[i] = png.data[i * 4] === value ? 1 : 0;
  return { width: png.width, height: png.height, data };
}

describe("transforms on the golden masks", () => {
  it.each(files)("$file value $value: $components_8 parts (8-connected), $holes holes", ({ file, value, area, components_8: parts, holes }) => {
    const mask = maskOf(file, value);
    const instance = makeInstance(mask);
    expect(instance.area).toBe(area);
    const sample = makeSample({ width: mask.width, height: mask.height, instances: [instance] });

    const largest = runTransform(largestComponent, sample);
    if (parts === 1) expect(largest.diagnostics).toEqual([]);
    else expect(largest.diagnostics[0]?.message).toContain(`(${parts - 1} smaller part${parts === 2 ? "" : "s"})`);

    const filled = runTransform(fillHoles, sample);
    expect(filled.diagnostics).toHaveLength(holes > 0 ? 1 : 0);
    expect(filled.sample.instances[0]?.bbox).toEqual(instance.bbox);
  });
});
