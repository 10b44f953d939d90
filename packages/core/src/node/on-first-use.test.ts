import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { onFirstUse } from "./on-first-use.ts";

describe("onFirstUse", () => {
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "maskport-first-use-"));
    // A CommonJS module that counts how often it is evaluated.
    await writeFile(join(dir, "counted.cjs"), "globalThis.__maskportLoads = (globalThis.__maskportLoads ?? 0) + 1; module.exports = { answer: 42 };");
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it("loads nothing until first called, then loads once, resolving from the given module", () => {
    const g = globalThis as { __maskportLoads?: number };
    const from = pathToFileURL(join(dir, "importer.mjs")).href;
    const counted = onFirstUse<{ answer: number }>(from, "./counted.cjs");
    expect(g.__maskportLoads).toBeUndefined();
    expect(counted().answer).toBe(42);
    expect(counted()).toBe(counted());
    expect(g.__maskportLoads).toBe(1);
  });

  it("throws the resolution error on use for a missing module", () => {
    const missing = onFirstUse(import.meta.url, "maskport-no-such-package");
    expect(() => missing()).toThrow(/maskport-no-such-package/);
  });
});
