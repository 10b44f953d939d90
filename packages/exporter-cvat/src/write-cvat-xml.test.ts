import { collectFiles, memoryDataset, runExport, type Labelmap } from "@maskport/core";
import { bitmapFromRows, makeInstance, makeSample } from "@maskport/core/testing";
import { DOMParser, type Element } from "@xmldom/xmldom";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { cvatExporter } from "./cvat-exporter.ts";

/**
 * A CVAT for images 1.1 file written by hand from FORMATS.md §3 and CVAT's dumper
 * (cvat/apps/dataset_manager/formats/cvat.py, bindings.py meta_for_task): the pixels are
 * §3.4's worked example, the second frame is empty. CVAT writes more task fields than
 * maskport can know (size, frames, segments, owner): maskport writes an ordered subset.
 */
const HAND_WRITTEN = `<?xml version="1.0" encoding="utf-8"?>
<annotations>
  <version>1.1</version>
  <meta>
    <task>
      <id>0</id>
      <name>maskport</name>
      <size>2</size>
      <mode>annotation</mode>
      <overlap>0</overlap>
      <bugtracker></bugtracker>
      <created>1970-01-01 00:00:00+00:00</created>
      <updated>1970-01-01 00:00:00+00:00</updated>
      <subset>default</subset>
      <start_frame>0</start_frame>
      <stop_frame>1</stop_frame>
      <frame_filter></frame_filter>
      <segments>
        <segment>
          <id>1</id>
          <start>0</start>
          <stop>1</stop>
          <url>http://localhost/api/jobs/1</url>
        </segment>
      </segments>
      <owner>
        <username>admin</username>
        <email></email>
      </owner>
      <assignee></assignee>
      <labels>
        <label>
          <name>tumor</name>
          <color>#fa3253</color>
          <type>mask</type>
          <attributes>
          </attributes>
        </label>
      </labels>
    </task>
    <dumped>1970-01-01 00:00:00+00:00</dumped>
  </meta>
  <image id="0" name="Y1.jpg" width="4" height="3">
    <mask label="tumor" source="manual" occluded="0" rle="0, 2, 1, 3, 1, 1, 1" left="1" top="0" width="3" height="3" z_order="0">
    </mask>
  </image>
  <image id="1" name="Y2.jpg" width="4" height="3">
  </image>
</annotations>
`;

const labelmap: Labelmap = {
  labels: [
    { id: 0, name: "background", color: [0, 0, 0], parts: [], actions: [] },
    { id: 1, name: "tumor", color: [250, 50, 83], parts: [], actions: [] },
  ],
  backgroundId: 0,
  dialect: "cvat",
};

async function exportText(lm: Labelmap, samples: Parameters<typeof memoryDataset>[1]): Promise<string> {
  const files = await collectFiles(
    runExport(memoryDataset(lm, samples), cvatExporter, {
      shapes: "mask",
      complex: "mask",
      tolerance: 0,
      taskName: "maskport",
      timestamp: "1970-01-01 00:00:00+00:00",
      saveImages: false,
    }),
  );
  return new TextDecoder().decode(files.get("annotations.xml") as Uint8Array);
}

function parseStrict(text: string): Element {
  const problems: string[] = [];
  const doc = new DOMParser({ onError: (level, message) => problems.push(`${level}: ${message}`) }).parseFromString(text, "text/xml");
  expect(problems).toEqual([]);
  return doc.documentElement as Element;
}

function elementChildren(element: Element): Element[] {
  const out: Element[] = [];
  for (let node = element.firstChild; node !== null; node = node.nextSibling) if (node.nodeType === 1) out.push(node as Element);
  return out;
}

/** Element names and attribute names in document order, as nested arrays. */
function shape(element: Element): unknown {
  const attributes: string[] = [];
  for (let i = 0; i < element.attributes.length; i++) attributes.push(element.attributes.item(i)?.name ?? "");
  return [element.tagName, attributes, elementChildren(element).map(shape)];
}

function child(element: Element, tag: string): Element {
  const found = elementChildren(element).find((e) => e.tagName === tag);
  if (found === undefined) throw new Error(`no <${tag}> in <${element.tagName}>`);
  return found;
}

const samples = [
  { ...makeSample({ id: "Y1", width: 4, height: 3, instances: [makeInstance(bitmapFromRows([".##.", ".###", "..#."]), { label: 1 })] }), image: { path: "/x/Y1.jpg", fileName: "Y1.jpg" } },
  { ...makeSample({ id: "Y2", width: 4, height: 3 }), image: { path: "/x/Y2.jpg", fileName: "Y2.jpg" } },
];

