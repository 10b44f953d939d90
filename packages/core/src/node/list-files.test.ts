import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listFiles } from "./list-files.ts";

describe("listFiles", () => {
  let root = "";
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "maskport-list-"));
    for (const file of ["b.png", "a.png", "a-1.png", "notes.txt", ".hidden.png", "z/y/x.png", "z/a.png", "m/.git/c.png", "m/b.png"]) {
      await mkdir(join(root, file, ".."), { recursive: true });
      await writeFile(join(root, file), "");
    }
    await symlink(join(root, "a.png"), join(root, "link.png"));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it("walks sub-folders, skips hidden entries, links and rejected names, and sorts by path", async () => {
    // Expected order is plain string order of the relative paths ('-' sorts before '.').
    expect(await listFiles(root, (name) => name.endsWith(".png"))).toEqual(["a-1.png", "a.png", "b.png", "m/b.png", "z/a.png", "z/y/x.png"]);
  });

  it("gives an empty list when nothing is accepted", async () => {
    expect(await listFiles(root, () => false)).toEqual([]);
  });
});
