import { posix } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { basename, dirname, join, normalize, relative } from "./paths.ts";

// Segments as hostile inputs have them: dots, empty parts, backslashes, spaces.
const segment = fc.constantFrom("a", "b", "..", ".", "", "c\\d", "x y", "...", "Y1.png");
const path = fc.tuple(fc.boolean(), fc.array(segment, { maxLength: 6 }), fc.boolean()).map(([absolute, parts, trailing]) => `${absolute ? "/" : ""}${parts.join("/")}${trailing ? "/" : ""}`);

describe("POSIX paths, checked against Node's path.posix", () => {
  it("normalize, join, dirname and basename agree with it (trailing slashes aside)", () => {
    fc.assert(
      fc.property(path, path, (a, b) => {
        const strip = (p: string): string => (p.length > 1 ? p.replace(/\/+$/, "") : p);
        expect(normalize(a)).toBe(strip(posix.normalize(a)));
        expect(join(a, b)).toBe(strip(posix.join(a, b)));
        // Node keeps a leading "//" (a POSIX quirk no dataset path has).
        if (a !== "" && !a.startsWith("//")) expect(dirname(a)).toBe(posix.dirname(a));
        expect(basename(a)).toBe(posix.basename(a));
      }),
      { numRuns: 2000 },
    );
  });

  it("relative agrees with it between absolute paths", () => {
    fc.assert(
      fc.property(path, path, (a, b) => {
        expect(relative(`/${a}`, `/${b}`)).toBe(posix.relative(`/${a}`, `/${b}`));
      }),
      { numRuns: 2000 },
    );
  });
});
