// Every maskport output is an input in the page too: folders the CLI wrote (COCO, SA-1B, CVAT XML,
// YOLO, index masks, nnU-Net, MONAI, Segmentation mask 1.1) picked in the page convert to the same
// bytes as `maskport convert <that folder> --to <format>`.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { finishRun, FORMATS, readTree, REPO, runCli, SAMPLE, startHarness, type Harness } from "./browser.ts";

// Each picked output and the format it goes to (a different one, so the importer is what is tested).
const CHAINS = [
  ["coco", "yolo"],
  ["sa1b", "cvat"],
  ["cvat", "coco"],
  ["mask", "semantic"],
  ["yolo", "coco"],
  ["semantic", "mask"],
  ["nnunet", "monai"],
  ["monai", "nnunet"],
] as const;

describe("the web page reads every format the CLI writes", () => {
  let harness: Harness;
  let dir: string;
  beforeAll(async () => {
    harness = await startHarness("chain.e2e.test.ts");
    dir = mkdtempSync(join(tmpdir(), "maskport-web-chain-"));
    const first = runCli(["convert", join(SAMPLE, "segmentation_mask"), "--images", join(SAMPLE, "images"), ...FORMATS.flatMap((format) => ["--to", format]), "--out", join(dir, "first"), "--quiet"], REPO);
    if (first.status !== 0) throw new Error(first.stderr);
  }, 60_000);
  afterAll(async () => {
    await harness?.close();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  for (const [from, to] of CHAINS) {
    it(`${from} → ${to}: the zip holds what the CLI writes`, async (context) => {
      if (harness.browser === undefined) {
        context.skip(`no headless browser: ${harness.unavailable}`);
        return;
      }
      const page = await harness.browser.newPage();
      await page.goto(harness.url);
      await page.setInputFiles("[data-testid=pick-folder]", join(dir, "first", from));
      for (const format of FORMATS) await page.setChecked(`[data-testid=format-${format}]`, format === to);
      await page.click("[data-testid=convert]");
      await finishRun(page);
      const downloading = page.waitForEvent("download");
      await page.click("[data-testid=download]");
      const zipped = unzipSync(new Uint8Array(readFileSync((await (await downloading).path())!)));
      const out = join(dir, `${from}-${to}`);
      const cli = runCli(["convert", join(dir, "first", from), "--to", to, "--out", out, "--json"], REPO);
      expect(cli.status, cli.stderr).toBe(0);
      const fromCli = readTree(out);
      expect(Object.keys(zipped).filter((name) => !name.endsWith("/")).sort()).toEqual([...fromCli.keys()].sort());
      const differing = [...fromCli].filter(([path, bytes]) => !Buffer.from(zipped[path] ?? new Uint8Array()).equals(Buffer.from(bytes)));
      expect(differing.map(([path]) => path)).toEqual([]);
      const result = JSON.parse(cli.stdout) as { from: string; targets: { format: string; instances: number; exact: number }[] };
      expect(result.from).toBe(from);
      expect(await page.locator("[data-testid=summary] li").allTextContents()).toEqual(result.targets.map((t) => `${t.format}: ${t.instances} instances, ${t.exact} exact`));
      await page.close();
    });
  }
});
