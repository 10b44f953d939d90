// CVAT inputs keep their frame names (extension and sub-folders), images on disk or not, and
// CVAT outputs say once that they drop crowd flags. Inputs are hand-written XML and samples.
import { mkdir, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { collectFiles, memoryDataset, resolveOptions, runExport, type Dataset, type Diagnostic, type Exporter, type FragmentBase, type Sample } from "@maskport/core";
import { bitmapFromRows, makeInstance, makeLabelmap, makeSample } from "@maskport/core/testing";
import { describe, expect, it } from "vitest";
import { cvatExporter } from "./cvat-exporter.ts";
import { cvatImporter } from "./cvat-importer.ts";
import { maskExporter } from "./mask-exporter.ts";

/** Two frames named with .jpg/.JPEG and a sub-folder, each with FORMATS.md §3.4's mask. */
const XML = `<?xml version="1.0" encoding="utf-8"?>
<annotations>
  <version>1.1</version>
  <meta><task><id>7</id><name>t</name><subset>default</subset><labels><label><name>tumor</name><color>#fa3253</color><type>mask</type></label></labels></task><dumped>x</dumped></meta>
  <image id="0" name="scans/Y1.jpg" width="4" height="3"><mask label="tumor" source="manual" occluded="0" rle="0, 2, 1, 3, 1, 1, 1" left="1" top="0" width="3" height="3" z_order="0"></mask></image>
  <image id="1" name="Y2.JPEG" width="4" height="3"></image>
</annotations>
`;

/** A folder with annotations.xml and the given raw images (path below the folder). */
async function cvatFolder(images: readonly string[] = []): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), "maskport-cvat-keep-"));
  await writeFile(join(root, "annotations.xml"), XML);
  for (const image of images) {
    await mkdir(join(root, image, ".."), { recursive: true });
    await writeFile(join(root, image), "jpeg bytes");
  }
  return root;
}

async function convert<O extends object, F extends FragmentBase>(dataset: Dataset, exporter: Exporter<O, F>) {
  const diagnostics: Diagnostic[] = [];
  const files = await collectFiles(runExport(dataset, exporter, resolveOptions(exporter.name, exporter.options, {}), { onDiagnostic: (d) => diagnostics.push(d) }));
  const xml = files.get("annotations.xml");
  return { files, diagnostics, xml: xml instanceof Uint8Array ? new TextDecoder().decode(xml) : "" };
}

describe("CVAT → CVAT keeps frame names", () => {
  it("sets imageName from <image name>, found or not", async () => {
    const root = await cvatFolder(["images/scans/Y1.jpg"]);
    const dataset = await cvatImporter.read(root, {}, { report: () => {} });
    const samples: Sample[] = [];
    for await (const ref of dataset.refs()) samples.push(await dataset.load(ref));
    expect(samples.map((s) => [s.id, s.imageName, s.image?.fileName])).toEqual([
      ["scans/Y1", "scans/Y1.jpg", "scans/Y1.jpg"],
      ["Y2", "Y2.JPEG", undefined],
    ]);
  });

  it("writes every frame under its input name and copies only the image on disk", async () => {
    const root = await cvatFolder(["images/scans/Y1.jpg"]);
    const out = await convert(await cvatImporter.read(root, {}, { report: () => {} }), cvatExporter);
    expect(out.xml).toContain('<image id="0" name="scans/Y1.jpg" width="4" height="3">');
    expect(out.xml).toContain('<image id="1" name="Y2.JPEG" width="4" height="3">');
    expect([...out.files.keys()]).toEqual(["annotations.xml", "images/scans/Y1.jpg"]);
  });

  it("writes the input names when no image is on disk", async () => {
    const out = await convert(await cvatImporter.read(await cvatFolder(), {}, { report: () => {} }), cvatExporter);
    expect([...out.xml.matchAll(/<image id="\d+" name="([^"]*)"/g)].map((m) => m[1])).toEqual(["scans/Y1.jpg", "Y2.JPEG"]);
    expect([...out.files.keys()]).toEqual(["annotations.xml"]);
  });
});

describe("crowd flags: CVAT XML and Segmentation mask have none", () => {
  const crowd = (id: string) => makeSample({ id, width: 4, height: 3, instances: [makeInstance(bitmapFromRows([".##.", ".###", "..#."]), { label: 1 }), { ...makeInstance(bitmapFromRows(["#"]), { label: 1, instanceId: 2 }), crowd: true }] });
  const labelmap = makeLabelmap(["background", "tumor"]);

  it.each([
    ["cvat", cvatExporter as Exporter<object, FragmentBase>, "CVAT for images XML has no crowd flag"],
    ["mask", maskExporter as Exporter<object, FragmentBase>, "Segmentation mask 1.1 has no crowd flag"],
  ] as const)("%s writes crowds as ordinary instances and says so once, with the count", async (_name, exporter, why) => {
    const out = await convert(memoryDataset(labelmap, [crowd("a"), crowd("b")]), exporter);
    expect(out.diagnostics.filter((d) => d.code === "CROWD_FLAG_CHANGED").map((d) => [d.severity, d.plugin, d.message])).toEqual([
      ["info", exporter.name, `2 crowd instance(s) (COCO iscrowd 1 in the input) written as ordinary instances: ${why}`],
    ]);
    const plain = await convert(memoryDataset(labelmap, [makeSample({ id: "c", width: 4, height: 3, instances: [makeInstance(bitmapFromRows(["#"]), { label: 1 })] })]), exporter);
    expect(plain.diagnostics).toEqual([]);
  });
});
