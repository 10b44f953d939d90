import { resolve, sep } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isMaskportError } from "@maskport/core";
import { pluginRequests } from "../src/create-program.ts";
import { isPluginPackageName } from "../src/discover-plugins.ts";
import { guessFormatName } from "../src/find-plugin.ts";
import { createProgress, renderBar } from "../src/progress.ts";
import { DiagnosticLog } from "../src/report.ts";
import { parseTransformSpec } from "../src/transform-spec.ts";
import { checkOutputPath } from "../src/write-files.ts";

describe("parseTransformSpec", () => {
  it("parses name, key=value pairs and comma-continued list values", () => {
    expect(parseTransformSpec("fill-holes")).toEqual({ name: "fill-holes", options: {} });
    expect(parseTransformSpec("min-area:pixels=20")).toEqual({ name: "min-area", options: { pixels: "20" } });
    expect(parseTransformSpec("drop-labels:labels=edema,necrosis,keep=x=y")).toEqual({ name: "drop-labels", options: { labels: "edema,necrosis", keep: "x=y" } });
    // Knowing the option keys, a k=v piece that is not an option continues the previous value.
    expect(parseTransformSpec("remap-labels:map=edema=tumor,necrosis=tumor,strict=1", ["map", "strict"])).toEqual({
      name: "remap-labels",
      options: { map: "edema=tumor,necrosis=tumor", strict: "1" },
    });
  });
  it.each(["", "Bad", "x:=1", "x:a=1,a=2", "x:novalue"])("refuses %j with INVALID_OPTION", (spec) => {
    expect(() => parseTransformSpec(spec)).toThrowError(expect.objectContaining({ code: "INVALID_OPTION" }));
  });
});

describe("checkOutputPath", () => {
  it.each(["../x", "a/../../x", "/etc/passwd", "C:/x", "a\\b", "", "a//b", "./a", "a/", "a\0b"])("refuses %j with OUTPUT_PATH_ESCAPES", (path) => {
    let caught: unknown;
    try {
      checkOutputPath("p", path);
    } catch (error) {
      caught = error;
    }
    expect(isMaskportError(caught) && caught.code === "OUTPUT_PATH_ESCAPES" && caught.plugin === "p").toBe(true);
  });
  it("every accepted path stays strictly inside the output folder", () => {
    const root = resolve("/out/dir");
    fc.assert(
      fc.property(fc.array(fc.constantFrom("a", ".", "..", "/", "\\", "b.c", "..."), { maxLength: 8 }), (parts) => {
        const path = parts.join("");
        let accepted = true;
        try {
          checkOutputPath("p", path);
        } catch {
          accepted = false;
        }
        if (accepted) expect(resolve(root, path).startsWith(root + sep)).toBe(true);
      }),
    );
  });
});

describe("small helpers", () => {
  it("renders count/total, percent and ETA", () => {
    expect(renderBar(5, 20, 10, 8)).toBe("[##------] 5/20 25%  ETA 30s");
    expect(renderBar(20, 20, 10, 4)).toBe("[####] 20/20 100%");
    expect(renderBar(1, 100, 2, 4)).toBe("[----] 1/100 1%  ETA 3m18s");
    expect(renderBar(7, undefined, 1.25)).toBe("7 samples  1.3s");
  });
  it("draws a bar on one line (carriage returns) and ends it with a newline; plain lines stay quiet on short runs", () => {
    const written: string[] = [];
    const bar = createProgress((text) => written.push(text), "bar");
    bar.start(4);
    for (let i = 1; i <= 4; i++) bar.tick(i);
    bar.finish();
    expect(written.every((text) => text.startsWith("\r"))).toBe(true);
    expect(written.at(-1)).toBe(`\r[${"#".repeat(24)}] 4/4 100%\u001b[K\n`);
    const lines: string[] = [];
    const plain = createProgress((text) => lines.push(text), "lines");
    plain.start(4);
    for (let i = 1; i <= 4; i++) plain.tick(i);
    plain.finish();
    expect(lines).toEqual([]);
  });
  it("pre-scans --plugin values before the parser exists", () => {
    expect(pluginRequests(["convert", "x", "--plugin", "./a.js", "--plugin=b", "--", "--plugin", "c"])).toEqual(["./a.js", "b"]);
  });
  it("knows plugin package names (STYLE.md §3)", () => {
    expect(["@maskport/exporter-coco", "@maskport/nifti", "maskport-plugin-bbox-csv", "@acme/maskport-plugin-x"].every(isPluginPackageName)).toBe(true);
    expect(["@maskport/core", "@maskport/cli", "maskport", "left-pad", "@acme/other-maskport-plugin-x", "maskport-plugin-"].some(isPluginPackageName)).toBe(false);
    expect(["@maskport/exporter-coco", "maskport-plugin-bbox-csv", "@acme/maskport-plugin-toy", "./x/maskport-plugin-y.js"].map(guessFormatName)).toEqual(["coco", "bbox-csv", "toy", "y"]);
  });
});

describe("DiagnosticLog", () => {
  const warning = (code: string, i: number) => ({ severity: "warning" as const, code: code as "LOSSY_ENCODING", sampleId: `s${i}`, message: `m${i}` });
  const printed = (log: DiagnosticLog): string[] => {
    const lines: string[] = [];
    log.print({ out: () => {}, progress: () => {}, err: (text) => lines.push(text) });
    return lines;
  };

  it("keeps the first 20 of each code and counts the rest, whatever the run's length", () => {
    const log = new DiagnosticLog();
    for (let i = 0; i < 100_000; i++) log.add(warning("LOSSY_ENCODING", i));
    for (let i = 0; i < 3; i++) log.add(warning("INVALID_INPUT", i));
    expect(log.kept).toHaveLength(23);
    const lines = printed(log);
    expect(lines).toHaveLength(24);
    expect(lines[0]).toBe("warning s0: m0 (LOSSY_ENCODING)");
    expect(lines[19]).toBe("warning s19: m19 (LOSSY_ENCODING)");
    expect(lines[20]).toBe("warning s0: m0 (INVALID_INPUT)");
    expect(lines[23]).toBe("… and 99980 more LOSSY_ENCODING (use --json for every one)");
  });

  it("keeps every one for --json, in arrival order", () => {
    const log = new DiagnosticLog(true);
    for (let i = 0; i < 50; i++) log.add(warning(i % 2 === 0 ? "LOSSY_ENCODING" : "INVALID_INPUT", i));
    expect(log.kept.map((d) => d.sampleId)).toEqual(Array.from({ length: 50 }, (_, i) => `s${i}`));
    expect(printed(log)).toHaveLength(50);
  });
});
