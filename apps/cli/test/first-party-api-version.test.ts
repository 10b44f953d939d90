// A plugin states the contract version it was written for as a literal (docs/plugins.md §1):
// `apiVersion: API_VERSION` would follow whatever core is installed, and the CLI's version
// check could never refuse it. Holds the first-party plugins and the docs to that.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO } from "./project.ts";

/** Every non-test source file under `dir`. */
function sources(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: "utf8" })
    .filter((file) => /\.(ts|js)$/.test(file) && !/\.test(-d)?\.ts$/.test(file) && !file.includes("__fixtures__"))
    .map((file) => join(dir, file));
}

describe("first-party plugins declare apiVersion as a literal", () => {
  const files = ["packages", "examples"].flatMap((root) =>
    readdirSync(join(REPO, root)).flatMap((name) => {
      try {
        return sources(join(REPO, root, name, "src"));
      } catch {
        return [];
      }
    }),
  );

  it("every plugin object says apiVersion: 1", () => {
    const declarations = files.flatMap((file) => [...readFileSync(file, "utf8").matchAll(/^\s*apiVersion: (.+),$/gm)].map((match) => `${file.slice(REPO.length)}: ${match[1]}`));
    expect(declarations.length).toBeGreaterThanOrEqual(25);
    expect(declarations.filter((line) => !line.endsWith(": 1"))).toEqual([]);
  });

  it("and so does every example in the docs", () => {
    for (const doc of ["docs/plugins.md", "README.md", "examples/maskport-plugin-example/README.md"]) {
      expect(readFileSync(join(REPO, doc), "utf8"), doc).not.toMatch(/apiVersion: API_VERSION/);
    }
  });
});
