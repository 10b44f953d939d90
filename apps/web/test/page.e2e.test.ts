// The built page in headless Chromium converts the bundled sample exactly as the CLI does: the
// zip holds the same files with the same bytes, the summary the same numbers, and the page asks
// for nothing but its own files.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { finishRun, FORMATS, readTree, REPO, runCli, SAMPLE, startHarness, type Harness } from "./browser.ts";

describe("the web page converts the bundled sample like the CLI", () => {
  let harness: Harness;
  let dir: string;
  beforeAll(async () => {
    harness = await startHarness("page.e2e.test.ts");
    dir = mkdtempSync(join(tmpdir(), "maskport-web-"));
  }, 60_000);
  afterAll(async () => {
    await harness?.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it("zips every format byte for byte as `maskport convert` writes them", async (context) => {
    if (harness.browser === undefined) {
      context.skip(`no headless browser: ${harness.unavailable}`);
      return;
    }
    const page = await harness.browser.newPage();
    const requests: string[] = [];
    const problems: string[] = [];
    page.on("request", (request) => void requests.push(request.url()));
    page.on("pageerror", (error) => void problems.push(`pageerror: ${error.message}`));
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(`console: ${message.text()}`);
    });
    await page.goto(harness.url);
    await page.setInputFiles("[data-testid=pick-folder]", join(SAMPLE, "segmentation_mask"));
    await page.setInputFiles("[data-testid=pick-images]", join(SAMPLE, "images"));
    for (const format of FORMATS) await page.check(`[data-testid=format-${format}]`);
    await page.click("[data-testid=convert]");
    await finishRun(page);
    const lines = await page.locator("[data-testid=summary] li").allTextContents();

    const downloading = page.waitForEvent("download");
    await page.click("[data-testid=download]");
    const download = await downloading;
    expect(download.suggestedFilename()).toBe("maskport-output.zip");
    const zipped = unzipSync(new Uint8Array(readFileSync((await download.path())!)));
    const fromPage = new Map(Object.entries(zipped).filter(([name]) => !name.endsWith("/")));

    const out = join(dir, "cli-out");
    const cli = runCli(["convert", join(SAMPLE, "segmentation_mask"), "--images", join(SAMPLE, "images"), ...FORMATS.flatMap((format) => ["--to", format]), "--out", out, "--json"], REPO);
    expect(cli.status, cli.stderr).toBe(0);
    const fromCli = readTree(out);
    expect(fromCli.size).toBeGreaterThan(100);
    expect([...fromPage.keys()].sort()).toEqual([...fromCli.keys()].sort());
    const differing = [...fromCli].filter(([path, bytes]) => !Buffer.from(bytes).equals(Buffer.from(fromPage.get(path) ?? new Uint8Array())));
    expect(differing.map(([path]) => path)).toEqual([]);

    const result = JSON.parse(cli.stdout) as { targets: { format: string; instances: number; exact: number }[] };
    expect(lines).toEqual(result.targets.map((target) => `${target.format}: ${target.instances} instances, ${target.exact} exact`));
    expect(lines).toContain("coco: 20 instances, 20 exact");

    const bar = page.locator("[data-testid=progress]");
    expect([await bar.getAttribute("value"), await bar.getAttribute("max")]).toEqual(["12", "12"]);
    const foreign = requests.filter((url) => !url.startsWith(`${harness.origin}/`) && !url.startsWith("blob:") && !url.startsWith("data:"));
    expect(foreign).toEqual([]);
    expect(requests.every((url) => !url.startsWith(`${harness.origin}/`) || url.startsWith(`${harness.url}`))).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("writes one format straight into the zip's root, as the CLI writes straight into --out", async (context) => {
    if (harness.browser === undefined) {
      context.skip(`no headless browser: ${harness.unavailable}`);
      return;
    }
    const page = await harness.browser.newPage();
    await page.goto(harness.url);
    await page.setInputFiles("[data-testid=pick-folder]", join(SAMPLE, "segmentation_mask"));
    for (const format of FORMATS) await page.setChecked(`[data-testid=format-${format}]`, format === "yolo");
    await page.click("[data-testid=convert]");
    await finishRun(page);
    const downloading = page.waitForEvent("download");
    await page.click("[data-testid=download]");
    const zipped = unzipSync(new Uint8Array(readFileSync((await (await downloading).path())!)));
    const out = join(dir, "cli-yolo");
    expect(runCli(["convert", join(SAMPLE, "segmentation_mask"), "--to", "yolo", "--out", out, "--quiet"], REPO).status).toBe(0);
    const fromCli = readTree(out);
    expect(Object.keys(zipped).sort()).toEqual([...fromCli.keys()].sort());
    for (const [path, bytes] of fromCli) expect(Buffer.from(zipped[path]!).equals(Buffer.from(bytes)), path).toBe(true);
    expect(await page.locator("[data-testid=summary] li").allTextContents()).toEqual(["yolo: 20 instances, 20 exact"]);
    await page.close();
  });

  it("streams the zip into the file a save picker gave (File System Access), the same zip as the download", async (context) => {
    if (harness.browser === undefined) {
      context.skip(`no headless browser: ${harness.unavailable}`);
      return;
    }
    const page = await harness.browser.newPage();
    // The native picker cannot be driven headless: it "returns" a file of the origin's private file system.
    // (Page scripts as text: this file compiles without the DOM types.)
    await page.addInitScript({
      content: `window.showSaveFilePicker = async () => (await navigator.storage.getDirectory()).getFileHandle("picked.zip", { create: true });`,
    });
    await page.goto(harness.url);
    await page.setInputFiles("[data-testid=pick-folder]", join(SAMPLE, "segmentation_mask"));
    for (const format of FORMATS) await page.setChecked(`[data-testid=format-${format}]`, format === "coco" || format === "cvat");
    expect(await page.locator("[data-testid=save-as]").isVisible()).toBe(true);
    await page.click("[data-testid=save-as]");
    await finishRun(page);
    // Saved straight to the file: no download link.
    expect(await page.locator("[data-testid=download]").isHidden()).toBe(true);
    const saved = await page.evaluate<number[]>(`(async () => {
      const file = await (await (await navigator.storage.getDirectory()).getFileHandle("picked.zip")).getFile();
      return [...new Uint8Array(await file.arrayBuffer())];
    })()`);
    const zipped = unzipSync(new Uint8Array(saved));
    const out = join(dir, "cli-coco-cvat");
    expect(runCli(["convert", join(SAMPLE, "segmentation_mask"), "--to", "coco", "--to", "cvat", "--out", out, "--quiet"], REPO).status).toBe(0);
    const fromCli = readTree(out);
    expect(Object.keys(zipped).sort()).toEqual([...fromCli.keys()].sort());
    for (const [path, bytes] of fromCli) expect(Buffer.from(zipped[path]!).equals(Buffer.from(bytes)), path).toBe(true);
    await page.close();
  });
});
