import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Dataset, Diagnostic, Instance, Sample } from "@maskport/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cvatImporter, readCvatXml } from "./cvat-importer.ts";

function xml(images: string, labels = `<label><name>tumor</name><color>#fa3253</color><type>mask</type></label><label><name>edema</name><color>#00ff00</color><type>any</type></label>`): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<annotations>
  <version>1.1</version>
  <meta><task><id>7</id><name>t</name><subset>default</subset><labels>${labels}</labels></task><dumped>x</dumped></meta>
${images}
</annotations>
`;
}

async function load(text: string, file = "/in/annotations.xml"): Promise<{ samples: Sample[]; diagnostics: Diagnostic[]; dataset: Dataset<number> }> {
  const diagnostics: Diagnostic[] = [];
  const dataset = readCvatXml(text, file, { report: (d) => diagnostics.push(d) });
  const samples: Sample[] = [];
  for await (const ref of dataset.refs()) samples.push(await dataset.load(ref));
  return { samples, diagnostics, dataset };
}

function rows(instance: Instance): string[] {
  const { width, height, data } = instance.bitmap;
  return Array.from({ length: height }, (_, y) => Array.from(data.subarray(y * width, (y + 1) * width), (v) => (v ? "#" : ".")).join(""));
}

describe("cvat importer: <mask>", () => {
  it("decodes FORMATS.md §3.4's worked example", async () => {
    const { samples } = await load(
      xml(`<image id="0" name="scans/Y1.jpg" width="4" height="3"><mask label="tumor" source="manual" occluded="0" rle="0, 2, 1, 3, 1, 1, 1" left="1" top="0" width="3" height="3" z_order="0"></mask></image>`),
    );
    const [sample] = samples;
    expect(sample).toMatchObject({ id: "scans/Y1", subset: "default", width: 4, height: 3 });
    expect(sample?.instances).toHaveLength(1);
    const instance = sample?.instances[0] as Instance;
    expect(instance).toMatchObject({ label: 1, instanceId: 1, area: 6, bbox: { x: 1, y: 0, width: 3, height: 3 } });
    expect(rows(instance)).toEqual(["##.", "###", ".#."]);
  });

  it("tolerates non-tight boxes and a zero-length first run, cropping to the tight box", async () => {
    // Box 5×4 at (2,1), rows ..... / .##.. / .#... / ..... → runs 6, 2, 3, 1, 8 (Σ 20), written
    // with a zero-length 0-run and 1-run in front, as some real exports have.
    const { samples } = await load(
      xml(`<image id="0" name="a.png" width="10" height="10"><mask label="edema" source="manual" occluded="0" rle="0, 0, 6, 2, 3, 1, 8" left="2" top="1" width="5" height="4" z_order="0"></mask></image>`),
    );
    const instance = samples[0]?.instances[0] as Instance;
    expect(instance).toMatchObject({ label: 2, area: 3, bbox: { x: 3, y: 2, width: 2, height: 2 } });
    expect(rows(instance)).toEqual(["##", "#."]);
  });

  it("refuses runs that do not sum to width·height, naming file and image", async () => {
    const text = xml(`<image id="4" name="b.png" width="10" height="10"><mask label="tumor" rle="0, 2, 1" left="0" top="0" width="2" height="2"></mask></image>`);
    await expect(load(text, "/data/annotations.xml")).rejects.toMatchObject({
      code: "INVALID_MASK",
      message: expect.stringMatching(/\/data\/annotations\.xml.*image "b\.png" \(id 4\).*sum to 3.*2×2 = 4/),
    });
  });

  it("refuses a non-numeric run", async () => {
    const text = xml(`<image id="0" name="b.png" width="10" height="10"><mask label="tumor" rle="0, x, 1" left="0" top="0" width="1" height="1"></mask></image>`);
    await expect(load(text)).rejects.toMatchObject({ code: "INVALID_MASK", message: expect.stringContaining('RLE value 2 is "x"') });
  });

  it("clips a box reaching outside the image, saying how many set pixels were outside", async () => {
    const { samples, diagnostics } = await load(xml(`<image id="0" name="c.png" width="3" height="2"><mask label="tumor" rle="0, 8" left="1" top="0" width="4" height="2"></mask></image>`));
    expect(samples[0]?.instances[0]).toMatchObject({ area: 4, bbox: { x: 1, y: 0, width: 2, height: 2 } });
    // Box columns 2 and 3 (image x 3, 4) lie right of the 3-px-wide image: 2 columns × 2 rows.
    expect(diagnostics).toMatchObject([{ severity: "warning", code: "MASK_MODIFIED", message: expect.stringContaining("4 set pixel(s) outside the 3×2 image") }]);
  });

  it("says nothing when only unset pixels of the box lie outside the image", async () => {
    const { samples, diagnostics } = await load(xml(`<image id="0" name="c.png" width="3" height="2"><mask label="tumor" rle="0, 2, 2, 2, 2" left="1" top="0" width="4" height="2"></mask></image>`));
    expect(samples[0]?.instances[0]).toMatchObject({ area: 4, bbox: { x: 1, y: 0, width: 2, height: 2 } });
    expect(diagnostics).toEqual([]);
  });
});

describe("cvat importer: groups, order and skipped shapes", () => {
  it("merges shapes sharing a non-zero group_id into one instance with the largest member's label", async () => {
    const { samples } = await load(
      xml(`<image id="0" name="g.png" width="6" height="2">
        <mask label="tumor" rle="0, 1" left="0" top="0" width="1" height="1" z_order="0" group_id="3"></mask>
        <mask label="edema" rle="0, 4" left="2" top="0" width="2" height="2" z_order="0"></mask>
        <mask label="edema" rle="0, 2" left="4" top="1" width="2" height="1" z_order="0" group_id="3"></mask>
      </image>`),
    );
    const instances = samples[0]?.instances ?? [];
    expect(instances.map((i) => [i.instanceId, i.label, i.area, i.bbox.x, i.bbox.width])).toEqual([
      [1, 2, 3, 0, 6],
      [2, 2, 4, 2, 2],
    ]);
    expect(rows(instances[0] as Instance)).toEqual(["#.....", "....##"]);
  });

  it("orders instances stably by z_order, as CVAT paints them", async () => {
    const { samples } = await load(
      xml(`<image id="0" name="z.png" width="4" height="1">
        <mask label="tumor" rle="0, 1" left="0" top="0" width="1" height="1" z_order="2"></mask>
        <mask label="tumor" rle="0, 1" left="1" top="0" width="1" height="1" z_order="0"></mask>
        <mask label="edema" rle="0, 1" left="2" top="0" width="1" height="1" z_order="2"></mask>
        <mask label="edema" rle="0, 1" left="3" top="0" width="1" height="1"></mask>
      </image>`),
    );
    expect(samples[0]?.instances.map((i) => i.bbox.x)).toEqual([1, 3, 0, 2]);
  });

  it("reports each skipped shape kind once per image", async () => {
    const { samples, diagnostics } = await load(
      xml(`<image id="0" name="s.png" width="4" height="4">
        <box label="tumor" xtl="0" ytl="0" xbr="1" ybr="1"></box><box label="tumor" xtl="0" ytl="0" xbr="2" ybr="2"></box>
        <points label="tumor" points="1,1"></points><tag label="tumor"></tag><polyline label="tumor" points="0,0;1,1"></polyline>
        <mask label="tumor" rle="0, 1" left="0" top="0" width="1" height="1"></mask>
      </image><image id="1" name="t.png" width="4" height="4"><ellipse label="tumor" cx="1" cy="1" rx="1" ry="1"></ellipse></image>`),
    );
    expect(samples.map((s) => s.instances.length)).toEqual([1, 0]);
    const skipped = diagnostics.filter((d) => d.code === "SHAPE_SKIPPED").map((d) => [d.sampleId, /<(\w+)>/.exec(d.message)?.[1], /(\d+) </.exec(d.message)?.[1]]);
    expect(skipped).toEqual([
      ["s", "box", "2"],
      ["s", "points", "1"],
      ["s", "tag", "1"],
      ["s", "polyline", "1"],
      ["t", "ellipse", "1"],
    ]);
  });

  it("reports shapes with an undeclared label and skips them", async () => {
    const { samples, diagnostics } = await load(xml(`<image id="0" name="u.png" width="2" height="2"><mask label="ghost" rle="0, 1" left="0" top="0" width="1" height="1"></mask></image>`));
    expect(samples[0]?.instances).toEqual([]);
    expect(diagnostics).toMatchObject([{ code: "INSTANCE_DROPPED", message: expect.stringContaining('"ghost"') }]);
  });
});

describe("cvat importer: labelmap", () => {
  it("adds background 0,0,0 first when no label is named background, as CVAT's make_colormap does", async () => {
    const { dataset } = await load(xml(""));
    expect(dataset.labelmap.labels.map((l) => [l.id, l.name, l.color])).toEqual([
      [0, "background", [0, 0, 0]],
      [1, "tumor", [250, 50, 83]],
      [2, "edema", [0, 255, 0]],
    ]);
    expect(dataset.labelmap.backgroundId).toBe(0);
  });

  it("keeps a declared background and its colour", async () => {
    const { dataset } = await load(xml("", `<label><name>Tumor</name><color>#ff007c</color></label><label><name>background</name><color>#102030</color></label>`));
    expect(dataset.labelmap.labels.map((l) => [l.id, l.name, l.color])).toEqual([
      [0, "Tumor", [255, 0, 124]],
      [1, "background", [16, 32, 48]],
    ]);
    expect(dataset.labelmap.backgroundId).toBe(1);
  });

  it("decodes escaped names (&amp; &lt; quotes, newline references, non-ASCII)", async () => {
    const { dataset } = await load(xml("", `<label><name>a &amp; &lt;b&gt; &quot;c&quot; &#10;d 肿瘤</name><color>#010203</color></label>`));
    expect(dataset.labelmap.labels[1]?.name).toBe('a & <b> "c" \nd 肿瘤');
  });

  it("refuses duplicate names and bad colours", async () => {
    await expect(load(xml("", `<label><name>x</name><color>#000001</color></label><label><name>x</name><color>#000002</color></label>`))).rejects.toMatchObject({
      code: "LABELMAP_DUPLICATE_NAME",
    });
    await expect(load(xml("", `<label><name>x</name><color>red</color></label>`))).rejects.toMatchObject({ code: "LABELMAP_BAD_COLOR", message: expect.stringContaining('"red"') });
  });
});

