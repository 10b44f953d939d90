import { describe, expect, it } from "vitest";
import { isMaskportError } from "./errors.ts";
import { jsonExcerpt } from "./json-excerpt.ts";
import { checkSampleId, sampleIdProblem } from "./sample-id.ts";

describe("checkSampleId", () => {
  it("accepts relative /-separated ids, sub-folders, dots inside names and spaces", () => {
    for (const id of ["a", "scans/Y1", "a/b/c", "x.y", "..x", "a/...", ".hidden", "2020-01-01T10:00:00", "tumor core/1"]) {
      expect(sampleIdProblem(id), id).toBeUndefined();
      expect(checkSampleId(id, { file: "f", entry: "sample id" })).toBe(id);
    }
  });

  it("refuses empty, climbing, absolute, backslashed and NUL ids, saying why", () => {
    const cases: [string, RegExp][] = [
      ["", /empty/],
      ["..", /climbs out/],
      ["../../evil", /climbs out/],
      ["a/../../b", /climbs out/],
      ["a/..", /climbs out/],
      ["/etc/passwd", /absolute/],
      ["C:\\x", /absolute/],
      ["c:/x", /absolute/],
      ["a\\b", /backslash/],
      ["a//b", /empty or \. part/],
      ["a/", /empty or \. part/],
      ["./a", /empty or \. part/],
      ["a/./b", /empty or \. part/],
      ["a\0b", /NUL/],
    ];
    for (const [id, why] of cases) expect(sampleIdProblem(id), JSON.stringify(id)).toMatch(why);
  });

  it("refuses a part longer than 255 bytes of UTF-8 (longer than a file name may be), counting bytes, not characters", () => {
    for (const id of ["a".repeat(255), `x/${"a".repeat(255)}/y`, "é".repeat(127), "😀".repeat(63), "a/".repeat(200) + "a"]) expect(sampleIdProblem(id), id.slice(0, 20)).toBeUndefined();
    expect(sampleIdProblem("a".repeat(256))).toBe("a part of it is 256 bytes long (UTF-8), longer than a file name may be (255 bytes)");
    expect(sampleIdProblem(`x/${"é".repeat(128)}`)).toMatch(/is 256 bytes long/);
    expect(sampleIdProblem(`${"😀".repeat(64)}/x`)).toMatch(/is 256 bytes long/);
    expect(sampleIdProblem("中".repeat(86))).toMatch(/is 258 bytes long/);
    let thrown: unknown;
    try {
      checkSampleId("a".repeat(300), { file: "data/instances.json", entry: "images[0] (id 1): file_name", name: `${"a".repeat(300)}.jpg`, plugin: "coco" });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code: "UNSAFE_NAME", file: "data/instances.json" });
    expect((thrown as Error).message).toMatch(/images\[0\] \(id 1\): file_name "a{300}\.jpg" .* is refused: a part of it is 300 bytes long/);
  });

  it("throws UNSAFE_NAME naming the file, line, entry and the name as written, and blames the input", () => {
    let thrown: unknown;
    try {
      checkSampleId("../../evil", { file: "data/instances.json", line: 4, entry: "images[0] (id 1): file_name", name: "../../evil.jpg", plugin: "coco" });
    } catch (error) {
      thrown = error;
    }
    expect(isMaskportError(thrown)).toBe(true);
    expect(thrown).toMatchObject({
      code: "UNSAFE_NAME",
      file: "data/instances.json",
      line: 4,
      plugin: "coco",
      message: '[coco] data/instances.json:4: images[0] (id 1): file_name "../../evil.jpg" (sample id "../../evil") is refused: it climbs out of its folder (a .. part)',
    });
    expect((thrown as { hint: string }).hint).toMatch(/^The input is at fault, not maskport/);
    expect((thrown as { hint: string }).hint).not.toMatch(/bug/);
  });
});

describe("jsonExcerpt", () => {
  it("is JSON text, shortened past max characters", () => {
    expect(jsonExcerpt(7)).toBe("7");
    expect(jsonExcerpt("a")).toBe('"a"');
    expect(jsonExcerpt([1, 2])).toBe("[1,2]");
    expect(jsonExcerpt(undefined)).toBe("undefined");
    expect(jsonExcerpt("x".repeat(100), 10)).toBe(`"${"x".repeat(8)}…`);
  });

  it("describes a value nested 100,000 levels deep instead of overflowing the stack", () => {
    const deep = JSON.parse(`${"[".repeat(100_000)}${"]".repeat(100_000)}`) as unknown;
    expect(jsonExcerpt(deep)).toBe("[…]");
    const object = JSON.parse(`${'{"a":'.repeat(100_000)}1${"}".repeat(100_000)}`) as unknown;
    expect(jsonExcerpt(object)).toBe("{…}");
  });
});
