// `npm run quickstart` runs (and prints) the commands of scripts/quickstart-steps.mjs: run
// them with the built CLI, into a temporary folder, and hold them to a clean first impression.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { REPO, runCli } from "./project.ts";

interface Steps {
  QUICKSTART_OUT: readonly string[];
  quickstartSteps(formats: readonly string[]): string[][];
}

const root = mkdtempSync(join(tmpdir(), "maskport-quickstart-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("the quick start", async () => {
  const { QUICKSTART_OUT, quickstartSteps } = (await import(pathToFileURL(join(REPO, "scripts/quickstart-steps.mjs")).href)) as Steps;
  const listed = runCli(REPO, ["plugins", "--json"]);
  const formats = (JSON.parse(listed.stdout) as { plugins: { kind?: string; name?: string; error?: unknown }[] }).plugins
    .filter((plugin) => plugin.kind === "exporter" && plugin.error === undefined && plugin.name !== "nifti")
    .map((plugin) => plugin.name!);
  const steps = quickstartSteps(formats).map((args) => args.map((arg) => (QUICKSTART_OUT.includes(arg) ? join(root, arg) : arg)));

  it("converts into every first-party format", () => {
    expect(formats).toEqual(expect.arrayContaining(["coco", "cvat", "mask", "yolo", "semantic", "nnunet", "monai", "sa1b"]));
  });

  it.each(steps.map((args) => [args.slice(0, 2).join(" "), args]))("%s finishes without a warning", (_name, args) => {
    const result = runCli(REPO, args as string[]);
    expect(result.status, result.stderr).toBe(0);
    expect(`${result.stdout}\n${result.stderr}`).not.toMatch(/^\s*warning\b/m);
  });

  it("inspects with the images, so it finds every raw image", () => {
    const inspect = steps.find((args) => args[0] === "inspect")!;
    expect(inspect).toContain("--images");
    expect(runCli(REPO, inspect).stdout).toContain("12 images, 12 with a raw image");
  });
});
