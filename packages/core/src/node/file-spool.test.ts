import fc from "fast-check";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { joinRecords, memorySpool } from "../spool.ts";
import type { Spool } from "../plugin.ts";
import { fileSpools } from "./file-spool.ts";

const root = mkdtempSync(join(tmpdir(), "maskport-spool-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let n = 0;

async function drained(spool: Spool): Promise<string[]> {
  const out: string[] = [];
  for await (const record of spool.drain()) out.push(record);
  return out;
}

describe("fileSpools", () => {
  it("gives back every record in push order, whatever it contains and wherever it spilled", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.string({ unit: "binary", maxLength: 40 }), { maxLength: 60 }), fc.integer({ min: 1, max: 200 }), async (records, memoryChars) => {
        const folder = join(root, `p${n++}`);
        const spools = fileSpools(folder, { memoryChars });
        const spool = spools.spool();
        for (const record of records) spool.push(record);
        expect(spool.length).toBe(records.length);
        expect(await drained(spool)).toEqual(records);
        spools.dispose();
        expect(existsSync(folder)).toBe(false);
      }),
      { numRuns: 150 },
    );
  });

  it("spills to one line per record with \\ and newlines escaped, and never touches the disk when everything fits", async () => {
    const folder = join(root, `f${n++}`);
    const spools = fileSpools(folder, { memoryChars: 4 });
    const small = spools.spool();
    const spilled = spools.spool();
    small.push("ab");
    for (const record of ["a\\nb", "line\nbreak", "", "é✓"]) spilled.push(record);
    // The first two records reach 4 characters each and spill; "" and "é✓" wait for drain.
    expect(readdirSync(folder)).toEqual(["spool-2.txt"]);
    expect(readFileSync(join(folder, "spool-2.txt"), "utf8")).toBe("a\\\\nb\nline\\nbreak\n");
    expect(await drained(spilled)).toEqual(["a\\nb", "line\nbreak", "", "é✓"]);
    expect(readdirSync(folder)).toEqual([]); // a drained spool frees its file
    expect(await drained(small)).toEqual(["ab"]);
    spools.dispose();
    expect(existsSync(folder)).toBe(false);
  });

  it("dispose removes unread spool files; a spool is read once and takes no push after", async () => {
    const folder = join(root, `d${n++}`);
    const spools = fileSpools(folder, { memoryChars: 1 });
    const spool = spools.spool();
    spool.push("x");
    expect(existsSync(join(folder, "spool-1.txt"))).toBe(true);
    spools.dispose();
    expect(existsSync(folder)).toBe(false);
    const again = fileSpools(join(root, `d${n++}`)).spool();
    await drained(again);
    await expect(drained(again)).rejects.toThrow(/drained once/);
    expect(() => again.push("y")).toThrow(/after drain/);
  });

  it("names the spool file and the cause when it cannot write (OUTPUT_WRITE_FAILED)", () => {
    // The folder's parent is a file, so the folder cannot be created.
    const spools = fileSpools(join(root, "file-spool.test.ts-not-a-folder", "x"), { memoryChars: 1 });
    const blocker = join(root, "file-spool.test.ts-not-a-folder");
    rmSync(blocker, { force: true });
    writeFileSync(blocker, "");
    expect(() => spools.spool().push("record")).toThrow(expect.objectContaining({ code: "OUTPUT_WRITE_FAILED", file: expect.stringContaining("spool-1.txt") }));
  });
});

describe("memorySpool", () => {
  it("keeps records in memory, in order, read once", async () => {
    const spool = memorySpool();
    spool.push("a\nb");
    spool.push("");
    expect(spool.length).toBe(2);
    expect(await drained(spool)).toEqual(["a\nb", ""]);
    await expect(drained(spool)).rejects.toThrow(/drained once/);
  });
});

describe("joinRecords", () => {
  async function* from(records: readonly string[]): AsyncIterable<string> {
    yield* records;
  }
  const text = async (chunks: AsyncIterable<string>): Promise<string[]> => {
    const out: string[] = [];
    for await (const chunk of chunks) out.push(chunk);
    return out;
  };

  it("joins with a separator between and a suffix after each record, nothing for no records", async () => {
    expect((await text(joinRecords(from(["a", "b", "c"]), { separator: "," }))).join("")).toBe("a,b,c");
    expect((await text(joinRecords(from(["a", "", "c"]), { suffix: "\n" }))).join("")).toBe("a\n\nc\n");
    expect(await text(joinRecords(from([])))).toEqual([]);
  });

  it("yields chunks of about 64 Ki characters, not one per record nor one huge string", async () => {
    const records = Array.from({ length: 3000 }, (_, i) => `record-${i}`.padEnd(100, "."));
    const chunks = await text(joinRecords(from(records), { separator: "," }));
    expect(chunks.join("")).toBe(records.join(","));
    expect(chunks.length).toBe(5); // 302,999 characters: four chunks just past 65,536, then the rest
    for (const chunk of chunks.slice(0, -1)) expect(chunk.length).toBeGreaterThanOrEqual(1 << 16);
  });
});