describe("cvat importer: files", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "maskport-cvat-import-"));
    await mkdir(join(dir, "task", "images", "scans"), { recursive: true });
    await writeFile(
      join(dir, "task", "annotations.xml"),
      xml(`<image id="0" name="scans/Y1.jpg" width="2" height="2"><mask label="tumor" rle="0, 1" left="0" top="0" width="1" height="1"></mask></image>`),
    );
    await writeFile(join(dir, "task", "images", "scans", "Y1.jpg"), "jpeg");
    await mkdir(join(dir, "raw", "deep"), { recursive: true });
    await writeFile(join(dir, "raw", "deep", "Y7.png"), "png");
    await writeFile(
      join(dir, "elsewhere.xml"),
      xml(`<image id="0" name="scans/Y7.jpg" width="2" height="2"></image><image id="1" name="scans/Y8.jpg" width="2" height="2"></image>`),
    );
    await writeFile(join(dir, "broken.xml"), "<annotations><image></annotations>");
    await writeFile(join(dir, "other.xml"), "<root/>");
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("detects the XML file and the folder holding it, and nothing else", async () => {
    expect(await cvatImporter.detect(join(dir, "task"))).toBe(true);
    expect(await cvatImporter.detect(join(dir, "task", "annotations.xml"))).toBe(true);
    expect(await cvatImporter.detect(join(dir, "other.xml"))).toBe(false);
    expect(await cvatImporter.detect(join(dir, "missing"))).toBe(false);
    expect(await cvatImporter.detect(dir)).toBe(false);
  });

  it("reads a folder and finds raw images under images/", async () => {
    const dataset = await cvatImporter.read(join(dir, "task"), {}, { report: () => {} });
    const sample = await dataset.load(0);
    expect(sample.image).toEqual({ path: join(dir, "task", "images", "scans", "Y1.jpg"), fileName: "scans/Y1.jpg" });
  });

  it("finds raw images in --images by path or unique stem, whatever the extension", async () => {
    const dataset = await cvatImporter.read(join(dir, "elsewhere.xml"), {}, { images: join(dir, "raw"), report: () => {} });
    expect((await dataset.load(0)).image).toEqual({ path: join(dir, "raw", "deep", "Y7.png"), fileName: "deep/Y7.png" });
    expect((await dataset.load(1)).image).toBeUndefined();
  });

  it("refuses malformed XML naming the file and line", async () => {
    await expect(cvatImporter.read(join(dir, "broken.xml"), {}, { report: () => {} })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      message: expect.stringContaining("broken.xml:1"),
    });
    await expect(cvatImporter.read(join(dir, "nothing"), {}, { report: () => {} })).rejects.toMatchObject({ code: "INPUT_NOT_FOUND" });
  });
});

