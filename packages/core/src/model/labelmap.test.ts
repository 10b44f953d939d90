import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isMaskportError, type ErrorCode } from "../errors.ts";
import type { Labelmap } from "../types.ts";
import { formatLabelmap, labelById, labelByName, parseLabelmap } from "./labelmap.ts";

function errorOf(run: () => unknown): { code: ErrorCode; message: string; line: number | undefined } {
  try {
    run();
  } catch (error) {
    if (isMaskportError(error)) return { code: error.code, message: error.message, line: error.line };
    throw error;
  }
  throw new Error("expected a MaskportError");
}

describe("parseLabelmap, CVAT dialect", () => {
  it("reads a CVAT export (header, code-point sorted, background added last)", () => {
    const labelmap = parseLabelmap("# label:color_rgb:parts:actions\nTumor:255,0,124::\nbackground:0,0,0::\n");
    expect(labelmap.dialect).toBe("cvat");
    expect(labelmap.labels).toEqual([
      { id: 0, name: "Tumor", color: [255, 0, 124], parts: [], actions: [] },
      { id: 1, name: "background", color: [0, 0, 0], parts: [], actions: [] },
    ]);
    expect(labelmap.backgroundId).toBe(1);
  });

  it("numbers labels by label line, skipping comments and blank lines, and keeps parts/actions", () => {
    const labelmap = parseLabelmap("\r\n# comment\r\nbackground:0,0,0::\r\n\r\nperson:192,128,128:hand,head:jumping,running\r\n");
    expect(labelmap.labels.map((l) => [l.id, l.name])).toEqual([
      [0, "background"],
      [1, "person"],
    ]);
    expect(labelmap.labels[1]?.parts).toEqual(["hand", "head"]);
    expect(labelmap.labels[1]?.actions).toEqual(["jumping", "running"]);
  });

  it("takes the first black label as background, even when another is named background", () => {
    const labelmap = parseLabelmap("tumor:255,0,0::\nvoid:0,0,0::\nbackground:10,10,10::\n");
    expect(labelmap.backgroundId).toBe(1);
  });

  it("falls back to the label named background when no label is black", () => {
    expect(parseLabelmap("tumor:255,0,0::\nbackground:0,128,0::\n").backgroundId).toBe(1);
    expect(parseLabelmap("tumor:255,0,0::\nBackground:0,128,0::\n").backgroundId).toBeUndefined();
  });

  it("gives an empty colour field the VOC colour of the id", () => {
    expect(parseLabelmap("a:0,0,0::\nb:::\n").labels[1]?.color).toEqual([128, 0, 0]);
  });

  it("reports malformed lines with their line number", () => {
    const error = errorOf(() => parseLabelmap("# label:color_rgb:parts:actions\ntumor:255,0,0::\nedema:0,255,0:\n", "lm.txt"));
    expect(error.code).toBe("LABELMAP_MALFORMED");
    expect(error.line).toBe(3);
    expect(error.message).toContain("lm.txt:3");
    expect(error.message).toContain("found 3");
  });

  it("rejects an index line after CVAT lines", () => {
    const error = errorOf(() => parseLabelmap("tumor:255,0,0::\n1: Edema\n"));
    expect([error.code, error.line]).toEqual(["LABELMAP_MALFORMED", 2]);
  });

  it.each([
    ["tumor:255,0::", "LABELMAP_BAD_COLOR"],
    ["tumor:256,0,0::", "LABELMAP_BAD_COLOR"],
    ["tumor:#ff0000::", "LABELMAP_BAD_COLOR"],
    ["tumor:-1,0,0::", "LABELMAP_BAD_COLOR"],
    [":255,0,0::", "LABELMAP_MALFORMED"],
  ] as const)("rejects %s with %s", (line, code) => {
    const error = errorOf(() => parseLabelmap(`background:0,0,0::\n${line}\n`, "x/labelmap.txt"));
    expect(error.code).toBe(code);
    expect(error.line).toBe(2);
    expect(error.message).toContain("x/labelmap.txt:2");
  });

  it("rejects duplicate names and colours, naming the earlier line", () => {
    const name = errorOf(() => parseLabelmap("a:1,1,1::\nb:2,2,2::\na:3,3,3::\n"));
    expect([name.code, name.line]).toEqual(["LABELMAP_DUPLICATE_NAME", 3]);
    expect(name.message).toContain("line 1");
    const color = errorOf(() => parseLabelmap("a:1,1,1::\nb:1,1,1::\n"));
    expect([color.code, color.line]).toEqual(["LABELMAP_DUPLICATE_COLOR", 2]);
    expect(color.message).toContain('"a"');
  });

  it("rejects an empty labelmap", () => {
    expect(errorOf(() => parseLabelmap("# label:color_rgb:parts:actions\n\n")).code).toBe("LABELMAP_MALFORMED");
    expect(errorOf(() => parseLabelmap("")).code).toBe("LABELMAP_MALFORMED");
  });
});

