// Writes docs/web.png: the built page after converting the bundled sample (every format, raw
// images, a preview drawn). `node apps/web/scripts/screenshot.mjs` after a build; needs Chromium.
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { DIST, startServer } from "./serve.mjs";

const REPO = fileURLToPath(new URL("../../../", import.meta.url));
const SAMPLE = join(REPO, "examples/mri-brain-tumor");
const OUT = join(REPO, "docs/web.png");
const CHROMIUM = [process.env["MASKPORT_CHROMIUM"], "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].find((path) => path !== undefined && path !== "" && existsSync(path));
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

if (!existsSync(join(DIST, "index.html"))) throw new Error(`${DIST}index.html is missing: build the page first (npm run build)`);
if (CHROMIUM === undefined) throw new Error("no Chromium found (set MASKPORT_CHROMIUM)");
const server = await startServer();
const browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "maskport-shot-")), { executablePath: CHROMIUM, args: ARGS, headless: true, viewport: { width: 1100, height: 900 } });
try {
  const page = await browser.newPage();
  await page.goto(server.url);
  await page.setInputFiles("[data-testid=pick-folder]", join(SAMPLE, "segmentation_mask"));
  await page.setInputFiles("[data-testid=pick-images]", join(SAMPLE, "images"));
  for (const box of await page.locator("input[type=checkbox][data-testid^=format-]").all()) await box.check();
  await page.click("[data-testid=convert]");
  await page.waitForSelector("[data-testid=summary] li, [data-testid=error]:not([hidden])");
  if (!(await page.locator("[data-testid=error]").isHidden())) throw new Error(`the run failed: ${await page.locator("[data-testid=error]").textContent()}`);
  await page.selectOption("[data-testid=preview-sample]", { label: "Y9" });
  await page.selectOption("[data-testid=preview-format]", "yolo");
  await page.waitForFunction(() => document.querySelector("[data-testid=preview-note]")?.textContent?.startsWith("yolo"));
  await page.screenshot({ path: OUT, fullPage: true });
  console.log(`wrote ${OUT}`);
} finally {
  await browser.close();
  await server.close();
}
