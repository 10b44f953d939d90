// A listed image whose path cannot be a sample id is refused while reading, as the list's
// fault (UNSAFE_NAME naming data.yaml and the image), not when its label file is written.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { resolveOptions } from "@maskport/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeTree } from "./__fixtures__/write-export.ts";
import { yoloImporter } from "./yolo-importer.ts";

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "maskport-yolo-hostile-"));
});
afterAll(() => rm(root, { recursive: true, force: true }));

describe("yolo importer: hostile names", () => {
  it.skipIf(process.platform === "win32")("refuses an image whose name holds a backslash (a Linux file name, a Windows path)", async () => {
    const dir = join(root, "backslash");
    await writeTree(dir, { "data.yaml": "train: train.txt\nnames: [tumor]\n", "train.txt": "./images/train/a\\..\\b.png\n", "images/train/a\\..\\b.png": "" });
    const read = yoloImporter.read(dir, resolveOptions("yolo", yoloImporter.options, {}), { report: () => {} });
    await expect(read).rejects.toMatchObject({
      code: "UNSAFE_NAME",
      file: join(dir, "data.yaml"),
      message: expect.stringMatching(/\[yolo\] .*data\.yaml: train image ".*a\\\\\.\.\\\\b\.png" \(sample id "a\\\\\.\.\\\\b"\) is refused: it contains a backslash/),
    });
  });

  it("refuses the dataset root's parent listed as an image (its name .. gives sample id .)", async () => {
    const dir = join(root, "parent", "data");
    await writeTree(dir, { "data.yaml": "train: train.txt\nnames: [tumor]\n", "train.txt": "..\n" });
    await expect(yoloImporter.read(dir, resolveOptions("yolo", yoloImporter.options, {}), { report: () => {} })).rejects.toMatchObject({ code: "UNSAFE_NAME", message: expect.stringMatching(/\(sample id "\."\) is refused: it has an empty or \. part/) });
  });
});
