// Bad input in the browser: the page shows the CLI's named error (same code, same file) and
// offers no zip, not even the one of the run before.
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { finishRun, FORMATS, runCli, SAMPLE, startHarness, type Harness } from "./browser.ts";

/** Each bad folder, made from the bundled sample. */
const CASES: Record<string, (dir: string) => void> = {
  // A labelmap and a note, but no masks.
  nomasks: (dir) => {
    mkdirSync(dir);
    writeFileSync(join(dir, "labelmap.txt"), "# label:color_rgb:parts:actions\nTumor:250,50,83::\nbackground:0,0,0::\n");
    writeFileSync(join(dir, "notes.txt"), "no masks here\n");
  },
  // A class mask with a valid PNG signature and garbage after it.
  corrupt: (dir) => {
    cpSync(join(SAMPLE, "segmentation_mask"), dir, { recursive: true });
    writeFileSync(join(dir, "brain_tumor_segmentation_mask_CLASS_png_format/Y2.png"), Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from("garbage after the signature")]));
  },
  // The masks' tumour colour is no longer the labelmap's.
  badcolor: (dir) => {
    cpSync(join(SAMPLE, "segmentation_mask"), dir, { recursive: true });
    const labelmap = join(dir, "labelmap.txt");
    writeFileSync(labelmap, readFileSync(labelmap, "utf8").replace("Tumor:250,50,83::", "Tumor:250,50,84::"));
  },
};

describe("the web page on bad input", () => {
  let harness: Harness;
  let dir: string;
  let page: Page | undefined;
  beforeAll(async () => {
    harness = await startHarness("bad-input.e2e.test.ts");
    dir = mkdtempSync(join(tmpdir(), "maskport-web-bad-"));
    for (const [name, make] of Object.entries(CASES)) make(join(dir, name));
    page = await harness.browser?.newPage();
    await page?.goto(harness.url);
  }, 60_000);
  afterAll(async () => {
    await harness?.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  for (const name of Object.keys(CASES)) {
    it(`${name}: the CLI's error code and file, and no download`, async (context) => {
      if (page === undefined) {
        context.skip(`no headless browser: ${harness.unavailable}`);
        return;
      }
      const cli = runCli(["convert", name, "--to", "coco", "--out", join(dir, `out-${name}`), "--json"], dir);
      expect(cli.status).not.toBe(0);
      const expected = (JSON.parse(cli.stdout) as { ok: boolean; error: { code: string; file?: string } }).error;
      expect(expected.code).toMatch(/^[A-Z_]+$/);
      expect(expected.file).toBeDefined();

      // A good run first: its download must go when the bad run starts.
      await convert(page, join(SAMPLE, "segmentation_mask"));
      await finishRun(page);
      expect(await page.locator("[data-testid=download]").isHidden()).toBe(false);
      await convert(page, join(dir, name));
      await page.waitForSelector("[data-testid=error]:not([hidden])");
      const box = page.locator("[data-testid=error]");
      const shown = { code: await box.getAttribute("data-code"), file: await box.getAttribute("data-file"), text: await box.textContent() };
      expect({ code: shown.code, file: shown.file }).toEqual({ code: expected.code, file: expected.file });
      expect(shown.text).toContain(expected.code);
      expect(shown.text).toContain(expected.file);
      expect(await page.locator("[data-testid=download]").isHidden()).toBe(true);
      expect(await page.locator("[data-testid=download]").getAttribute("href")).toBeNull();
      expect(await page.locator("[data-testid=summary] li").count()).toBe(0);
    });
  }
});

async function convert(page: Page, folder: string): Promise<void> {
  await page.setInputFiles("[data-testid=pick-folder]", folder);
  for (const format of FORMATS) await page.setChecked(`[data-testid=format-${format}]`, format === "coco");
  await page.click("[data-testid=convert]");
}
