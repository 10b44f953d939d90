// The OUTPUT_NOT_WRITABLE errors of the staging folder, in-process: the file system's refusals
// that a test running as root cannot provoke (root writes into read-only folders) are simulated.
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { stageOutput } from "../src/output-folder.ts";

vi.mock("node:fs/promises", async (importOriginal) => {
  const actual = await importOriginal<typeof import("node:fs/promises")>();
  return { ...actual, mkdir: vi.fn(actual.mkdir) };
});

const root = mkdtempSync(join(tmpdir(), "maskport-not-writable-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The error Node gives for a refused mkdir. */
const refused = (code: string): NodeJS.ErrnoException => Object.assign(new Error(`${code}: refused, mkdir '${join(root, "locked")}'`), { code, syscall: "mkdir" });

describe("stageOutput", () => {
  it.each([
    ["EACCES", "permission denied"],
    ["EPERM", "permission denied"],
    ["EROFS", "read-only file system"],
  ])("turns %s from creating the staging folder into OUTPUT_NOT_WRITABLE naming the folder", async (code, why) => {
    vi.mocked(mkdir).mockRejectedValueOnce(refused(code));
    const out = join(root, "locked", "out");
    await expect(stageOutput(out, false)).rejects.toMatchObject({
      code: "OUTPUT_NOT_WRITABLE",
      file: out,
      message: `${out}: cannot create it: ${join(root, "locked")} is not writable (${why})`,
      hint: "Choose an --out in a folder you can write to.",
    });
  });

  it("still stages a writable --out", async () => {
    const staged = await stageOutput(join(root, "fine", "out"), false);
    await staged.discard();
  });

  it.each([0o002, 0o022, 0o027])("creates the staging folder, and so --out, with the umask's permissions (umask %o)", async (umask) => {
    const previous = process.umask(umask);
    try {
      const out = join(root, `umask-${umask.toString(8)}`, "out");
      const staged = await stageOutput(out, false);
      expect(statSync(staged.path).mode & 0o777).toBe(0o777 & ~umask);
      await staged.commit();
      expect(statSync(out).mode & 0o777).toBe(0o777 & ~umask);
    } finally {
      process.umask(previous);
    }
  });
});
