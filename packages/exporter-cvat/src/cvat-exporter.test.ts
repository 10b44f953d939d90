import { collectFiles, memoryDataset, runExport, type Diagnostic, type Labelmap, type Sample } from "@maskport/core";
import { bitmapFromRows, makeInstance, makeLabelmap, makeSample } from "@maskport/core/testing";
import { describe, expect, it } from "vitest";
import { cvatExporter, type CvatExporterOptions } from "./cvat-exporter.ts";

const defaults: CvatExporterOptions = {
  shapes: "mask",
  complex: "mask",
  tolerance: 0,
  taskName: "maskport",
  timestamp: "1970-01-01 00:00:00+00:00",
  saveImages: true,
};

async function exportXml(labelmap: Labelmap, samples: Sample[], options: Partial<CvatExporterOptions> = {}) {
  const diagnostics: Diagnostic[] = [];
  const files = await collectFiles(runExport(memoryDataset(labelmap, samples), cvatExporter, { ...defaults, ...options }, { onDiagnostic: (d) => diagnostics.push(d) }));
  const xml = files.get("annotations.xml");
  if (!(xml instanceof Uint8Array)) throw new Error("no annotations.xml");
  return { xml: new TextDecoder().decode(xml), files, diagnostics };
}

/** The FORMATS.md §2.7/§3.4 mask: h=3, w=4, rows 0110 / 0111 / 0010. */
const worked = makeSample({
  id: "worked",
  width: 4,
  height: 3,
  instances: [makeInstance(bitmapFromRows([".##.", ".###", "..#."]), { label: 1 })],
});

describe("cvat exporter: <mask> RLE (hand-computed)", () => {
  it("writes FORMATS.md §3.4's worked example exactly", async () => {
    const { xml } = await exportXml(makeLabelmap(["background", "tumor"]), [worked]);
    expect(xml).toContain(
      '\n    <mask label="tumor" source="manual" occluded="0" rle="0, 2, 1, 3, 1, 1, 1" left="1" top="0" width="3" height="3" z_order="0"></mask>\n',
    );
  });

  it.each([
    // rows of the instance crop, where it sits, and the runs counted by hand
    [["###", "###"], 2, 1, "0, 6"],
    [["#"], 0, 0, "0, 1"],
    [[".#", "#."], 5, 4, "1, 2, 1"],
    [["#.#", "...", "#.#"], 1, 1, "0, 1, 1, 1, 3, 1, 1, 1"],
    [["##", ".#"], 0, 2, "0, 2, 1, 1"],
  ])("crop %j at (%i, %i) → rle %s", async (rows, x, y, rle) => {
    const instance = makeInstance(bitmapFromRows(rows), { x, y, label: 1 });
    const { xml } = await exportXml(makeLabelmap(["background", "tumor"]), [makeSample({ width: 8, height: 8, instances: [instance] })]);
    const width = rows[0]?.length ?? 0;
    expect(xml).toContain(`rle="${rle}" left="${x}" top="${y}" width="${width}" height="${rows.length}" z_order="0"`);
  });
});

