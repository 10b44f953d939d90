import { describe, expect, it } from "vitest";
import { blobFileSource } from "./blob-files.ts";
import { listFiles, listFolders } from "./list-files.ts";

const text = (value: string): Blob => new Blob([value]);
const source = blobFileSource([
  { path: "/data/labelmap.txt", blob: text("0: Background\n") },
  { path: "/data/masks/a.png", blob: text("A") },
  { path: "/data/masks/deep/b.png", blob: text("BB") },
  { path: "/data/.hidden/c.png", blob: text("C") },
  { path: "//data/./other/../masks/d.png", blob: text("D") },
]);

describe("blobFileSource", () => {
  it("makes folders of the paths' prefixes", async () => {
    expect(await source.kind("/data")).toBe("folder");
    expect(await source.kind("/data/masks/")).toBe("folder");
    expect(await source.kind("/data/masks/a.png")).toBe("file");
    expect(await source.kind("/data/nothing")).toBeUndefined();
    expect(await source.kind("/")).toBe("folder");
    expect(await listFolders(source, "/data")).toEqual(["masks"]);
  });

  it("lists files as the Node listing does: sorted, relative, hidden entries skipped", async () => {
    expect(await listFiles(source, "/data", (name) => name.endsWith(".png"))).toEqual(["masks/a.png", "masks/d.png", "masks/deep/b.png"]);
  });

  it("reads whole files and heads, and refuses what is not there", async () => {
    expect(new TextDecoder().decode(await source.read("/data/masks/deep/b.png"))).toBe("BB");
    expect(new TextDecoder().decode(await source.read("/data/labelmap.txt", 3))).toBe("0: ");
    await expect(source.read("/data/masks/zz.png")).rejects.toThrow(/no such file/);
    await expect(source.read("/data/masks")).rejects.toThrow(/no such file/);
  });

  it("shows paths as the user picked them, without the leading slash", () => {
    expect(source.show("/data/masks/a.png")).toBe("data/masks/a.png");
    expect(source.show("/")).toBe(".");
  });
});
