import { describe, expect, it } from "vitest";
import { isMaskportError } from "@maskport/core";
import { jsonErrorOffset, parseJson } from "./parse-json.ts";

describe("jsonErrorOffset", () => {
  it("stops where the text stops being JSON (offsets of the former recursive scanner)", () => {
    const cases: [string, number | undefined][] = [
      ['{"a": 1}', undefined],
      ["", 0],
      ["   ", 3],
      ["{", 1],
      ["[", 1],
      ["[1,]", 3],
      ["[1 2]", 3],
      ['{"a" 1}', 5],
      ['{"a": }', 6],
      ["{a: 1}", 1],
      ['{"a": 1,}', 8],
      ['{"a": [1, {"b": tru}]}', 16],
      ['"abc', 4],
      ['"a\\x"', 2],
      ['"a\\u12g4"', 2],
      ['"a\u0001"', 2],
      ["[1, 2] x", 7],
      ["01", 1],
      ["-", 0],
      ["1.", 1],
      ["1e", 1],
      ["[[[[]]]", 7],
      ["[[[[]]]]]", 8],
      ['{"a":{"b":{"c":[1,2,{"d":null}]}}', 33],
      ['{"a":{"b":{"c":[1,2,{"d":null}]}}}', undefined],
      ["[true, false, null, nul]", 20],
      ['{"a": 1 "b": 2}', 8],
      ['{"a": 1, "b" : [ ] , "c": { } }', undefined],
      [' \n\t{ "x" :\n[ 1 ,\n 2 ] }\n ', undefined],
      ['[{"a": "b\\"c"}, "\\u00e9", 1e5, -0.5E-3]', undefined],
      ['{"":1}', undefined],
      ["{,}", 1],
      ["[,]", 1],
      ['{"a":1}}', 7],
      ["nulll", 4],
      ["[1]]", 3],
      ['{"images": [{"id": 1, "file_name": "x.png"}], "annotations": [}', 62],
    ];
    for (const [text, offset] of cases) expect(jsonErrorOffset(text), JSON.stringify(text)).toBe(offset);
  });

  it("scans 100,000 nested arrays and objects without recursing", () => {
    const depth = 100_000;
    expect(jsonErrorOffset(`${"[".repeat(depth)}${"]".repeat(depth)}`)).toBeUndefined();
    expect(jsonErrorOffset(`${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`)).toBeUndefined();
    expect(jsonErrorOffset("[".repeat(depth))).toBe(depth);
    expect(jsonErrorOffset(`${"[".repeat(depth)}${"]".repeat(depth - 1)}}`)).toBe(2 * depth - 1);
  });
});

describe("parseJson", () => {
  it("refuses 100,000 unclosed brackets as INVALID_INPUT with line and column, in bounded time", () => {
    const start = performance.now();
    let thrown: unknown;
    try {
      parseJson(`{"images": ${"[".repeat(100_000)}`, "deep.json");
    } catch (error) {
      thrown = error;
    }
    expect(isMaskportError(thrown)).toBe(true);
    expect(thrown).toMatchObject({ code: "INVALID_INPUT", file: "deep.json", line: 1, message: expect.stringMatching(/^deep\.json:1: not valid JSON at line 1, column 100012 \(offset 100011\)/) });
    expect(performance.now() - start).toBeLessThan(2000);
  });
});
