import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkFlowNesting, MAX_CLASSES, readDataYaml } from "./read-data-yaml.ts";

const dir = mkdtempSync(join(tmpdir(), "maskport-data-yaml-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
writeFileSync(join(dir, "train.txt"), "");
let count = 0;
function yamlFile(text: string): string {
  const file = join(dir, `data-${count++}.yaml`);
  writeFileSync(file, text);
  return file;
}
async function refusal(text: string): Promise<{ code: string; file: string | undefined; message: string }> {
  const file = yamlFile(text);
  const error = (await readDataYaml(file).then(() => undefined, (e: unknown) => e)) as { code: string; file: string | undefined; message: string } | undefined;
  expect(error, "refused").toBeDefined();
  expect(error?.file).toBe(file);
  return error as { code: string; file: string | undefined; message: string };
}

describe("readDataYaml bounds", () => {
  it("refuses nc beyond 16-bit label ids as TOO_MANY_LABELS, quickly", async () => {
    for (const nc of ["1000000000000", "4294967295", "7199254740", "1000000", String(MAX_CLASSES + 1)]) {
      const started = performance.now();
      expect((await refusal(`train: train.txt\nnc: ${nc}\n`)).code).toBe("TOO_MANY_LABELS");
      expect(performance.now() - started).toBeLessThan(500);
    }
  });
  it("refuses nc that is not a whole number ≥ 1", async () => {
    for (const nc of ["0", "-3", "2.5", "abc", "1e400"]) expect((await refusal(`train: train.txt\nnc: ${nc}\n`)).code).toBe("INVALID_INPUT");
  });
  it("reads nc alone up to the limit, and nc with names only when they agree", async () => {
    expect((await readDataYaml(yamlFile("train: train.txt\nnc: 3\n"))).names).toEqual(["class_0", "class_1", "class_2"]);
    expect((await refusal("train: train.txt\nnc: 70000\nnames: [a]\n")).code).toBe("INVALID_INPUT");
  });
  it("the fuzzer's reproducer (an empty key, then a big nc) is a named error", async () => {
    expect((await refusal(": \nnc: 7199254740")).code).toMatch(/INVALID_INPUT|TOO_MANY_LABELS/);
  });
  it("refuses an unclosed or deep flow collection before the yaml package is quadratic on it", async () => {
    const started = performance.now();
    expect((await refusal(`train: train.txt\nnames: {0: tumor${"[".repeat(160_000)}\n`)).code).toBe("INVALID_INPUT");
    expect((await refusal(`train: train.txt\nnames: [tumor]\nx: ${"[".repeat(100_000)}${"]".repeat(100_000)}\n`)).code).toBe("INVALID_INPUT");
    expect((await refusal(`train: train.txt\nnames: {${Array.from({ length: 20_000 }, (_, i) => `${i}: a`).join(", ")}\n`)).message).toMatch(/never closed/);
    expect(performance.now() - started).toBeLessThan(2000);
  });
  it("refuses a data.yaml over 1 MiB", async () => {
    expect((await refusal(`train: train.txt\nnames: [a]\n# ${"x".repeat(1024 * 1024)}\n`)).message).toMatch(/characters/);
  });
  it("still refuses a repeated key, in linear time", async () => {
    expect((await refusal("train: train.txt\nnames:\n  0: a\n  0: b\n")).message).toMatch(/unique/);
    const names = Array.from({ length: 30_000 }, (_, i) => `  ${i}: name_${i}`).join("\n");
    const started = performance.now();
    expect((await readDataYaml(yamlFile(`train: train.txt\nnames:\n${names}\n`))).names).toHaveLength(30_000);
    expect(performance.now() - started).toBeLessThan(3000);
  });
  it("returns the yaml package's warnings instead of printing them", async () => {
    const data = await readDataYaml(yamlFile("path: .\ntrain: train.txt\nnames:\n  0: &tumor: tumor\n"));
    expect(data.warnings.length).toBeGreaterThan(0);
  });
});

describe("checkFlowNesting", () => {
  const fail = (message: string): never => {
    throw new Error(message);
  };
  it("accepts brackets that are not flow collections", () => {
    for (const text of [
      "names:\n  0: a[1\n  1: b{\n",
      "names: ['a[', \"b{\\\"\", 'it''s [']\n",
      "x: 1 # [ unclosed in a comment\n",
      "x: |\n  [ not flow\n  {\ny: [a, {b: c}]\n",
      "- [a, [b, [c]]]\n- &x [d]\n",
      "names: [a, b,\n  c]\n",
    ])
      expect(() => checkFlowNesting(text, fail), text).not.toThrow();
  });
  it("refuses depth beyond 64 and collections never closed", () => {
    expect(() => checkFlowNesting(`x: ${"[".repeat(65)}${"]".repeat(65)}`, fail)).toThrow(/deeper/);
    expect(() => checkFlowNesting("x: [a, b\n", fail)).toThrow(/never closed/);
  });
  it("counts brackets right after a closed collection as flow (found by the fuzzer: 40 KB of them took 1.6 s)", () => {
    expect(() => checkFlowNesting(`names: [tumor, edema]${"[".repeat(40_000)}\n`, fail)).toThrow(/deeper/);
    expect(() => checkFlowNesting("names: [tumor] [edema\n", fail)).toThrow(/never closed/);
    expect(() => checkFlowNesting("names: [tumor]\nx: a[b\n", fail)).not.toThrow();
  });
});
