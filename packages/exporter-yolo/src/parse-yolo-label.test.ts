import { describe, expect, it } from "vitest";
import { isMaskportError } from "@maskport/core";
import type { Diagnostic } from "@maskport/core";
import { parseYoloLabel } from "./parse-yolo-label.ts";

function parse(text: string, classCount = 2, width = 100, height = 50) {
  const diagnostics: Omit<Diagnostic, "plugin">[] = [];
  const polygons = parseYoloLabel(text, "labels/train/a.txt", classCount, width, height, (d) => diagnostics.push(d));
  return { polygons, diagnostics };
}

function failure(text: string, classCount = 2): { code: string; line: number | undefined; message: string } {
  try {
    parse(text, classCount);
  } catch (error) {
    if (!isMaskportError(error)) throw error;
    return { code: error.code, line: error.line, message: error.message };
  }
  throw new Error("expected a MaskportError");
}

describe("parseYoloLabel", () => {
  it("decodes each coordinate as float32 × size truncated (hand-computed)", () => {
    // x: 0.5×100 = 50, 0.999×100 = 99.9 → 99, 0.53×100 → 52 (float32); y: 0.1×50 = 5, 0.5×50 = 25, 0.98×50 = 49.
    const { polygons, diagnostics } = parse("\n1 0.5 0.1 0.999 0.5 0.53 0.98\n\n");
    expect(diagnostics).toEqual([]);
    expect(polygons).toEqual([{ classIndex: 1, line: 2, points: [[50, 5], [99, 25], [52, 49]] }]);
  });

  it("accepts CRLF, tabs and an empty file", () => {
    expect(parse("0\t0 0 0.5 0 0.5 0.5\r\n0 0 0 0.1 0 0.1 0.1\r\n").polygons).toHaveLength(2);
    expect(parse("").polygons).toEqual([]);
  });

  it("refuses odd coordinate counts, short lines, bad classes and far-out coordinates, naming file and line", () => {
    const odd = failure("0 0 0 0.5 0 0.5 0.5\n0 0 0 0.5 0 0.5 0.5 0.7\n");
    expect(odd).toMatchObject({ code: "INVALID_INPUT", line: 2 });
    expect(odd.message).toContain("labels/train/a.txt:2");
    expect(odd.message).toMatch(/odd number of coordinates \(7\)/);
    expect(failure("0 0 0 0.5 0.5\n0 0.1 0.1 0.2")).toMatchObject({ code: "INVALID_INPUT", line: 2 });
    expect(failure("2 0 0 0.5 0 0.5 0.5").message).toMatch(/class "2" is not one of 0..1/);
    expect(failure("-1 0 0 0.5 0 0.5 0.5").code).toBe("INVALID_INPUT");
    expect(failure("0.5 0 0 0.5 0 0.5 0.5").code).toBe("INVALID_INPUT");
    expect(failure("0 0 0 0.5 0 0.5 1.02").message).toMatch(/1\.02 is outside \[0, 1\]/);
    expect(failure("0 0 0 0.5 x 0.5 0.5").message).toMatch(/"x" is not a number/);
  });

  it("skips box-only lines with a warning, and accepts Ultralytics' 0.01 tolerance with a warning", () => {
    const { polygons, diagnostics } = parse("0 0.5 0.5 0.2 0.2\n0 -0.005 0 1.005 0 0.5 0.5\n");
    expect(polygons).toEqual([{ classIndex: 0, line: 2, points: [[0, 0], [100, 0], [50, 25]] }]);
    expect(diagnostics.map((d) => d.code)).toEqual(["SHAPE_SKIPPED", "INVALID_INPUT"]);
    expect(diagnostics.every((d) => d.severity === "warning")).toBe(true);
  });
});
