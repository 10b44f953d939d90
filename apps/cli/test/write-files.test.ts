import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import type { OutputFile } from "@maskport/core";
import { writeOutputFiles } from "../src/write-files.ts";

const root = mkdtempSync(join(tmpdir(), "maskport-write-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;
const fresh = (): string => join(root, `t${n++}`);

async function* files(...list: OutputFile[]): AsyncIterable<OutputFile> {
  yield* list;
}

describe("writeOutputFiles", () => {
  it("writes strings, bytes and streamed chunks into sub-folders, copies copyFrom files, and counts them", async () => {
    const source = join(root, "image.bin");
    writeFileSync(source, Uint8Array.from([1, 2, 3]));
    async function* chunks(): AsyncIterable<string | Uint8Array> {
      yield "ab";
      yield Uint8Array.from([0x63]); // "c"
      yield "dé"; // 3 bytes in UTF-8
    }
    const dir = fresh();
    const written = await writeOutputFiles("p", dir, files({ path: "a.txt", contents: "hello" }, { path: "deep/b.bin", contents: Uint8Array.from([9]) }, { path: "deep/er/c.txt", contents: chunks() }, { path: "images/x.bin", copyFrom: source }));
    expect(written).toEqual({ files: 4, bytes: 5 + 1 + 6 });
    expect(readFileSync(join(dir, "a.txt"), "utf8")).toBe("hello");
    expect([...readFileSync(join(dir, "deep/b.bin"))]).toEqual([9]);
    expect(readFileSync(join(dir, "deep/er/c.txt"), "utf8")).toBe("abcdé");
    expect([...readFileSync(join(dir, "images/x.bin"))]).toEqual([1, 2, 3]);
  });

  it("refuses a path written twice (PLUGIN_FAILED) and a missing copyFrom source (INPUT_NOT_FOUND), naming the plugin", async () => {
    const source = join(root, "twice.bin");
    writeFileSync(source, "x");
    async function* chunks(): AsyncIterable<string> {
      yield "2";
    }
    await expect(writeOutputFiles("p", fresh(), files({ path: "a", contents: "1" }, { path: "a", contents: "2" }))).rejects.toMatchObject({ code: "PLUGIN_FAILED", plugin: "p", message: expect.stringContaining("wrote a twice") });
    await expect(writeOutputFiles("p", fresh(), files({ path: "a", contents: "1" }, { path: "a", contents: chunks() }))).rejects.toMatchObject({ code: "PLUGIN_FAILED", message: expect.stringContaining("wrote a twice") });
    await expect(writeOutputFiles("p", fresh(), files({ path: "x/a", copyFrom: source }, { path: "x/a", copyFrom: source }))).rejects.toMatchObject({ code: "PLUGIN_FAILED", message: expect.stringContaining("wrote x/a twice") });
    await expect(writeOutputFiles("p", fresh(), files({ path: "a", copyFrom: source }, { path: "a", contents: "2" }))).rejects.toMatchObject({ code: "PLUGIN_FAILED", message: expect.stringContaining("wrote a twice") });
    await expect(writeOutputFiles("p", fresh(), files({ path: "a", copyFrom: join(root, "missing.png") }))).rejects.toMatchObject({ code: "INPUT_NOT_FOUND", plugin: "p" });
  });

  it("wraps errors thrown while producing files or contents with the plugin's name", async () => {
    async function* failingFiles(): AsyncIterable<OutputFile> {
      yield { path: "ok.txt", contents: "ok" };
      throw new Error("no more");
    }
    await expect(writeOutputFiles("p", fresh(), failingFiles())).rejects.toMatchObject({ code: "PLUGIN_FAILED", message: "[p] plugin failed: no more" });
    async function* failingChunks(): AsyncIterable<string> {
      yield "a";
      throw new Error("chunk");
    }
    const dir = fresh();
    await expect(writeOutputFiles("p", dir, files({ path: "c.txt", contents: failingChunks() }))).rejects.toMatchObject({ message: "[p] plugin failed: chunk" });
    expect(readdirSync(dir)).toEqual(["c.txt"]); // partial, but the runner discards the whole staging folder
  });

  it("turns a file system refusal into OUTPUT_WRITE_FAILED naming the file, not a plain error", async () => {
    // "a" is a file, so neither the folder "a/" nor a file inside it can be made.
    await expect(writeOutputFiles("p", fresh(), files({ path: "a", contents: "1" }, { path: "a/b.txt", contents: "2" }))).rejects.toMatchObject({
      code: "OUTPUT_WRITE_FAILED",
      message: expect.stringMatching(/^cannot write a\/b\.txt: E[A-Z]+/),
    });
  });
});

describe("writeOutputFiles writing several files at a time", () => {
  it("has finished every file it started when it fails, and writes no file the plugin gives after the failure", async () => {
    const dir = fresh();
    async function* many(): AsyncIterable<OutputFile> {
      for (let i = 0; i < 40; i++) yield { path: `labels/${i}.txt`, contents: `${i}\n`.repeat(1000) };
      yield { path: "../escape.txt", contents: "no" };
      yield { path: "labels/late.txt", contents: "too late" };
    }
    await expect(writeOutputFiles("p", dir, many())).rejects.toMatchObject({ code: "OUTPUT_PATH_ESCAPES" });
    // Read right at the rejection: a write still in flight would be missing or short here.
    const names = readdirSync(join(dir, "labels"));
    expect(names).toHaveLength(40);
    for (let i = 0; i < 40; i++) expect(readFileSync(join(dir, `labels/${i}.txt`), "utf8")).toBe(`${i}\n`.repeat(1000));
  });

  it("reports the first refused file and stops asking for files", async () => {
    const dir = fresh();
    let asked = 0;
    async function* many(): AsyncIterable<OutputFile> {
      yield { path: "a", contents: "1" };
      for (let i = 0; i < 100; i++) {
        asked++;
        yield { path: i === 3 ? "a" : `f${i}`, contents: "x" };
      }
    }
    await expect(writeOutputFiles("p", dir, many())).rejects.toMatchObject({ code: "PLUGIN_FAILED", message: expect.stringContaining("wrote a twice") });
    // At most one round of files in flight is asked for after the refused one.
    expect(asked).toBeLessThan(3 + 1 + 8 + 1);
  });
});
