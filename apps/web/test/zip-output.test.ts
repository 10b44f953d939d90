// The pure parts between the exporters and the zip: entry names, the
// per-format sink that collects each file whole before it may enter the zip, and the Blob spool.
import { FragmentQueue, isMaskportError, type OutputFile } from "@maskport/core";
import { describe, expect, it } from "vitest";
import { blobSpool } from "../src/blob-spool.ts";
import { collectFile } from "../src/collect-file.ts";
import { formatBytes, summaryDetails, summaryLine } from "../src/summary-lines.ts";
import { entryName, targetFolders, unsafePathReason } from "../src/zip-entries.ts";
import { zipTarget, type ZipEntry } from "../src/zip-target.ts";

const bytesOf = async (collected: Blob | Uint8Array): Promise<Uint8Array> => (collected instanceof Blob ? new Uint8Array(await collected.arrayBuffer()) : collected);
const text = async (collected: Blob | Uint8Array): Promise<string> => new TextDecoder().decode(await bytesOf(collected));

async function* chunks(...parts: (string | Uint8Array)[]): AsyncIterable<string | Uint8Array> {
  for (const part of parts) yield part;
}

describe("zip entry names", () => {
  it("puts one format at the root and several each in its folder, as convert --out does", () => {
    expect(targetFolders(["coco"])).toEqual([""]);
    expect(targetFolders(["coco", "yolo"])).toEqual(["coco", "yolo"]);
    expect(entryName("", "annotations/instances_default.json")).toBe("annotations/instances_default.json");
    expect(entryName("yolo", "labels/train/Y1.txt")).toBe("yolo/labels/train/Y1.txt");
  });

  it("refuses the paths the CLI refuses", () => {
    for (const path of ["", "/abs", "C:/x", "a/../b", "a//b", "./a", "a\\b", "a\0b", 3]) expect(unsafePathReason(path), String(path)).toBeDefined();
    expect(unsafePathReason("images/scans/Y10.png")).toBeUndefined();
  });
});

describe("summary lines", () => {
  it("read `<format>: <n> instances, <k> exact`, details as the CLI prints them", () => {
    const summary = { format: "yolo", instances: 4, exact: 2, lossy: 2, worstIou: 0.8, files: 1, bytes: 1234 };
    expect(summaryLine(summary)).toBe("yolo: 4 instances, 2 exact");
    expect(summaryDetails(summary)).toBe("2 lossy, worst IoU 0.8000; 1 file, 1.2 kB");
    expect(formatBytes(999)).toBe("999 B");
    expect(formatBytes(45_600_000)).toBe("46 MB");
  });
});

describe("collectFile", () => {
  it("keeps the bytes of whole and streamed contents, strings as UTF-8", async () => {
    expect(await text(await collectFile("é ok"))).toBe("é ok");
    expect([...(await bytesOf(await collectFile(new Uint8Array([1, 2, 3]))))]).toEqual([1, 2, 3]);
    // Folding into a Blob every 4 bytes keeps the order; below the fold size a file stays bytes.
    const folded = await collectFile(chunks("ab", "cd", new TextEncoder().encode("ef"), "ghij", "k"), 4);
    expect(folded).toBeInstanceOf(Blob);
    expect(await text(folded)).toBe("abcdefghijk");
    const small = await collectFile(chunks("ab", "cd", "é"), 100);
    expect(small).toBeInstanceOf(Uint8Array);
    expect(await text(small)).toBe("abcdé");
  });

  it("copies a chunk the exporter may reuse afterwards", async () => {
    const buffer = new Uint8Array([7, 7]);
    const collected = collectFile(
      (async function* () {
        yield buffer;
        buffer.fill(0);
        yield buffer;
      })(),
    );
    expect([...(await bytesOf(await collected))]).toEqual([7, 7, 0, 0]);
  });
});

describe("zipTarget", () => {
  const sink = (queue: FragmentQueue<ZipEntry>, folder = "fmt", names = new Set<string>()) => ({
    plugin: "fmt",
    folder,
    queue,
    names,
    open: async (path: string) => new Blob([`copy of ${path}`]),
  });

  it("queues each file whole, named under its folder, copies from the picked files, and counts bytes", async () => {
    const queue = new FragmentQueue<ZipEntry>(10);
    const files: OutputFile[] = [
      { path: "a.json", contents: '{"a":1}' },
      { path: "big.xml", contents: chunks("<a>", "</a>") },
      { path: "images/Y1.png", copyFrom: "/imgs/Y1.png" },
    ];
    const written = await zipTarget(chunksOf(files), sink(queue));
    queue.close();
    const entries: [string, string][] = [];
    for await (const entry of queue) entries.push([entry.name, await text(entry.input)]);
    expect(entries).toEqual([
      ["fmt/a.json", '{"a":1}'],
      ["fmt/big.xml", "<a></a>"],
      ["fmt/images/Y1.png", "copy of /imgs/Y1.png"],
    ]);
    expect(written).toEqual({ files: 3, bytes: 14 });
  });

  it("never queues a file that is still streaming, so other formats' files pass it", async () => {
    const queue = new FragmentQueue<ZipEntry>(10);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const slow = zipTarget(chunksOf([{ path: "stream.xml", contents: (async function* () {
      yield "<a>";
      await gate;
      yield "</a>";
    })() }]), sink(queue, "slow"));
    await zipTarget(chunksOf([{ path: "quick.txt", contents: "q" }]), sink(queue, "quick"));
    expect(queue.length).toBe(1);
    release();
    await slow;
    queue.close();
    const names: string[] = [];
    for await (const entry of queue) names.push(entry.name);
    expect(names).toEqual(["quick/quick.txt", "slow/stream.xml"]);
  });

  it("refuses unsafe paths and a path written twice, as the CLI does", async () => {
    const unsafe = await zipTarget(chunksOf([{ path: "../x", contents: "" }]), sink(new FragmentQueue(10))).catch((error: unknown) => error);
    expect(isMaskportError(unsafe) && unsafe.code).toBe("OUTPUT_PATH_ESCAPES");
    const twice = await zipTarget(chunksOf([{ path: "a", contents: "" }, { path: "a", contents: "" }]), sink(new FragmentQueue(10))).catch((error: unknown) => error);
    expect(isMaskportError(twice) && [twice.code, twice.plugin]).toEqual(["PLUGIN_FAILED", "fmt"]);
    expect((twice as Error).message).toContain("wrote a twice");
  });

  it("stamps an exporter's own failure with its name", async () => {
    const failing = (async function* (): AsyncIterable<OutputFile> {
      yield { path: "a", contents: "" };
      throw new Error("boom");
    })();
    const error = await zipTarget(failing, sink(new FragmentQueue(10))).catch((caught: unknown) => caught);
    expect(isMaskportError(error) && [error.code, error.plugin, error.stage]).toEqual(["PLUGIN_FAILED", "fmt", "write"]);
  });
});

async function* chunksOf<T>(items: readonly T[]): AsyncIterable<T> {
  for (const item of items) yield item;
}

describe("blobSpool", () => {
  it("gives the records back in push order, newlines and all, across Blob folds", async () => {
    const spool = blobSpool(10);
    const records = Array.from({ length: 50 }, (_, i) => (i % 7 === 0 ? `line ${i}\nnext "quoted" é` : `r${i}`));
    for (const record of records) spool.push(record);
    expect(spool.length).toBe(50);
    const out: string[] = [];
    for await (const record of spool.drain()) out.push(record);
    expect(out).toEqual(records);
    expect(() => spool.push("late")).toThrow();
  });
});
