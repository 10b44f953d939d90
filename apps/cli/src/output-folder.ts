import { randomBytes } from "node:crypto";
import { mkdir, readdir, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join, relative, resolve, sep } from "node:path";
import { MaskportError } from "@maskport/core";
import { pathKind } from "@maskport/core/node";

/**
 * Refuses an `--out` that would replace the input, or that lies inside an input folder (the
 * input would then hold the output, and a `--force` run read its own previous output).
 * @throws MaskportError `OUTPUT_EXISTS` when `out` is or contains the input; `OUTPUT_INSIDE_INPUT`
 */
export async function checkOutputOutsideInput(out: string, input: string): Promise<void> {
  const target = resolve(out);
  const source = resolve(input);
  if (target === source || source.startsWith(target + sep))
    throw new MaskportError("OUTPUT_EXISTS", "contains the input, so replacing it would delete the input", { file: out, hint: "Choose an --out outside the input." });
  if (!target.startsWith(source + sep)) return;
  if ((await pathKind(source)) === "folder")
    throw new MaskportError("OUTPUT_INSIDE_INPUT", `is inside the input folder ${input}: the output would be read as input (by a later run, or this one with --force)`, {
      file: out,
      hint: `Choose an --out outside ${input}.`,
    });
}

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
 * @throws MaskportError `OUTPUT_EXISTS` when `out` is a file, or a non-empty folder without `force`;
 *   `OUTPUT_NOT_WRITABLE` when the folder cannot be created (a file in the way, no permission)
 */
export async function stageOutput(out: string, force: boolean): Promise<StagedOutput> {
  const target = resolve(out);
  const existing = await describe(target);
  if (existing === "file") throw new MaskportError("OUTPUT_EXISTS", "is a file, not a folder", { file: out, hint: "Choose another --out." });
  if (existing === "non-empty" && !force)
    throw new MaskportError("OUTPUT_EXISTS", "is not empty", { file: out, hint: "Pass --force to replace it (only after the conversion succeeds), or choose another --out." });
  // Beside the target, so the final rename stays on one file system.
  let path: string;
  try {
    await mkdir(dirname(target), { recursive: true });
    path = await makeStagingFolder(target);
  } catch (error) {
    throw await notWritable(out, error);
  }
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

/**
 * Creates `.<out>.maskport-<random>` beside `target`. Not mkdtemp: that makes 0700 whatever
 * the umask, and this folder becomes --out, which colleagues and training jobs must read.
 */
async function makeStagingFolder(target: string): Promise<string> {
  for (let attempt = 0; ; attempt++) {
    const path = join(dirname(target), `.${basename(target)}.maskport-${randomBytes(6).toString("hex")}`);
    try {
      await mkdir(path);
      return path;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST" || attempt >= 10) throw error;
    }
  }
}

/**
 * OUTPUT_NOT_WRITABLE for a failure to create `out`'s staging folder beside it, naming the
 * folder in the way: a file where a folder is needed, or a folder that cannot be written.
 */
async function notWritable(out: string, error: unknown): Promise<unknown> {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== "string" || typeof (error as NodeJS.ErrnoException).syscall !== "string") return error;
  const parent = dirname(out);
  let reason = `cannot create it in ${parent} (${code})`;
  if (code === "ENOTDIR" || code === "EEXIST") {
    // Some folder on the way is a file: name the deepest one.
    let file = resolve(parent);
    while (dirname(file) !== file && (await pathKind(file)) !== "file") file = dirname(file);
    reason = `cannot create it: ${(await pathKind(file)) === "file" ? relative(process.cwd(), file) || file : parent} is a file, not a folder`;
  } else if (code === "EACCES" || code === "EPERM" || code === "EROFS") {
    reason = `cannot create it: ${parent} is not writable (${code === "EROFS" ? "read-only file system" : "permission denied"})`;
  }
  return new MaskportError("OUTPUT_NOT_WRITABLE", reason, { file: out, cause: error, hint: "Choose an --out in a folder you can write to." });
}

async function describe(path: string): Promise<"missing" | "file" | "empty" | "non-empty"> {
  try {
    const info = await stat(path);
    if (!info.isDirectory()) return "file";
    return (await readdir(path)).length === 0 ? "empty" : "non-empty";
  } catch {
    return "missing";
  }
}
