import { mkdir, mkdtemp, readdir, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { MaskportError } from "@maskport/core";

/**
 * A staging folder beside `--out`. Output goes there; `commit` swaps it into place only after
 * the whole run succeeded, `discard` removes it, so a failure leaves `--out` as it was.
 */
export interface StagedOutput {
  /** The staging folder (absolute). */
  readonly path: string;
  commit(): Promise<void>;
  discard(): Promise<void>;
}

/**
 * Checks `out` and creates its staging folder.
 * @throws MaskportError `OUTPUT_EXISTS` when `out` is a file, or a non-empty folder without `force`
 */
export async function stageOutput(out: string, force: boolean): Promise<StagedOutput> {
  const target = resolve(out);
  const existing = await describe(target);
  if (existing === "file") throw new MaskportError("OUTPUT_EXISTS", "is a file, not a folder", { file: out, hint: "Choose another --out." });
  if (existing === "non-empty" && !force)
    throw new MaskportError("OUTPUT_EXISTS", "is not empty", { file: out, hint: "Pass --force to replace it (only after the conversion succeeds), or choose another --out." });
  // Beside the target, so the final rename stays on one file system.
  await mkdir(dirname(target), { recursive: true });
  const path = await mkdtemp(join(dirname(target), `.${basename(target)}.maskport-`));
  return {
    path,
    async commit() {
      const now = await describe(target);
      if (now === "missing") return rename(path, target);
      if (now === "empty") {
        await rm(target, { recursive: true });
        return rename(path, target);
      }
      // --force: move the old folder aside, swap, then delete it.
      const old = `${path}.old`;
      await rename(target, old);
      try {
        await rename(path, target);
      } catch (error) {
        await rename(old, target);
        throw error;
      }
      await rm(old, { recursive: true, force: true });
    },
    async discard() {
      await rm(path, { recursive: true, force: true });
    },
  };
}

// --- internal ---

async function describe(path: string): Promise<"missing" | "file" | "empty" | "non-empty"> {
  try {
    const info = await stat(path);
    if (!info.isDirectory()) return "file";
    return (await readdir(path)).length === 0 ? "empty" : "non-empty";
  } catch {
    return "missing";
  }
}
