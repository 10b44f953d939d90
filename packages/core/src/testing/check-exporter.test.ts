import { describe, expect, it } from "vitest";
import { API_VERSION, type Exporter, type FragmentBase, type InstanceFidelity } from "../plugin.ts";
import type { Sample } from "../types.ts";
import { ConformanceError } from "./_run.ts";
import {
  checkDegenerateMasks,
  checkDeterministic,
  checkEmptyDataset,
  checkFidelity,
  checkFragmentsCloneable,
  checkOutputPaths,
} from "./check-exporter.ts";
import { checkOptionDefaults, checkPluginShape } from "./check-plugin.ts";
import { describeExporter } from "./describe-plugins.ts";
import { bitmapFromRows, makeInstance, makeSample } from "./make-sample.ts";

interface BoxOptions {
  readonly indent: "none" | "tab";
  readonly prefix: string;
}
interface BoxFragment extends FragmentBase {
  readonly lines: readonly string[];
}

/**
 * A tiny correct exporter: one JSON line per instance holding its bbox. The bbox is a lossy
 * encoding, so fidelity says so: nothing lost, bbox area − area pixels added.
 */
const boxes: Exporter<BoxOptions, BoxFragment> = {
  apiVersion: API_VERSION,
  kind: "exporter",
  name: "boxes",
  description: "Bounding boxes as JSON lines (conformance-suite test exporter).",
  options: {
    indent: { description: "Indentation.", default: "none", choices: ["none", "tab"] },
    prefix: { description: "Path prefix.", default: "out" },
  },
  encodeSample(sample, _options, context) {
    const lines: string[] = [];
    const fidelity: InstanceFidelity[] = [];
    for (const { instanceId, label, bbox, area } of sample.instances) {
      if (area === 0) {
        context.report({ severity: "warning", code: "INSTANCE_DROPPED", message: `instance ${instanceId} is empty`, instanceId });
        continue;
      }
      lines.push(JSON.stringify({ sample: sample.id, instanceId, label, bbox: [bbox.x, bbox.y, bbox.width, bbox.height] }));
      const boxArea = bbox.width * bbox.height;
      fidelity.push({ instanceId, label, area, encoding: "bbox", lost: 0, added: boxArea - area, iou: area / boxArea });
    }
    return { lines, fidelity };
  },
  async *write(input, options) {
    const parts: string[] = [];
    for await (const { fragment } of input.fragments) parts.push(...fragment.lines.map((line) => (options.indent === "tab" ? `\t${line}` : line)));
    yield { path: `${options.prefix}/boxes.jsonl`, contents: parts.map((line) => `${line}\n`).join("") };
    yield { path: `${options.prefix}/labels.txt`, contents: input.labelmap.labels.map((l) => l.name).join("\n") };
  },
};

const ownSamples: Sample[] = [
  makeSample({
    id: "scans/a",
    width: 6,
    height: 5,
    instances: [
      makeInstance(bitmapFromRows(["##.", ".##"]), { x: 1, y: 1, instanceId: 1, label: 1 }),
      makeInstance(bitmapFromRows(["#", "#"]), { x: 5, y: 3, instanceId: 4, label: 2 }),
    ],
  }),
];

describeExporter(boxes, { samples: ownSamples });
describeExporter(boxes, { samples: ownSamples, options: { indent: "tab", prefix: "deep/er" } });

/** `boxes` with some parts replaced: the broken exporters below. */
function broken(changes: Partial<Exporter<BoxOptions, BoxFragment>>): Exporter<BoxOptions, BoxFragment> {
  return { ...boxes, ...changes };
}