describe("parseLabelmap, index dialect", () => {
  it("reads `id: name` lines with their own ids and generated colours", () => {
    const labelmap = parseLabelmap("0: Background\n1: Tumor\n");
    expect(labelmap.dialect).toBe("index");
    expect(labelmap.backgroundId).toBe(0);
    expect(labelmap.labels).toEqual([
      { id: 0, name: "Background", color: [0, 0, 0], parts: [], actions: [] },
      { id: 1, name: "Tumor", color: [128, 0, 0], parts: [], actions: [] },
    ]);
  });

  it("accepts a space instead of ':' and gaps in the ids", () => {
    const labelmap = parseLabelmap("# classes\n0 background\n2 edema\n4:  enhancing tumour \n");
    expect(labelmap.labels.map((l) => [l.id, l.name, l.color])).toEqual([
      [0, "background", [0, 0, 0]],
      [2, "edema", [0, 128, 0]],
      [4, "enhancing tumour", [0, 0, 128]],
    ]);
  });

  it("finds a background by name in any case, else id 0; a non-background id 0 is white", () => {
    const named = parseLabelmap("0: tumor\n7: BACKGROUND\n");
    expect(named.backgroundId).toBe(7);
    expect(named.labels.map((l) => l.color)).toEqual([
      [255, 255, 255],
      [0, 0, 0],
    ]);
    expect(parseLabelmap("1: tumor\n2: edema\n").backgroundId).toBeUndefined();
  });

  it("rejects duplicate ids, duplicate names and non-index lines, with line numbers", () => {
    const id = errorOf(() => parseLabelmap("0: Background\n1: Tumor\n1: Edema\n"));
    expect([id.code, id.line]).toEqual(["LABELMAP_DUPLICATE_ID", 3]);
    expect(id.message).toContain("line 2");
    const name = errorOf(() => parseLabelmap("0: Background\n1: Tumor\n2: Tumor\n"));
    expect([name.code, name.line]).toEqual(["LABELMAP_DUPLICATE_NAME", 3]);
    const bad = errorOf(() => parseLabelmap("0: Background\nTumor\n"));
    expect([bad.code, bad.line]).toEqual(["LABELMAP_MALFORMED", 2]);
    const range = errorOf(() => parseLabelmap("70000: Huge\n"));
    expect([range.code, range.line]).toEqual(["LABELMAP_MALFORMED", 1]);
  });
});

