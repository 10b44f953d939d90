// Hand-made hostile COCO and SA-1B files: each is refused with a named error that names the
// file and blames the input (never PLUGIN_FAILED, never a stack overflow), in bounded time.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { isMaskportError, readSamples, type Importer, type MaskportError } from "@maskport/core";
import { afterAll, describe, expect, it } from "vitest";
import { cocoImporter } from "./coco-importer.ts";
import { sa1bImporter } from "./sa1b-importer.ts";

const scratch = mkdtempSync(join(tmpdir(), "maskport-coco-hostile-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let cases = 0;

/**
 * Writes `text` at `path` in a fresh folder, reads the folder (or the file itself) with every
 * sample loaded, and returns the error, the file and the time taken.
 */
async function refusal(importer: Importer<object>, path: string, text: string, input: "folder" | "file" = "folder"): Promise<{ error: MaskportError; file: string; ms: number }> {
  const root = join(scratch, `case-${++cases}`);
  const file = join(root, path);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, text);
  const start = performance.now();
  try {
    const dataset = await importer.read(input === "folder" ? root : file, {}, { report: () => {} });
    for await (const sample of readSamples(dataset)) void sample;
  } catch (error) {
    if (!isMaskportError(error)) throw error;
    return { error, file, ms: performance.now() - start };
  }
  throw new Error(`${path} was accepted`);
}

const COCO = "annotations/instances_default.json";
const categories = [{ id: 1, name: "tumor", supercategory: "" }];
// FORMATS.md §2.7: a 4×3 image with a 6-pixel instance.
const annotation = { id: 1, image_id: 1, category_id: 1, iscrowd: 0, segmentation: { size: [3, 4], counts: "32110N0" } };
const coco = (fileName: unknown, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ categories, images: [{ id: 1, width: 4, height: 3, file_name: fileName }], annotations: [annotation], ...extra });
const DEPTH = 100_000;

describe("coco importer: hostile JSON", () => {
  it("refuses JSON 100,000 levels deep, unclosed or closed, as INVALID_INPUT naming the file", async () => {
    const unclosed = await refusal(cocoImporter, COCO, `{"images": ${"[".repeat(DEPTH)}`);
    expect(unclosed.error).toMatchObject({ code: "INVALID_INPUT", file: unclosed.file, line: 1, message: expect.stringContaining("not valid JSON at line 1, column 100012") });
    expect(unclosed.ms).toBeLessThan(5000);
    const closed = await refusal(cocoImporter, COCO, `${"[".repeat(DEPTH)}${"]".repeat(DEPTH)}`);
    expect(closed.error).toMatchObject({ code: "INVALID_INPUT", file: closed.file, message: expect.stringContaining("a COCO instances file is a JSON object") });
    expect(closed.ms).toBeLessThan(5000);
  });

  it("names a deeply nested value in a message without overflowing the stack", async () => {
    const deep = `${"[".repeat(DEPTH)}${"]".repeat(DEPTH)}`;
    const text = coco("a.jpg").replace('"annotations":[{"id":1,"image_id":1', `"annotations":[{"id":${deep},"image_id":${deep}`);
    const { error, file, ms } = await refusal(cocoImporter, COCO, text);
    expect(error).toMatchObject({ code: "INVALID_INPUT", file, message: expect.stringContaining("annotations[0] (id […]): image_id […] is not an id in images") });
    expect(ms).toBeLessThan(5000);
    const category = await refusal(cocoImporter, COCO, coco("a.jpg").replace('"categories":[{"id":1', `"categories":[{"id":${deep}`));
    expect(category.error).toMatchObject({ code: "INVALID_INPUT", message: expect.stringContaining("categories[0]: id […] is not a positive integer") });
  });
});

describe("coco importer: file_name that would leave the output folder", () => {
  it("refuses ../../evil.jpg, /etc/passwd, C:\\x and empty parts as UNSAFE_NAME naming the file and the image", async () => {
    const names: [string, RegExp][] = [
      ["../../evil.jpg", /image 1: file_name "\.\.\/\.\.\/evil\.jpg" \(sample id "\.\.\/\.\.\/evil"\) is refused: it climbs out of its folder/],
      ["/etc/passwd", /image 1: file_name "\/etc\/passwd" is refused: it is an absolute path/],
      ["C:\\x.jpg", /image 1: file_name "C:\\\\x\.jpg" \(sample id "C:\/x"\) is refused: it is an absolute path/],
      ["scans\\..\\..\\x.jpg", /\(sample id "scans\/\.\.\/\.\.\/x"\) is refused: it climbs out/],
      ["scans//a.jpg", /is refused: it has an empty or \. part/],
      ["./a.jpg", /is refused: it has an empty or \. part/],
    ];
    for (const [name, message] of names) {
      const { error, file } = await refusal(cocoImporter, COCO, coco(name));
      expect(error.code, name).toBe("UNSAFE_NAME");
      expect(error.file, name).toBe(file);
      expect(error.message, name).toMatch(message);
      expect(error.message.startsWith(`${file}: `), name).toBe(true);
      expect(error.hint).toMatch(/input is at fault/);
    }
  });

  it("refuses a subset named .. by its file name (instances_...json)", async () => {
    const { error, file } = await refusal(cocoImporter, "annotations/instances_...json", coco("a.jpg"));
    expect(error).toMatchObject({ code: "UNSAFE_NAME", file, message: expect.stringContaining('subset (from the file name) ".." is refused: it climbs out') });
  });

  it("refuses it in a single instances file too", async () => {
    const { error, file } = await refusal(cocoImporter, "instances.json", coco("../../evil.jpg"), "file");
    expect(error).toMatchObject({ code: "UNSAFE_NAME", file });
  });
});

describe("sa1b importer: hostile files", () => {
  const sa1b = (fileName: string): string => JSON.stringify({ image: { image_id: 1, width: 4, height: 3, file_name: fileName }, annotations: [annotation] });

  it("refuses a file_name that climbs out or is absolute as UNSAFE_NAME naming the file", async () => {
    for (const [name, why] of [
      ["../../evil.jpg", /climbs out/],
      ["/etc/passwd", /absolute/],
      ["C:\\x.jpg", /absolute/],
    ] as const) {
      const { error, file } = await refusal(sa1bImporter, "sa_1.json", sa1b(name));
      expect(error, name).toMatchObject({ code: "UNSAFE_NAME", file, message: expect.stringContaining(`image 1: file_name ${JSON.stringify(name)} is refused: `) });
      expect(error.message, name).toMatch(why);
    }
  });

  it("refuses JSON 100,000 levels deep as INVALID_INPUT naming the file", async () => {
    const { error, file, ms } = await refusal(sa1bImporter, "sa_1.json", `{"image": {"file_name": ${"[".repeat(DEPTH)}`);
    expect(error).toMatchObject({ code: "INVALID_INPUT", file, message: expect.stringContaining("not valid JSON") });
    expect(ms).toBeLessThan(5000);
  });
});
