import { mkdir, mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listFiles, listFolders } from "./list-files.ts";

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

  it("walks sub-folders, skips hidden entries and rejected names, follows links to files, and sorts by path", async () => {
    // Expected order is plain string order of the relative paths ('-' sorts before '.').
    // link.png (a link to a.png) used to be skipped without a word: a symlinked mask was lost.
    expect(await listFiles(root, (name) => name.endsWith(".png"))).toEqual(["a-1.png", "a.png", "b.png", "link.png", "m/b.png", "z/a.png", "z/y/x.png"]);
  });

  it("follows links to folders, refuses a loop and a broken link, and says so", async () => {
    const dir = await mkdtemp(join(tmpdir(), "maskport-links-"));
    try {
      await mkdir(join(dir, "real/deep"), { recursive: true });
      await writeFile(join(dir, "real/deep/m.png"), "");
      await symlink(join(dir, "real"), join(dir, "linked"));
      await symlink(dir, join(dir, "real/deep/up")); // back to the top: a loop
      await symlink(join(dir, "gone.png"), join(dir, "broken.png"));
      await symlink(join(dir, "gone.txt"), join(dir, "broken.txt"));
      const skipped: string[] = [];
      const files = await listFiles(dir, (name) => name.endsWith(".png"), (path, reason) => skipped.push(`${path}: ${reason}`));
      expect(files).toEqual(["linked/deep/m.png", "real/deep/m.png"]);
      expect(await listFolders(dir)).toEqual(["linked", "real"]);
      expect(skipped.sort()).toEqual([
        "broken.png: a broken symbolic link",
        "linked/deep/up: a symbolic link to a folder it is inside (a loop)",
        "real/deep/up: a symbolic link to a folder it is inside (a loop)",
      ]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it("gives an empty list when nothing is accepted", async () => {
    expect(await listFiles(root, () => false)).toEqual([]);
  });
});
