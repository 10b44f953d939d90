// The page bundles core's root and the four format packages: their modules must not import
// Node's built-ins nor @maskport/core/node (the page's build fails on either; this says which
// module at once). Tests, fixtures, core's node/ and testing/ folders are Node's.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO } from "./browser.ts";

const BUNDLED = ["packages/core/src", "packages/exporter-coco/src", "packages/exporter-cvat/src", "packages/exporter-semantic/src", "packages/exporter-yolo/src"];
const NODE_ONLY = /(^|\/)(node|testing|__fixtures__)(\/|$)|\.test\.ts$|^packages\/core\/src\/(node|testing)\.ts$/;

describe("the modules the page bundles", () => {
  it("import neither node: built-ins nor @maskport/core/node", () => {
    const modules = BUNDLED.flatMap((folder) =>
      readdirSync(join(REPO, folder), { recursive: true, encoding: "utf8" })
        .map((name) => relative(REPO, join(REPO, folder, name)).split("\\").join("/"))
        .filter((path) => path.endsWith(".ts") && !NODE_ONLY.test(path)),
    );
    expect(modules.length).toBeGreaterThan(100);
    const offending = modules.flatMap((path) =>
      [...readFileSync(join(REPO, path), "utf8").matchAll(/(?:\bfrom|\bimport\s*\(?)\s*["']((?:node:[^"']+)|@maskport\/core\/node)["']/g)].map((match) => `${path}: ${match[1]}`),
    );
    expect(offending).toEqual([]);
  });
});