describe("cvat XML against a hand-written CVAT 1.1 file", () => {
  it("has the same elements and attribute names, in the same order, outside <task>", async () => {
    const ours = parseStrict(await exportText(labelmap, samples));
    const theirs = parseStrict(HAND_WRITTEN);
    expect(ours.tagName).toBe("annotations");
    expect(elementChildren(ours).map((e) => e.tagName)).toEqual(elementChildren(theirs).map((e) => e.tagName));
    for (const [index, image] of elementChildren(ours).entries()) {
      if (image.tagName !== "image") continue;
      expect(shape(image)).toEqual(shape(elementChildren(theirs)[index] as Element));
    }
    const label = (root: Element): unknown => shape(child(child(child(child(root, "meta"), "task"), "labels"), "label"));
    expect(label(ours)).toEqual(label(theirs));
    expect(child(child(ours, "meta"), "dumped").textContent).toBe("1970-01-01 00:00:00+00:00");
  });

  it("writes an ordered subset of CVAT's task fields", async () => {
    const ours = elementChildren(child(child(parseStrict(await exportText(labelmap, samples)), "meta"), "task")).map((e) => e.tagName);
    const theirs = elementChildren(child(child(parseStrict(HAND_WRITTEN), "meta"), "task")).map((e) => e.tagName);
    const positions = ours.map((tag) => theirs.indexOf(tag));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(ours).toContain("labels");
  });

  it("has the same attribute values on <image> and <mask>", async () => {
    const ours = parseStrict(await exportText(labelmap, samples));
    const theirs = parseStrict(HAND_WRITTEN);
    const values = (root: Element): string[][] =>
      elementChildren(root)
        .filter((e) => e.tagName === "image")
        .flatMap((image) => [image, ...elementChildren(image)])
        .map((e) => Array.from({ length: e.attributes.length }, (_, i) => `${e.attributes.item(i)?.name}=${e.attributes.item(i)?.value}`));
    expect(values(ours)).toEqual(values(theirs));
  });

  it("is well-formed for fast-xml-parser too", async () => {
    const text = await exportText(labelmap, samples);
    expect(XMLValidator.validate(text)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "" }).parse(text) as {
      annotations: { version: unknown; image: { name: string; mask?: { rle: string } }[] };
    };
    expect(String(parsed.annotations.version)).toBe("1.1");
    expect(parsed.annotations.image.map((i) => i.name)).toEqual(["Y1.jpg", "Y2.jpg"]);
    expect(parsed.annotations.image[0]?.mask?.rle).toBe("0, 2, 1, 3, 1, 1, 1");
  });
});

describe("escaping of hostile label names", () => {
  const names = ['a & b', "<tumor>", `"double" 'single'`, "naïve 肿瘤 🧠", "line\nbreak", "tab\there", "]]>", "&amp;", "  spaced  "];
  const hostile: Labelmap = {
    labels: [{ id: 0, name: "background", color: [0, 0, 0], parts: [], actions: [] }, ...names.map((name, i) => ({ id: i + 1, name, color: [i + 1, 0, 0] as const, parts: [], actions: [] }))],
    backgroundId: 0,
    dialect: "cvat",
  };
  const sample = makeSample({
    id: "h",
    width: 12,
    height: 2,
    instances: names.map((_, i) => makeInstance(bitmapFromRows(["#"]), { x: i, label: i + 1, instanceId: i + 1 })),
  });

  it("survive @xmldom/xmldom, in <meta> and in shape labels", async () => {
    const root = parseStrict(await exportText(hostile, [sample]));
    const metaNames = elementChildren(child(child(child(root, "meta"), "task"), "labels")).map((label) => child(label, "name").textContent);
    expect(metaNames).toEqual(names);
    expect(elementChildren(child(root, "image")).map((mask) => mask.getAttribute("label"))).toEqual(names);
  });

  it("survive fast-xml-parser", async () => {
    const text = await exportText(hostile, [sample]);
    expect(XMLValidator.validate(text)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "", htmlEntities: true, trimValues: false, parseTagValue: false }).parse(text) as {
      annotations: { image: { mask: { label: string }[] } };
    };
    expect(parsed.annotations.image.mask.map((m) => m.label)).toEqual(names);
  });
});
