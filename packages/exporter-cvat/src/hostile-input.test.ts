// Hand-made hostile annotations.xml files: each is refused with a named error that names the
// file and blames the input (never PLUGIN_FAILED, never a stack overflow), in bounded time.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isMaskportError, type MaskportError } from "@maskport/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cvatImporter, readCvatXml } from "./cvat-importer.ts";

const HEAD = `<?xml version="1.0" encoding="utf-8"?>`;
const META = `<version>1.1</version><meta><task><subset>default</subset><labels><label><name>tumor</name><color>#fa3253</color></label></labels></task></meta>`;
const image = (attributes: string): string => `${HEAD}<annotations>${META}<image ${attributes} width="4" height="3"></image></annotations>`;

/** The error reading (and loading every sample of) `text` throws, and how long it took. */
async function refusal(text: string, file = "/data/annotations.xml"): Promise<{ error: MaskportError; ms: number }> {
  const start = performance.now();
  try {
    const dataset = readCvatXml(text, file, { report: () => {} });
    for await (const ref of dataset.refs()) await dataset.load(ref);
  } catch (error) {
    if (!isMaskportError(error)) throw error;
    return { error, ms: performance.now() - start };
  }
  throw new Error("accepted");
}

describe("cvat importer: hostile XML", () => {
  it("refuses an external entity pointing at /etc/passwd (XXE) as INVALID_INPUT, without reading it", async () => {
    for (const text of [
      `${HEAD}<!DOCTYPE annotations [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><annotations>${META.replace("<name>tumor</name>", "<name>&xxe;</name>")}</annotations>`,
      `${HEAD}<!DOCTYPE annotations [<!ENTITY xxe SYSTEM "/etc/passwd">]><annotations>${META}<image id="0" name="&xxe;" width="4" height="3"></image></annotations>`,
      `${HEAD}<!DOCTYPE annotations [<!ENTITY % pe SYSTEM "file:///etc/passwd"> %pe;]><annotations>${META}</annotations>`,
    ]) {
      const { error, ms } = await refusal(text);
      expect(error.code).toBe("INVALID_INPUT");
      expect(error.file).toBe("/data/annotations.xml");
      expect(error.message).toMatch(/^\/data\/annotations\.xml(:\d+)?: /);
      expect(error.message).not.toContain("root:");
      expect(error.hint).toMatch(/file is at fault.*DOCTYPE/);
      expect(ms).toBeLessThan(2000);
    }
  });

  it("refuses 100,000 nested tags, closed or not, as INVALID_INPUT naming the file, in bounded time", async () => {
    const deep = 100_000;
    const closed = `${HEAD}<annotations>${META}${"<a>".repeat(deep)}${"</a>".repeat(deep)}</annotations>`;
    const unclosed = `${HEAD}<annotations>${META}${"<a>".repeat(deep)}</annotations>`;
    for (const text of [closed, unclosed]) {
      const { error, ms } = await refusal(text);
      expect(error.code).toBe("INVALID_INPUT");
      expect(error.file).toBe("/data/annotations.xml");
      expect(ms).toBeLessThan(5000);
    }
    expect((await refusal(closed)).error.hint).toMatch(/file is at fault.*more than 100 levels/);
  });

  it("refuses a DOCTYPE that declares internal entities (billion laughs, quadratic blow-up) as INVALID_INPUT, unread", async () => {
    const start = performance.now();
    const laughs = ['<!ENTITY l0 "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY l${i + 1} "${`&l${i};`.repeat(10)}">`)].join("");
    const big = `<!ENTITY b "${"x".repeat(9000)}">`;
    for (const text of [
      `${HEAD}<!DOCTYPE annotations [${laughs}]><annotations>${META}<image id="0" name="&l9;" width="4" height="3"></image></annotations>`,
      `${HEAD}<!DOCTYPE annotations [${big}]><annotations>${META}${'<image id="0" name="&b;&b;&b;" width="4" height="3"></image>'.repeat(500)}</annotations>`,
    ]) {
      const { error } = await refusal(text);
      expect(error).toMatchObject({ code: "INVALID_INPUT", file: "/data/annotations.xml", message: expect.stringMatching(/DOCTYPE.*declares entities/) });
      expect(error.hint).toMatch(/file is at fault.*DOCTYPE/);
    }
    expect(performance.now() - start).toBeLessThan(2000);
  });

  it("refuses image names that would leave the output folder as UNSAFE_NAME, naming the file and the image", async () => {
    const cases: [string, RegExp][] = [
      ['id="3" name="../../a.png"', /<image id="3"> name "\.\.\/\.\.\/a\.png" \(sample id "\.\.\/\.\.\/a"\) is refused: it climbs out/],
      ['id="0" name="/etc/passwd"', /name "\/etc\/passwd" is refused: it is an absolute path/],
      ['id="0" name="C:\\x.png"', /is refused: it is an absolute path/],
      ['id="0" name="scans//a.png"', /is refused: it has an empty or \. part/],
      ['id="0" name="scans/./a.png"', /is refused: it has an empty or \. part/],
      ['id="0" name="a\\..\\b.png"', /is refused: it contains a backslash/],
      ['id="7" name="a.png" subset="../x"', /<image id="7"> subset "\.\.\/x" is refused: it climbs out/],
    ];
    for (const [attributes, message] of cases) {
      const { error } = await refusal(image(attributes));
      expect(error.code, attributes).toBe("UNSAFE_NAME");
      expect(error.file).toBe("/data/annotations.xml");
      expect(error.message, attributes).toMatch(/^\/data\/annotations\.xml: /);
      expect(error.message, attributes).toMatch(message);
      expect(error.hint).toMatch(/input is at fault/);
    }
  });

  describe("through the importer, from a file", () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), "maskport-cvat-hostile-"));
      await writeFile(join(dir, "annotations.xml"), image('id="0" name="../../a.png"'));
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));

    it("names the file on disk", async () => {
      await expect(cvatImporter.read(dir, {}, { report: () => {} })).rejects.toMatchObject({ code: "UNSAFE_NAME", file: join(dir, "annotations.xml") });
    });
  });
});
