// `--verbose` / `DEBUG=maskport` (issue 22): an error then shows its causes with stack traces,
// down to a plugin's original error; without them, no stack trace.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { causeChain, wantsVerbose, withoutVerbose } from "../src/cause-chain.ts";
import { createProject, TOY_PLUGIN, type Project } from "./project.ts";
import { TOY_FILES } from "./toy-data.ts";

describe("--verbose", () => {
  let project: Project;
  beforeAll(() => {
    project = createProject({ dependencies: { "maskport-plugin-toy": "2.3.4" }, install: { "maskport-plugin-toy": TOY_PLUGIN }, files: { ...TOY_FILES } });
  });
  afterAll(() => project.remove());

  it("prints a plugin's original TypeError and its stack under the error", () => {
    const plain = project.run(["convert", "data", "--to", "toy", "--out", "a", "--toy.crash", "-j", "1"]);
    expect(plain.status).toBe(1);
    expect(plain.stderr).not.toMatch(/\n\s+at /);
    for (const [args, env] of [[["--verbose"], {}], [[], { DEBUG: "maskport" }]] as const) {
      const result = project.run(["convert", "data", "--to", "toy", "--out", "b", "--toy.crash", "-j", "1", ...args], env);
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(plain.stderr.trim().split("\n")[0]);
      expect(result.stderr).toMatch(/caused by: TypeError: boom\n\s+at .*maskport-plugin-toy/);
    }
  });

  it("is recognised before --, removed from what the commands see", () => {
    expect(wantsVerbose(["convert", "x", "--verbose"], undefined)).toBe(true);
    expect(wantsVerbose(["convert", "x", "--", "--verbose"], undefined)).toBe(false);
    expect(wantsVerbose(["inspect", "x"], "express,maskport")).toBe(true);
    expect(wantsVerbose(["inspect", "x"], "express")).toBe(false);
    expect(withoutVerbose(["--verbose", "convert", "x", "--", "--verbose"])).toEqual(["convert", "x", "--", "--verbose"]);
  });

  it("follows causes, stopping at a cycle", () => {
    const inner = new RangeError("inner");
    const outer = new Error("outer", { cause: inner });
    (inner as { cause?: unknown }).cause = outer;
    const chain = causeChain(outer);
    expect(chain.match(/caused by: /g)).toHaveLength(1);
    expect(chain).toMatch(/^Error: outer\n[\s\S]*caused by: RangeError: inner/);
  });
});