describe("cvat importer: <polygon> (pycocotools rasteriser)", () => {
  it("fills exactly the pixels a pixel-corner square covers (FORMATS.md §0)", async () => {
    const { samples } = await load(xml(`<image id="0" name="p.png" width="6" height="6"><polygon label="tumor" points="1.00,1.00;4.00,1.00;4.00,4.00;1.00,4.00" z_order="0"></polygon></image>`));
    expect(samples[0]?.instances[0]).toMatchObject({ area: 9, bbox: { x: 1, y: 1, width: 3, height: 3 } });
  });

  it("decodes FORMATS.md §2.7's outline to the worked-example pixels", async () => {
    const { samples } = await load(xml(`<image id="0" name="p.png" width="4" height="3"><polygon label="tumor" points="1,0;3,0;3,1;4,1;4,2;3,2;3,3;2,3;2,2;1,2"></polygon></image>`));
    const instance = samples[0]?.instances[0] as Instance;
    expect(instance.bbox).toEqual({ x: 1, y: 0, width: 3, height: 3 });
    expect(rows(instance)).toEqual(["##.", "###", ".#."]);
  });

  it("reports a polygon with fewer than 3 points", async () => {
    const { samples, diagnostics } = await load(xml(`<image id="0" name="p.png" width="4" height="3"><polygon label="tumor" points="1,0;3,0"></polygon></image>`));
    expect(samples[0]?.instances).toEqual([]);
    expect(diagnostics[0]?.message).toContain("2 point(s)");
  });
});