describe("the exporter checks catch broken exporters", () => {
  it("non-deterministic output", async () => {
    let run = 0;
    const unstable = broken({
      async *write() {
        run++;
        yield { path: "out.txt", contents: `run ${run}\n` };
      },
    });
    await expect(checkDeterministic(unstable)).rejects.toThrow(/not deterministic.*out\.txt differs at byte 4/);
  });

  it.each([
    ["../escape.json", /has a \.\. segment/],
    ["out/../../escape.json", /has a \.\. segment/],
    ["/etc/passwd", /is absolute/],
    ["C:/temp/x.json", /is absolute/],
    ["out\\x.json", /backslash/],
    ["out//x.json", /empty segment/],
    ["./x.json", /\. segment/],
  ])("an output path %s", async (path, message) => {
    const escaping = broken({
      async *write() {
        yield { path, contents: "" };
      },
    });
    await expect(checkOutputPaths(escaping)).rejects.toThrow(message);
    await expect(checkEmptyDataset(escaping)).rejects.toThrow(message);
  });

  it("a copied file whose source is not absolute", async () => {
    const relative = broken({
      async *write() {
        yield { path: "images/a.png", copyFrom: "scans/a.png" };
      },
    });
    await expect(checkOutputPaths(relative)).rejects.toThrow(/copies "scans\/a\.png", which is not an absolute path/);
    const absolute = broken({
      async *write() {
        yield { path: "images/a.png", copyFrom: "/data/scans/a.png" };
      },
    });
    await expect(checkOutputPaths(absolute)).resolves.toBeUndefined();
  });

  it("a path written twice", async () => {
    const twice = broken({
      async *write() {
        yield { path: "a.txt", contents: "1" };
        yield { path: "a.txt", contents: "2" };
      },
    });
    await expect(checkOutputPaths(twice)).rejects.toThrow(/"a\.txt".*written twice/);
  });

  it("throwing on an empty dataset", async () => {
    const fragile = broken({
      async *write(input) {
        const ids: string[] = [];
        for await (const { sample } of input.fragments) ids.push(sample.id);
        if (ids.length === 0) throw new RangeError("no samples to average");
        yield { path: "ids.txt", contents: ids.join("\n") };
      },
    });
    await expect(checkEmptyDataset(fragile)).rejects.toThrow(/no samples to average/);
  });

  it("but accepts no file for an empty dataset: a one-file-per-image format has nothing to write", async () => {
    const perImage = broken({
      async *write(input) {
        for await (const { sample } of input.fragments) yield { path: `${sample.id}.txt`, contents: "" };
      },
    });
    await expect(checkEmptyDataset(perImage)).resolves.toBeUndefined();
  });

  it("throwing on an empty bitmap", async () => {
    const fragile = broken({
      encodeSample(sample, options, context) {
        for (const instance of sample.instances) if (instance.bitmap.data.length === 0) throw new TypeError("cannot encode an empty bitmap");
        return boxes.encodeSample(sample, options, context);
      },
    });
    await expect(checkDegenerateMasks(fragile)).rejects.toThrow(/"empty instance \(area 0\)".*PLUGIN_FAILED.*cannot encode an empty bitmap/);
    await expect(checkDeterministic(fragile)).rejects.toThrow(ConformanceError);
  });

  it("a fragment that cannot be cloned", async () => {
    const withFunction = broken({
      encodeSample(sample, options, context) {
        const fragment = boxes.encodeSample(sample, options, context) as BoxFragment;
        return { ...fragment, render: () => fragment.lines };
      },
    });
    await expect(checkFragmentsCloneable(withFunction)).rejects.toThrow(/not structured-cloneable/);
  });

  it("a fragment whose meaning lives in its prototype", async () => {
    class Lines {
      readonly lines: readonly string[];
      constructor(lines: readonly string[]) {
        this.lines = lines;
      }
      text(): string {
        return this.lines.join("\n");
      }
    }
    const classy: Exporter<BoxOptions, BoxFragment & { body: Lines }> = {
      ...boxes,
      encodeSample(sample, options, context) {
        const fragment = boxes.encodeSample(sample, options, context) as BoxFragment;
        return { ...fragment, body: new Lines(fragment.lines) };
      },
      async *write(input) {
        let text = "";
        for await (const { fragment } of input.fragments) text += typeof fragment.body.text === "function" ? fragment.body.text() : "?";
        yield { path: "out.txt", contents: text };
      },
    };
    await expect(checkFragmentsCloneable(classy)).rejects.toThrow(/structured clones of the fragments differs/);
  });

  it("encodeSample mutating its sample", async () => {
    const mutating = broken({
      encodeSample(sample, options, context) {
        for (const instance of sample.instances) instance.bitmap.data.fill(1);
        return boxes.encodeSample(sample, options, context);
      },
    });
    await expect(checkFragmentsCloneable(mutating)).rejects.toThrow(/modified its input sample/);
  });

  it.each([
    ["claims exactness for a lossy encoding", (f: InstanceFidelity) => ({ ...f, iou: 1 }), /disagrees with lost/],
    ["an iou above 1", (f: InstanceFidelity) => ({ ...f, added: 0, iou: 1.5 }), /outside 0\.\.1/],
    ["a wrong area", (f: InstanceFidelity) => ({ ...f, area: f.area + 1 }), /fidelity area/],
    ["a negative count", (f: InstanceFidelity) => ({ ...f, lost: -1 }), /must be integers/],
    ["an unknown instance", (f: InstanceFidelity) => ({ ...f, instanceId: 999 }), /does not have/],
  ])("fidelity that %s", async (_name, distort, message) => {
    const lying = broken({
      encodeSample(sample, options, context) {
        const fragment = boxes.encodeSample(sample, options, context) as BoxFragment;
        return { ...fragment, fidelity: fragment.fidelity.map(distort) };
      },
    });
    await expect(checkFidelity(lying)).rejects.toThrow(message);
  });

  it("an instance dropped silently", async () => {
    const dropping = broken({
      encodeSample(sample, options) {
        return boxes.encodeSample({ ...sample, instances: sample.instances.filter((i) => i.area > 0) }, options, { labelmap: { labels: [], backgroundId: undefined, dialect: "cvat" }, report: () => {} });
      },
    });
    await expect(checkFidelity(dropping)).rejects.toThrow(/silent drop/);
  });

  it("a wrong shape or option spec", () => {
    expect(() => checkPluginShape({ ...boxes, apiVersion: 2 }, "exporter")).toThrow(/API_VERSION_MISMATCH/);
    expect(() => checkPluginShape(boxes, "transform")).toThrow(/kind is "exporter", expected "transform"/);
    expect(() => checkPluginShape({ ...boxes, write: undefined }, "exporter")).toThrow(/PLUGIN_INVALID.*write/);
    const badChoice = { ...boxes, options: { ...boxes.options, indent: { description: "x", default: "spaces", choices: ["none", "tab"] } } };
    expect(() => checkOptionDefaults(badChoice as never)).toThrow(/rejects the defaults/);
    expect(() => checkOptionDefaults(boxes, { indent: "spaces" })).toThrow(/do not resolve/);
    expect(() => checkOptionDefaults(boxes, { indent: "tab" })).not.toThrow();
  });

  it("the correct exporter passes every check directly", async () => {
    await checkEmptyDataset(boxes);
    await checkOutputPaths(boxes, { samples: ownSamples });
    await checkDeterministic(boxes, { samples: ownSamples });
    await checkFragmentsCloneable(boxes, { samples: ownSamples });
    await checkDegenerateMasks(boxes);
    await checkFidelity(boxes, { samples: ownSamples });
  });
});
