// ImageSets lines are input-provided sample ids: a hostile one is refused while the dataset is
// read, as the list's fault (UNSAFE_NAME naming the list file and line), not when its output is written.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { PNG } from "pngjs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveOptions } from "../resolve-options.ts";
import { maskImporter } from "./mask-importer.ts";

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "maskport-hostile-names-"));
});
afterAll(() => rm(root, { recursive: true, force: true }));

async function write(file: string, contents: string | Uint8Array): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, contents);
}

describe("mask importer: hostile ImageSets ids", () => {
  it("refuses ../x, absolute and empty-part ids with the list file and line", async () => {
    const png = PNG.sync.write(new PNG({ width: 2, height: 2 }));
    let n = 0;
    for (const [line, why] of [
      ["../x", /climbs out/],
      ["/etc/passwd", /absolute/],
      ["C:\\x", /absolute/],
      ["a//b", /empty or \. part/],
    ] as const) {
      const dir = join(root, `case${++n}`);
      await write(join(dir, "labelmap.txt"), "background:0,0,0::\nTumor:250,50,83::\n");
      await write(join(dir, "SegmentationClass/a.png"), png);
      await write(join(dir, "ImageSets/Segmentation/train.txt"), `a\n# a comment\n${line}\n`);
      const read = maskImporter.read(dir, resolveOptions("mask", maskImporter.options, {}), { report: () => {} });
      await expect(read, line).rejects.toMatchObject({
        code: "UNSAFE_NAME",
        line: 3,
        file: expect.stringMatching(/ImageSets\/Segmentation\/train\.txt$/),
        message: expect.stringContaining(`train.txt:3: sample id ${JSON.stringify(line)} is refused: `),
      });
      await expect(read, line).rejects.toMatchObject({ message: expect.stringMatching(why) });
    }
  });

  // (Lists whose names start with a dot, such as `...txt`, are hidden and never listed.)
  it.skipIf(process.platform === "win32")("refuses a subset list named a\\b.txt (a backslash in the subset)", async () => {
    const dir = join(root, "backslash");
    await write(join(dir, "labelmap.txt"), "background:0,0,0::\nTumor:250,50,83::\n");
    await write(join(dir, "SegmentationClass/a.png"), PNG.sync.write(new PNG({ width: 2, height: 2 })));
    await write(join(dir, "ImageSets/Segmentation/a\\b.txt"), "a\n");
    await expect(maskImporter.read(dir, resolveOptions("mask", maskImporter.options, {}), { report: () => {} })).rejects.toMatchObject({
      code: "UNSAFE_NAME",
      message: expect.stringContaining('subset (from the file name) "a\\\\b" is refused: it contains a backslash'),
    });
  });
});
