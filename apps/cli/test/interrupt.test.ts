// Issue 21: a conversion stops soon after SIGTERM or SIGINT, whichever thread the samples are
// decoded in: every loop is bounded by what an input really holds, so the signal is handled
// between two samples. The run exits 130 and leaves --out as it was, with no staging or spool
// folder behind.
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI, createProject, type Project } from "./project.ts";

const LINKS = { "@maskport/exporter-coco": "packages/exporter-coco", "@maskport/exporter-cvat": "packages/exporter-cvat" };
/** Enough 1024×1024 samples, each a polygon covering most of it, to take tens of seconds. */
const SAMPLES = 4000;
const SIDE = 1024;

/** A COCO file of `SAMPLES` images, each with a 12-vertex polygon of ~0.7 MP. */
function longCoco(): string {
  const polygon = Array.from({ length: 12 }, (_, i) => {
    const angle = (i / 12) * 2 * Math.PI;
    return [SIDE / 2 + 480 * Math.cos(angle), SIDE / 2 + 480 * Math.sin(angle)];
  }).flat();
  return JSON.stringify({
    categories: [{ id: 1, name: "tumor" }],
    images: Array.from({ length: SAMPLES }, (_, i) => ({ id: i + 1, width: SIDE, height: SIDE, file_name: `s${i}.png` })),
    annotations: Array.from({ length: SAMPLES }, (_, i) => ({ id: i + 1, image_id: i + 1, category_id: 1, iscrowd: 0, segmentation: [polygon] })),
  });
}

describe("interrupting a long conversion", () => {
  let project: Project;
  beforeAll(() => {
    project = createProject({
      dependencies: Object.fromEntries(Object.keys(LINKS).map((name) => [name, "workspace:^"])),
      link: LINKS,
      files: { "long/annotations/instances_default.json": longCoco(), "out/keep.txt": "precious\n" },
    });
  });
  afterAll(() => project.remove());
  const listing = (): string[] => readdirSync(project.dir).sort();

  it.each([
    ["SIGTERM", "1"],
    ["SIGTERM", "2"],
    ["SIGINT", "2"],
  ] as const)("%s with --jobs %s: exits 130 within 2 s, --out untouched, nothing left behind", async (signal, jobs) => {
    const before = listing();
    const child = spawn(process.execPath, [CLI, "convert", "long", "--to", "cvat", "--out", "out", "--force", "--jobs", jobs], { cwd: project.dir, env: { ...process.env, NO_COLOR: "1" } });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    // Interrupt once samples are being converted: the staging folder exists, and then some.
    const staging = (): boolean => listing().some((name) => name.startsWith(".out.maskport-"));
    for (let i = 0; i < 600 && !staging(); i++) await new Promise((r) => setTimeout(r, 50));
    expect(staging(), stderr).toBe(true);
    await new Promise((r) => setTimeout(r, 500));
    const sent = performance.now();
    child.kill(signal);
    const code = await exited;
    const seconds = (performance.now() - sent) / 1000;
    // Expected: well under 0.2 s. A sample takes ~10 ms; a loop bounded by a declared size
    // instead of real data would hold the signal for seconds to minutes.
    expect(seconds, stderr).toBeLessThan(2);
    expect(code, stderr).toBe(130);
    expect(stderr).toContain(`maskport: interrupted (${signal}); --out was left as it was`);
    expect(readdirSync(project.path("out"))).toEqual(["keep.txt"]);
    expect(readFileSync(project.path("out", "keep.txt"), "utf8")).toBe("precious\n");
    expect(listing()).toEqual(before);
  });
});