describe("formatLabelmap", () => {
  const labelmap: Labelmap = {
    labels: [
      { id: 0, name: "background", color: [0, 0, 0], parts: [], actions: [] },
      { id: 1, name: "Tumor", color: [255, 0, 124], parts: ["core"], actions: ["grow", "shrink"] },
      { id: 2, name: "édema", color: [1, 2, 3], parts: [], actions: [] },
      { id: 3, name: "Zone", color: [4, 5, 6], parts: [], actions: [] },
    ],
    backgroundId: 0,
    dialect: "cvat",
  };

  it("writes CVAT's dialect with its header and \\n line ends", () => {
    expect(formatLabelmap(labelmap)).toBe(
      "# label:color_rgb:parts:actions\nbackground:0,0,0::\nTumor:255,0,124:core:grow,shrink\nédema:1,2,3::\nZone:4,5,6::\n",
    );
  });

  it("sorts by code point like Python (uppercase first, accented letters last)", () => {
    expect(formatLabelmap(labelmap, { sort: true }).split("\n").slice(1, -1).map((l) => l.split(":")[0])).toEqual([
      "Tumor",
      "Zone",
      "background",
      "édema",
    ]);
  });

  it("sorts astral characters by code point, not UTF-16 unit", () => {
    // U+FF21 (fullwidth A) < U+1F600 by code point, but its UTF-16 unit 0xFF21 > 0xD83D.
    const astral: Labelmap = {
      labels: [
        { id: 0, name: "\u{1F600}", color: [1, 1, 1], parts: [], actions: [] },
        { id: 1, name: "\uFF21", color: [2, 2, 2], parts: [], actions: [] },
      ],
      backgroundId: undefined,
      dialect: "cvat",
    };
    expect(formatLabelmap(astral, { sort: true })).toBe("# label:color_rgb:parts:actions\n\uFF21:2,2,2::\n\u{1F600}:1,1,1::\n");
  });

  it("refuses names CVAT cannot read back", () => {
    const bad: Labelmap = { labels: [{ id: 0, name: "a:b", color: [1, 1, 1], parts: [], actions: [] }], backgroundId: undefined, dialect: "cvat" };
    expect(errorOf(() => formatLabelmap(bad)).code).toBe("LABELMAP_MALFORMED");
  });

  it("round-trips CVAT labelmaps (names, colours, parts, actions, ids by position)", () => {
    const nameArb = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9 _-]{0,10}[A-Za-z0-9_]$/);
    const itemArb = fc.stringMatching(/^[a-z]{1,5}$/);
    const labelsArb = fc.uniqueArray(
      fc.record({
        name: nameArb,
        color: fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255)),
        parts: fc.array(itemArb, { maxLength: 3 }),
        actions: fc.array(itemArb, { maxLength: 3 }),
      }),
      { minLength: 1, maxLength: 12, selector: (l) => l.name, comparator: "IsStrictlyEqual" },
    ).filter((labels) => new Set(labels.map((l) => l.color.join(","))).size === labels.length);
    fc.assert(
      fc.property(labelsArb, (labels) => {
        const original: Labelmap = {
          labels: labels.map((l, id) => ({ id, ...l })),
          backgroundId: undefined,
          dialect: "cvat",
        };
        const parsed = parseLabelmap(formatLabelmap(original));
        expect(parsed.labels).toEqual(original.labels);
        expect(formatLabelmap(parsed)).toBe(formatLabelmap(original));
      }),
    );
  });

  it("serialises an index-dialect labelmap so it parses back with the same names and colours", () => {
    const parsed = parseLabelmap(formatLabelmap(parseLabelmap("0: Background\n1: Tumor\n")));
    expect(parsed.labels.map((l) => [l.id, l.name, l.color])).toEqual([
      [0, "Background", [0, 0, 0]],
      [1, "Tumor", [128, 0, 0]],
    ]);
    expect(parsed.backgroundId).toBe(0);
  });
});

describe("lookups", () => {
  const labelmap = parseLabelmap("0: Background\n3: Tumor\n");
  it("find labels by id and name", () => {
    expect(labelById(labelmap, 3)?.name).toBe("Tumor");
    expect(labelById(labelmap, 1)).toBeUndefined();
    expect(labelByName(labelmap, "Background")?.id).toBe(0);
    expect(labelByName(labelmap, "background")).toBeUndefined();
  });
});
