// The --report HTML opened in a real headless browser (a system Chromium driven by
// playwright-core). The test installs nothing: `.ci/run` installs Debian's chromium first; where
// no Chromium is found (or it does not launch) the browser checks are skipped, saying why.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runInProcess, writeMaskDataset } from "./in-process.ts";

/** Where Chromium may be: `MASKPORT_CHROMIUM` first, then the usual Linux paths. */
const CANDIDATES = [process.env["MASKPORT_CHROMIUM"], "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome", "/usr/bin/google-chrome-stable"];
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

/** The first Chromium found, or why there is none. */
function findChromium(): { path: string } | { missing: string } {
  const path = CANDIDATES.find((candidate) => candidate !== undefined && candidate !== "" && existsSync(candidate));
  if (path !== undefined) return { path };
  return { missing: `no Chromium at ${CANDIDATES.filter(Boolean).join(", ")} (install Debian's chromium, as .ci/run does, or set MASKPORT_CHROMIUM)` };
}

// Each image: instance 1 = a 3×3 block at columns 1–3, rows 5–7; instance 2 = two 2×2 blocks on
// rows 1–2 (columns 1–2 and 5–6). YOLO parts=bridge joins instance 2's parts with a zero-width
// bridge that cv2.fillPoly fills on one row, columns 3–4: 2 added pixels, IoU 8/10 = 0.8.
const RASTER = ["000000000", "022002200", "022002200", "000000000", "000000000", "011100000", "011100000", "011100000"];

describe("convert --report in a headless browser", () => {
  let dir: string;
  let browser: BrowserContext | undefined;
  let unavailable: string | undefined;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "maskport-report-"));
    writeMaskDataset(join(dir, "data"), { "<b>&a": RASTER, b: RASTER });
    const found = findChromium();
    if ("missing" in found) unavailable = found.missing;
    else {
      try {
        browser = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "maskport-chromium-")), { executablePath: found.path, args: ARGS, headless: true });
      } catch (error) {
        unavailable = `${found.path} does not launch: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`;
      }
    }
    if (unavailable !== undefined) console.warn(`report-browser.test.ts: browser checks skipped: ${unavailable}`);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("writes the JSON twin with the counts", async () => {
    const result = await runInProcess(["convert", "data", "--to", "coco", "--to", "yolo", "--yolo.parts=bridge", "--out", "out", "--report", "report.html", "-j", "1", "--quiet"], dir);
    expect(result.error).toBeUndefined();
    const report = JSON.parse(readFileSync(join(dir, "report.json"), "utf8"));
    expect(report.summary).toMatchObject({ images: 2, instances: 4, instancesPerLabel: { tumor: 4 } });
    expect(report.summary.formats).toEqual([
      { format: "coco", instances: 4, exact: 4, lossy: 0, worstIou: 1, lost: 0, added: 0 },
      { format: "yolo", instances: 4, exact: 2, lossy: 2, worstIou: 0.8, lost: 0, added: 4 },
    ]);
    expect(report.images.map((image: { id: string }) => image.id)).toEqual(["<b>&a", "b"]);
    expect(report.images[0].instances[0].formats.yolo).toEqual({ encoding: "polygon", lost: 0, added: 0, iou: 1 });
    expect(report.images[0].instances[1].formats.yolo).toEqual({ encoding: "polygon", lost: 0, added: 2, iou: 0.8 });
    expect(report.images[0].instances[1].warnings[0]).toContain("LOSSY_ENCODING");
    expect(report.images[0].thumbnail).toBeUndefined();
  });

  it("renders without console errors, shows the counts, escapes names, and sorts by IoU", async (context) => {
    if (browser === undefined) {
      context.skip(`no headless browser: ${unavailable}`);
      return;
    }
    const page = await browser.newPage();
    const problems: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error" || message.type() === "warning") problems.push(`${message.type()}: ${message.text()}`);
    });
    page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
    page.on("request", (request) => {
      if (!request.url().startsWith("file:") && !request.url().startsWith("data:")) problems.push(`network: ${request.url()}`);
    });
    await page.goto(pathToFileURL(join(dir, "report.html")).href);
    const text = (selector: string): Promise<string> => page.$eval(selector, (element) => element.textContent ?? "");
    expect(await text('#summary [data-key="images"]')).toBe("2");
    expect(await text('#summary [data-key="instances"]')).toBe("4");
    expect(await text('[data-label-count="tumor"]')).toBe("4");
    expect(await text('#formats tr[data-format="yolo"] [data-key="lossy"]')).toBe("2");
    expect(await text('#formats tr[data-format="yolo"] [data-key="worst-iou"]')).toBe("0.8000");
    expect(await text('#formats tr[data-format="coco"] [data-key="exact"]')).toBe("4");
    // The sample id "<b>&a" is text, not markup.
    expect(await page.$$eval("#instances tbody b", (elements) => elements.length)).toBe(0);
    expect(await text("#instances tbody tr:first-child td:first-child")).toBe("<b>&a");
    // Thumbnails are inlined and decode: the 9×8 previews fitted into 128 px → 128×114.
    const sizes = await page.$$eval("figure img", (images) => images.map((image) => [(image as unknown as { naturalWidth: number }).naturalWidth, (image as unknown as { naturalHeight: number }).naturalHeight]));
    expect(sizes).toEqual([
      [128, 114],
      [128, 114],
    ]);

    const firstRow = async (): Promise<string[]> => page.$$eval("#instances tbody tr:first-child td", (cells) => cells.map((cell) => cell.textContent ?? ""));
    // Unsorted, the first row is image "<b>&a" instance 1 (exact); by yolo IoU ascending, a bridged
    // instance 2 (0.8) comes first; descending, an exact one again.
    let row = await firstRow();
    expect([row[1], row[11]]).toEqual(["1", "1"]);
    await page.click('#instances th[data-iou="yolo"]');
    row = await firstRow();
    expect([row[1], row[11]]).toEqual(["2", "0.8000"]);
    await page.click('#instances th[data-iou="yolo"]');
    row = await firstRow();
    expect(row[11]).toBe("1");
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);
});