describe("cvat exporter: file framing", () => {
  it("streams the header, one chunk per <image>, then the footer", async () => {
    const samples = [worked, makeSample({ id: "empty", width: 5, height: 6 }), makeSample({ id: "c/d", width: 2, height: 2 })];
    const stream = runExport(memoryDataset(makeLabelmap(["background", "tumor"]), samples), cvatExporter, defaults);
    const chunks: string[] = [];
    for await (const file of stream) {
      if (file.path !== "annotations.xml" || !("contents" in file) || typeof file.contents === "string" || file.contents instanceof Uint8Array) continue;
      for await (const chunk of file.contents) chunks.push(typeof chunk === "string" ? chunk : new TextDecoder().decode(chunk));
    }
    expect(chunks).toHaveLength(5);
    expect(chunks[0]?.startsWith('<?xml version="1.0" encoding="utf-8"?>\n<annotations>\n  <version>1.1</version>\n  <meta>\n')).toBe(true);
    expect(chunks[1]?.startsWith('  <image id="0" name="worked.png" width="4" height="3">\n')).toBe(true);
    expect(chunks[2]).toBe('  <image id="1" name="empty.png" width="5" height="6"></image>\n');
    expect(chunks[3]).toBe('  <image id="2" name="c/d.png" width="2" height="2"></image>\n');
    expect(chunks[4]).toBe("</annotations>\n");
  });

  it("lists labels with #rrggbb colours and type mask, without the background label", async () => {
    const labelmap: Labelmap = {
      labels: [
        { id: 0, name: "background", color: [0, 0, 0], parts: [], actions: [] },
        { id: 1, name: "tumor", color: [250, 50, 83], parts: [], actions: [] },
        { id: 2, name: "edema", color: [1, 2, 255], parts: [], actions: [] },
      ],
      backgroundId: 0,
      dialect: "cvat",
    };
    const { xml } = await exportXml(labelmap, []);
    expect(xml).toContain(
      [
        "      <labels>",
        "        <label>",
        "          <name>tumor</name>",
        "          <color>#fa3253</color>",
        "          <type>mask</type>",
        "          <attributes></attributes>",
        "        </label>",
        "        <label>",
        "          <name>edema</name>",
        "          <color>#0102ff</color>",
      ].join("\n"),
    );
    expect(xml).not.toContain("<name>background</name>");
  });

  it("uses the timestamp and task name options and nothing time-dependent", async () => {
    const { xml } = await exportXml(makeLabelmap(["background", "tumor"]), [], { timestamp: "2024-05-06 07:08:09+00:00", taskName: "scans" });
    expect(xml).toContain("<name>scans</name>");
    expect(xml.match(/2024-05-06 07:08:09\+00:00/g)).toHaveLength(3);
    const again = await exportXml(makeLabelmap(["background", "tumor"]), [], { timestamp: "2024-05-06 07:08:09+00:00", taskName: "scans" });
    expect(again.xml).toBe(xml);
  });

  it("names images by their raw file (sub-folders kept) and copies them into images/", async () => {
    const sample: Sample = { ...makeSample({ id: "scans/Y1", width: 3, height: 3 }), image: { path: "/data/scans/Y1.jpg", fileName: "scans/Y1.jpg" } };
    const { xml, files } = await exportXml(makeLabelmap(["background", "tumor"]), [sample]);
    expect(xml).toContain('<image id="0" name="scans/Y1.jpg" width="3" height="3">');
    expect(files.get("images/scans/Y1.jpg")).toEqual({ copyFrom: "/data/scans/Y1.jpg" });
    const without = await exportXml(makeLabelmap(["background", "tumor"]), [sample], { saveImages: false });
    expect([...without.files.keys()]).toEqual(["annotations.xml"]);
  });

  it("writes the subset of each image when the dataset has several", async () => {
    const samples = [makeSample({ id: "a", subset: "train", width: 2, height: 2 }), makeSample({ id: "b", subset: "val", width: 2, height: 2 })];
    const { xml } = await exportXml(makeLabelmap(["background", "tumor"]), samples);
    expect(xml).toContain('<image id="0" name="a.png" subset="train" width="2" height="2">');
    expect(xml).toContain('<image id="1" name="b.png" subset="val" width="2" height="2">');
  });

  it("reports and skips empty, background and unknown-label instances", async () => {
    const sample = makeSample({
      width: 4,
      height: 4,
      instances: [
        makeInstance(bitmapFromRows(["#"]), { label: 0, instanceId: 1 }),
        makeInstance(bitmapFromRows(["#"]), { label: 7, instanceId: 2 }),
        makeInstance(bitmapFromRows(["."]), { label: 1, instanceId: 3 }),
        makeInstance(bitmapFromRows(["#"]), { label: 1, instanceId: 4, x: 2 }),
      ],
    });
    const { xml, diagnostics } = await exportXml(makeLabelmap(["background", "tumor"]), [sample]);
    expect(xml.match(/<mask /g)).toHaveLength(1);
    expect(diagnostics.map((d) => [d.code, d.instanceId])).toEqual([
      ["INSTANCE_DROPPED", 1],
      ["INSTANCE_DROPPED", 2],
      ["INSTANCE_DROPPED", 3],
    ]);
  });

  it("refuses a label name XML cannot carry, naming it", async () => {
    await expect(exportXml(makeLabelmap(["background", "bad\u0001name"]), [])).rejects.toMatchObject({ code: "LABELMAP_MALFORMED", message: expect.stringContaining("bad\\u0001name") });
  });
});
