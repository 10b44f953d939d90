import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as core from "@maskport/core";
import { bitmapFromRows, describeExporter, describeImporter, makeInstance, makeLabelmap, makeSample } from "@maskport/core/testing";
import { rmSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import plugins, { cvatExporter, cvatImporter, maskExporter } from "./index.ts";

// Instances with holes, several parts and overlaps, beside the suite's degenerate samples.
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

describe("the package's default export", () => {
  it("is the cvat exporter, the mask exporter and the cvat importer", () => {
    expect(core.validatePluginModule(plugins, "@maskport/exporter-cvat").map((p) => `${p.kind}:${p.name}`)).toEqual(["exporter:cvat", "exporter:mask", "importer:cvat"]);
  });
});

describeExporter(cvatExporter, { samples, labelmap });
describeExporter(maskExporter, { samples, labelmap });
describeExporter(cvatExporter, { samples, labelmap, options: { shapes: "polygon" } });
describeExporter(cvatExporter, { samples, labelmap, options: { shapes: "polygon", complex: "bridge", tolerance: 0.8 } });

const root = mkdtempSync(join(tmpdir(), "maskport-cvat-conformance-"));
const task = join(root, "task");
mkdirSync(task);
writeFileSync(
  join(task, "annotations.xml"),
  `<?xml version="1.0" encoding="utf-8"?>
<annotations>
  <version>1.1</version>
  <meta><task><id>1</id><labels><label><name>tumor</name><color>#fa3253</color><type>mask</type></label></labels></task></meta>
  <image id="0" name="a/one.png" width="4" height="3">
    <mask label="tumor" source="manual" occluded="0" rle="0, 2, 1, 3, 1, 1, 1" left="1" top="0" width="3" height="3" z_order="0"></mask>
    <box label="tumor" source="manual" occluded="0" xtl="0.00" ytl="0.00" xbr="1.00" ybr="1.00" z_order="0"></box>
  </image>
  <image id="1" name="two.png" width="2" height="2"></image>
</annotations>
`,
);
const badSum = join(root, "bad-sum.xml");
writeFileSync(badSum, `<annotations><version>1.1</version><image id="0" name="a.png" width="2" height="2"><mask label="background" rle="0, 1" left="0" top="0" width="2" height="2"></mask></image></annotations>`);
const malformed = join(root, "malformed.xml");
writeFileSync(malformed, `<annotations><version>1.1</version><image id="0" name="a.png"></annotations>`);
const noSize = join(root, "no-size.xml");
writeFileSync(noSize, `<annotations><version>1.1</version><image id="0" name="a.png"></image></annotations>`);

describeImporter(cvatImporter, { input: task, invalidInputs: [badSum, malformed, noSize] });
afterAll(() => rmSync(root, { recursive: true, force: true }));
