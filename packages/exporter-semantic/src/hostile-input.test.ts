// Hand-made hostile inputs of the index layouts: ids and paths that would leave the output
// folder are refused while reading (UNSAFE_NAME naming the file and entry), deeply nested JSON
// values are named without overflowing the stack, and none of it is PLUGIN_FAILED.
import type { Importer } from "@maskport/core";
import { isMaskportError, resolveOptions, type MaskportError } from "@maskport/core";
import { afterAll, describe, expect, it } from "vitest";
import { grayPng, tempTree } from "./__fixtures__/tree.ts";
import { monaiImporter } from "./monai-importer.ts";
import { nnunetImporter } from "./nnunet-importer.ts";
import { semanticImporter } from "./semantic-importer.ts";

const { root, write, remove } = tempTree("maskport-semantic-hostile-");
afterAll(remove);

async function refusal(importer: Importer<any>, input: string): Promise<MaskportError> {
  try {
    const dataset = await importer.read(input, resolveOptions(importer.name, importer.options, {}), { report: () => {} });
    for await (const ref of dataset.refs()) await dataset.load(ref);
  } catch (error) {
    if (isMaskportError(error)) return error;
    throw error;
  }
  throw new Error(`${input} was accepted`);
}

const DEEP = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
const NNUNET = { channel_names: { "0": "T2" }, labels: { background: 0, tumor: 1 }, numTraining: 1, file_ending: ".png" };

describe("semantic importer: hostile splits", () => {
  it("refuses a splits/*.txt id such as ../x or /etc/passwd with the list file and line", async () => {
    for (const [name, line, why] of [
      ["climb", "../x", /climbs out/],
      ["absolute", "/etc/passwd", /absolute/],
      ["empty-part", "scans//a", /empty or \. part/],
    ] as const) {
      write(`${name}/labelmap.txt`, "0: background\n1: tumor\n");
      write(`${name}/masks/a.png`, grayPng([[0, 1]]));
      const list = write(`${name}/splits/train.txt`, `a\n${line}\n`);
      const error = await refusal(semanticImporter, `${root}/${name}`);
      expect(error, line).toMatchObject({ code: "UNSAFE_NAME", file: list, line: 2, message: expect.stringContaining(`[semantic] ${list}:2: sample id ${JSON.stringify(line)} is refused: `) });
      expect(error.message).toMatch(why);
    }
  });

  it.skipIf(process.platform === "win32")("refuses a split list named a\\b.txt (a backslash in the subset)", async () => {
    write("backslash/labelmap.txt", "0: background\n1: tumor\n");
    write("backslash/masks/a.png", grayPng([[0, 1]]));
    const list = write("backslash/splits/a\\b.txt", "a\n");
    expect(await refusal(semanticImporter, `${root}/backslash`)).toMatchObject({ code: "UNSAFE_NAME", file: list, message: expect.stringContaining('subset (from the file name) "a\\\\b" is refused: it contains a backslash') });
  });
});

describe("semantic importer: split ids without a mask", () => {
  it("warns naming the split file by its path in the dataset, and skips the id", async () => {
    write("ghost/labelmap.txt", "0: background\n1: tumor\n");
    write("ghost/masks/a.png", grayPng([[0, 1]]));
    const list = write("ghost/splits/train.txt", "a\nghost\n");
    const diagnostics: { code: string; file?: string; sampleId?: string; message: string }[] = [];
    const dataset = await semanticImporter.read(`${root}/ghost`, resolveOptions(semanticImporter.name, semanticImporter.options, {}), { report: (d) => diagnostics.push(d) });
    const ids: string[] = [];
    for await (const ref of dataset.refs()) ids.push((ref as { id: string }).id);
    expect(ids).toEqual(["a"]);
    expect(diagnostics).toEqual([{ severity: "warning", code: "INVALID_INPUT", file: list, sampleId: "ghost", message: `ghost is listed in ${list} but has no mask; skipped` }]);
  });
});

describe("monai importer: hostile dataset.json paths", () => {
  it("refuses label and image paths that climb out of the folder or are absolute, naming dataset.json and the entry", async () => {
    for (const [name, entry, message] of [
      ["label-climb", { image: "./imagesTr/a.png", label: "./labelsTr/../../evil.png" }, /training\[0\] label "labelsTr\/\.\.\/\.\.\/evil\.png" is refused: it climbs out/],
      ["label-absolute", { image: "./imagesTr/a.png", label: "/etc/evil.png" }, /training\[0\] label "\/etc\/evil\.png" is refused: it is an absolute path/],
      ["image-climb", { image: "../../etc/passwd", label: "./labelsTr/a.png" }, /training\[0\] image "\.\.\/\.\.\/etc\/passwd" is refused: it climbs out/],
      ["empty-id", { image: "./imagesTr/a.png", label: "./labelsTr/.png" }, /training\[0\] label "\.\/labelsTr\/\.png" \(sample id ""\) is refused: it is empty/],
    ] as const) {
      const file = write(`${name}/dataset.json`, JSON.stringify({ labels: { "0": "background", "1": "tumour" }, training: [entry] }));
      write(`${name}/labelsTr/a.png`, grayPng([[1, 0]]));
      const error = await refusal(monaiImporter, `${root}/${name}`);
      expect(error, name).toMatchObject({ code: "UNSAFE_NAME", file });
      expect(error.message, name).toMatch(message);
    }
  });

  it("names a deeply nested labels value without overflowing the stack", async () => {
    const file = write("deep-labels/dataset.json", `{"labels": {"0": "background", "1": ${DEEP}}, "training": []}`);
    expect(await refusal(monaiImporter, `${root}/deep-labels`)).toMatchObject({ code: "INVALID_INPUT", file, message: expect.stringContaining('label "1": […] is neither') });
  });
});

describe("nnunet importer: hostile case_ids.json and dataset.json", () => {
  it("refuses a case_ids.json sample id that climbs out, naming the file and the case", async () => {
    write("case-climb/dataset.json", JSON.stringify(NNUNET));
    write("case-climb/labelsTr/a.png", grayPng([[0, 1]]));
    const file = write("case-climb/case_ids.json", JSON.stringify({ a: "../../evil" }));
    expect(await refusal(nnunetImporter, `${root}/case-climb`)).toMatchObject({
      code: "UNSAFE_NAME",
      file,
      message: expect.stringContaining('case "a": sample id "../../evil" is refused: it climbs out'),
    });
  });

  it("a case named like an Object.prototype member keeps its own name when case_ids.json does not list it", async () => {
    write("proto/dataset.json", JSON.stringify(NNUNET));
    write("proto/labelsTr/constructor.png", grayPng([[0, 1]]));
    write("proto/case_ids.json", JSON.stringify({ other: "x" }));
    const dataset = await nnunetImporter.read(`${root}/proto`, resolveOptions("nnunet", nnunetImporter.options, {}), { report: () => {} });
    const ids: unknown[] = [];
    for await (const ref of dataset.refs()) ids.push((await dataset.load(ref)).id);
    expect(ids).toEqual(["constructor"]);
  });

  it("names a deeply nested file_ending without overflowing the stack", async () => {
    const file = write("deep-ending/dataset.json", JSON.stringify({ ...NNUNET, file_ending: "@" }).replace('"@"', DEEP));
    write("deep-ending/labelsTr/a.png", grayPng([[0, 1]]));
    expect(await refusal(nnunetImporter, `${root}/deep-ending`)).toMatchObject({ code: "INVALID_INPUT", file, message: expect.stringContaining("file_ending is […]") });
  });
});
