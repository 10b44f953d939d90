// A web page bundles this package: its modules must not import Node's built-ins, nor
// @maskport/core/node (which reads the disk with node:fs). Tests and fixtures may.
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const src = fileURLToPath(new URL(".", import.meta.url));

describe("the package's modules", () => {
  it("import neither node: built-ins nor @maskport/core/node", () => {
    const modules = readdirSync(src).filter((name) => name.endsWith(".ts") && !name.endsWith(".test.ts"));
    expect(modules.length).toBeGreaterThan(5);
    const offending = modules.flatMap((name) =>
      [...readFileSync(`${src}${name}`, "utf8").matchAll(/(?:\bfrom|\bimport\s*\(?)\s*["']((?:node:[^"']+)|@maskport\/core\/node)["']/g)].map((match) => `${name}: ${match[1]}`),
    );
    expect(offending).toEqual([]);
  });
});
