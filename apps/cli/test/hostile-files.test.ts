// Hostile and broken inputs through the built CLI (issue 21): each gives its named error, naming
// the file, with exit 1 (2 for usage), no stack trace, and --out left as it was.
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { deflateSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAX_PIXELS_ENV } from "@maskport/core/node";
import { encodePng, headerData, pngFromChunks } from "../../../packages/core/src/node/__fixtures__/encode-png.ts";
import { workerSetup } from "../src/encode-pool.ts";
import type { ConversionPlan } from "../src/run-conversion.ts";
import { createProject, type CliResult, type Project } from "./project.ts";

const LINKS = { "@maskport/exporter-coco": "packages/exporter-coco", "@maskport/exporter-yolo": "packages/exporter-yolo" };
const CVAT_LABELMAP = "# label:color_rgb:parts:actions\nTumor:250,50,83::\nbackground:0,0,0::\n";
const TUMOR = [250, 50, 83];
const BLACK = [0, 0, 0];
/** A 3×2 RGB class mask: Tumor on the left two columns. */
const CLASS = encodePng({ width: 3, height: 2, colorType: 2, bitDepth: 8, samples: [TUMOR, TUMOR, BLACK, TUMOR, TUMOR, BLACK].flat() });
/** 69 bytes declaring 30000×30000 RGB: 2.7 GB of rows. */
const HUGE = pngFromChunks([
  ["IHDR", headerData(30000, 30000, 8, 2)],
  ["IDAT", deflateSync(new Uint8Array(100))],
  ["IEND", new Uint8Array(0)],
]);

/** The checks every refusal shares: exit status, the error line naming the file, no stack, no "bug". */
function expectRefused(result: CliResult, status: 1 | 2, errorLine: string | RegExp): void {
  expect(result.status, result.stderr).toBe(status);
  if (typeof errorLine === "string") expect(result.stderr).toContain(errorLine);
  else expect(result.stderr).toMatch(errorLine);
  expect(result.stderr).not.toMatch(/^\s+at /m);
  expect(result.stderr).not.toContain("this is a bug");
}

