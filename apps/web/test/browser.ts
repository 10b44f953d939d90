// Shared by the page's browser tests: the built page served from a sub-path, a system Chromium
// driven by playwright-core (as apps/cli/test/report-browser.test.ts does), and the built CLI.
// Nothing is built or installed here: `npm test` builds first; no Chromium → tests skip, saying why.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type BrowserContext } from "playwright-core";
import { DIST, startServer } from "../scripts/serve.mjs";

export const REPO = fileURLToPath(new URL("../../../", import.meta.url));
export const CLI = join(REPO, "apps/cli/dist/main.js");
export const SAMPLE = join(REPO, "examples/mri-brain-tumor");
export const FORMATS = ["coco", "sa1b", "cvat", "mask", "yolo", "semantic", "nnunet", "monai"] as const;

/** Where Chromium may be: `MASKPORT_CHROMIUM` first, then the usual Linux paths. */
const CANDIDATES = [process.env["MASKPORT_CHROMIUM"], "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** The built page and the CLI must exist: this test never builds. */
export function requireBuilt(): void {
  for (const [file, what] of [
    [join(DIST, "index.html"), "the web page (apps/web/dist)"],
    [CLI, "the CLI (apps/cli/dist)"],
  ] as const) {
    if (!existsSync(file)) throw new Error(`${file} is missing: build ${what} first (npm test builds everything; or npx pnpm@10.34.8 exec turbo run build)`);
  }
}

/** The built page served under a sub-path, and a headless Chromium (or why there is none). */
export interface Harness {
  readonly url: string;
  readonly origin: string;
  readonly browser: BrowserContext | undefined;
  readonly unavailable: string | undefined;
  close(): Promise<void>;
}

export async function startHarness(name: string): Promise<Harness> {
  requireBuilt();
  // A sub-path: the page's URLs must be relative.
  const server = await startServer({ base: "/some/sub/path/" });
  let browser: BrowserContext | undefined;
  let unavailable: string | undefined;
  const path = CANDIDATES.find((candidate) => candidate !== undefined && candidate !== "" && existsSync(candidate));
  if (path === undefined) unavailable = `no Chromium at ${CANDIDATES.filter(Boolean).join(", ")} (install Debian's chromium, as .ci/run does, or set MASKPORT_CHROMIUM)`;
  else {
    try {
      browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "maskport-web-chromium-")), { executablePath: path, args: ARGS, headless: true, acceptDownloads: true });
    } catch (error) {
      unavailable = `${path} does not launch: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`;
    }
  }
  if (unavailable !== undefined) console.warn(`${name}: browser checks skipped: ${unavailable}`);
  return {
    url: server.url,
    origin: new URL(server.url).origin,
    browser,
    unavailable,
    close: async () => {
      await browser?.close();
      await server.close();
    },
  };
}

/** Runs the built CLI (`node apps/cli/dist/main.js …`) in `cwd`. */
export function runCli(args: readonly string[], cwd: string): { status: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: "utf8" });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every file under `root`: relative `/` path → bytes. */
export function readTree(root: string): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>();
  for (const entry of readdirSync(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(relative(root, path).split("\\").join("/"), new Uint8Array(readFileSync(path)));
  }
  return files;
}

/** Waits for the run started on `page` to end; throws with the page's error text when it failed. */
export async function finishRun(page: import("playwright-core").Page): Promise<void> {
  await page.waitForSelector("[data-testid=summary] li, [data-testid=error]:not([hidden])", { timeout: 60_000 });
  const error = page.locator("[data-testid=error]");
  if (!(await error.isHidden())) throw new Error(`the page's run failed: ${await error.textContent()}`);
}