describe("hostile and broken files through the CLI", () => {
  let project: Project;
  const write = (path: string, contents: string | Uint8Array): void => {
    mkdirSync(dirname(project.path(path)), { recursive: true });
    writeFileSync(project.path(path), contents);
  };
  /** Every entry of the project folder, `out/keep.txt`'s text: what a refused run must leave as it was. */
  const snapshot = (): [string[], string] => [readdirSync(project.dir).sort(), readFileSync(project.path("out", "keep.txt"), "utf8")];

  beforeAll(() => {
    project = createProject({ dependencies: Object.fromEntries(Object.keys(LINKS).map((name) => [name, "workspace:^"])), link: LINKS, files: { "out/keep.txt": "precious\n" } });
    write("huge/labelmap.txt", CVAT_LABELMAP);
    write("huge/CLASS/huge.png", HUGE);
    write("broken/labelmap.txt", CVAT_LABELMAP);
    write("broken/CLASS/a-truncated.png", CLASS.subarray(0, 45));
    const badCrc = CLASS.slice();
    badCrc[42] = (badCrc[42] ?? 0) ^ 0xff;
    write("broken/CLASS/b-bad-crc.png", badCrc);
    write("broken/CLASS/c-palette.png", encodePng({ width: 2, height: 1, colorType: 3, bitDepth: 8, samples: [0, 1], palette: [[40, 40, 40], [250, 50, 83]] }));
    write("broken/CLASS/d-fine.png", CLASS);
    write("utf16/labelmap.txt", Uint8Array.from([0xff, 0xfe, ...[...new TextEncoder().encode(CVAT_LABELMAP)].flatMap((byte) => [byte, 0])]));
    write("utf16/CLASS/a.png", CLASS);
    write("orphan/labelmap.txt", CVAT_LABELMAP);
    write("orphan/Y_OBJECT_png/Y1.png", CLASS);
    write("good/labelmap.txt", CVAT_LABELMAP);
    write("good/CLASS/a.png", CLASS);
    write("good/CLASS/b.png", CLASS);
    write("good/raw/a.jpg", "<html>403 Forbidden</html>");
    write("good/raw/b.png", CLASS);
    write("a-file", "I am a file\n");
    write("yolo/data.yaml", "path: .\ntrain: train.txt\nnames:\n  0: tumor\n");
    write("yolo/train.txt", "./images/train/a.png\n");
    write("yolo/labels/train/a.txt", "0 0.1 0.1 0.9 0.1 0.9 0.9\n");
  });
  afterAll(() => project.remove());

  it("refuses a 69-byte PNG declaring 30000×30000 at once (IMAGE_TOO_LARGE); --max-pixels lifts the limit and the data is found too short", () => {
    const before = snapshot();
    const started = Date.now();
    const refused = project.run(["convert", "huge", "--to", "coco", "--out", "out", "--force"]);
    expectRefused(refused, 1, "error IMAGE_TOO_LARGE: huge/CLASS/huge.png: declares 30000×30000 pixels (900 megapixels), above the limit of 250 megapixels");
    expect(refused.stderr).toContain("hint: If the image is real, raise the limit: --max-pixels 900000000");
    const raised = project.run(["convert", "huge", "--to", "coco", "--out", "out", "--force", "--max-pixels", "1000000000"]);
    expectRefused(raised, 1, /error PNG_UNREADABLE: huge\/CLASS\/huge\.png: cannot read PNG \(69 bytes\): truncated or corrupt: 12 bytes of compressed image data cannot hold the 30000×30000 image/);
    const fromEnv = project.run(["convert", "huge", "--to", "coco", "--out", "out", "--force"], { [MAX_PIXELS_ENV]: "1000000000" });
    expectRefused(fromEnv, 1, "error PNG_UNREADABLE: huge/CLASS/huge.png");
    // Three runs, each failing before it allocates for the claim: a few node start-ups' time.
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(snapshot()).toEqual(before);
    expectRefused(project.run(["convert", "huge", "--to", "coco", "--out", "x"], { [MAX_PIXELS_ENV]: "lots" }), 2, 'error INVALID_OPTION: MASKPORT_MAX_PIXELS="lots" is not a whole number of pixels ≥ 1');
  });

  it("inspect says what is wrong with each broken mask (truncated, bad CRC in which chunk, a palette colour no label has), with convert's hints", () => {
    const before = snapshot();
    const result = project.run(["inspect", "broken"]);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain("broken: mask format, 1 image (3 unreadable)");
    expect(result.stdout).toMatch(/error \[mask\]: broken\/CLASS\/a-truncated\.png: cannot read PNG \(45 bytes\): truncated: chunk IDAT at byte 33 declares \d+ bytes, the file holds 4 of them \(PNG_UNREADABLE\)\nhint: The file is damaged or not a PNG: export or copy it again\./);
    expect(result.stdout).toContain("broken/CLASS/b-bad-crc.png: cannot read PNG (");
    expect(result.stdout).toContain("bad CRC in chunk IDAT at byte 33: the file is corrupt (PNG_UNREADABLE)");
    expect(result.stdout).toContain("broken/CLASS/c-palette.png, pixel (x=0, y=0): colour (40,40,40) of palette index 0 is not a label colour in the labelmap (1 pixel)");
    expect(result.stdout).not.toMatch(/waitng|unrecognised content/);
    const converted = project.run(["convert", "broken", "--to", "coco", "--out", "out", "--force"]);
    expectRefused(converted, 1, "error PNG_UNREADABLE: broken/CLASS/a-truncated.png: cannot read PNG (45 bytes): truncated: chunk IDAT at byte 33");
    expect(converted.stderr).toContain("hint: The file is damaged or not a PNG: export or copy it again.");
    expect(snapshot()).toEqual(before);
  });

  it("names a UTF-16 labelmap and an OBJECT folder without CLASS folder (without --from)", () => {
    expectRefused(project.run(["convert", "utf16", "--to", "coco", "--out", "x"]), 1, "error LABELMAP_MALFORMED: utf16/labelmap.txt: the labelmap is UTF-16 text (a NUL byte beside every character), not UTF-8");
    expectRefused(project.run(["convert", "orphan", "--to", "coco", "--out", "x"]), 1, "error OBJECT_WITHOUT_CLASS: orphan: object mask folder Y_OBJECT_png has no CLASS folder beside it");
    expect(existsSync(project.path("x"))).toBe(false);
  });

  it("refuses --out inside the input even with --force (OUTPUT_INSIDE_INPUT), leaving it as it was", () => {
    write("good/out/keep.txt", "old output\n");
    const result = project.run(["convert", "good", "--to", "coco", "--out", "good/out", "--force"]);
    expectRefused(result, 1, "error OUTPUT_INSIDE_INPUT: good/out: is inside the input folder good");
    expect(readdirSync(project.path("good/out"))).toEqual(["keep.txt"]);
    expect(readdirSync(project.path("good")).filter((name) => name.includes("maskport"))).toEqual([]);
  });

  it("refuses an --out whose parent is a file (OUTPUT_NOT_WRITABLE naming it)", () => {
    const before = snapshot();
    expectRefused(project.run(["convert", "good", "--to", "coco", "--out", "a-file/out"]), 1, "error OUTPUT_NOT_WRITABLE: a-file/out: cannot create it: a-file is a file, not a folder");
    expectRefused(project.run(["convert", "good", "--to", "coco", "--out", "a-file/deeper/out"]), 1, "error OUTPUT_NOT_WRITABLE: a-file/deeper/out: cannot create it: a-file is a file, not a folder");
    expect(snapshot()).toEqual(before);
  });

  // Root writes into read-only folders anyway (output-not-writable.test.ts covers the error in-process).
  it.skipIf(process.getuid?.() === 0)("refuses an --out whose parent is read-only (OUTPUT_NOT_WRITABLE naming it)", () => {
    mkdirSync(project.path("locked"));
    chmodSync(project.path("locked"), 0o555);
    try {
      expectRefused(project.run(["convert", "good", "--to", "coco", "--out", "locked/out"]), 1, "error OUTPUT_NOT_WRITABLE: locked/out: cannot create it: locked is not writable (permission denied)");
    } finally {
      chmodSync(project.path("locked"), 0o755);
    }
  });

  it("follows a symlinked mask, and does not copy a raw image that is not an image (a warning names it)", () => {
    symlinkSync(project.path("good/CLASS/a.png"), project.path("good/CLASS/linked.png"));
    const result = project.run(["convert", "good", "--images", "good/raw", "--to", "coco", "--out", "converted"]);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain("converted 3 samples from mask");
    expect(result.stderr).toMatch(/warning \[mask\] good\/raw\/a\.jpg a: good\/raw\/a\.jpg is not an image \(no PNG, JPEG, GIF, BMP, TIFF or WebP header\): not attached to the sample, so not copied \(IMAGE_UNREADABLE\)/);
    const copied: string[] = [];
    const walk = (dir: string): void => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) walk(`${dir}/${entry.name}`);
        else copied.push(entry.name);
      }
    };
    walk(project.path("converted"));
    expect(copied).toContain("b.png");
    expect(copied).not.toContain("a.jpg");
  });

  it("inspect takes the importers' options (--yolo.width/height), and refuses exporter-only ones (exit 2)", () => {
    const without = project.run(["inspect", "yolo"]);
    expect(without.status).toBe(1);
    expect(without.stdout).toContain("hint: Put the images where the list says, pass --images <folder>, or give the size: --yolo.width=<px> --yolo.height=<px>.");
    const sized = project.run(["inspect", "yolo", "--yolo.width", "40", "--yolo.height", "30"]);
    expect(sized.status, sized.stderr).toBe(0);
    expect(sized.stdout).toContain("sizes: 40×30 (1)");
    expectRefused(project.run(["inspect", "yolo", "--coco.pretty"]), 2, "unknown option '--coco.pretty'");
  });
});

describe("the pixel limit reaches worker threads", () => {
  it("with their setup, since a worker may start before --max-pixels is read", () => {
    const plan = {
      input: "in",
      importer: { name: "mask" },
      importerOptions: {},
      transforms: [],
      targets: [],
      sources: { importer: { url: "file:///x.js", exportName: "maskImporter" }, transforms: [], targets: [] },
    } as unknown as ConversionPlan;
    const saved = process.env[MAX_PIXELS_ENV];
    try {
      process.env[MAX_PIXELS_ENV] = "1234";
      expect(workerSetup(plan)?.maxPixels).toBe(1234);
      delete process.env[MAX_PIXELS_ENV];
      expect(workerSetup(plan)?.maxPixels).toBe(250_000_000);
    } finally {
      if (saved === undefined) delete process.env[MAX_PIXELS_ENV];
      else process.env[MAX_PIXELS_ENV] = saved;
    }
  });
});
