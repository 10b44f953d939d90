// Issue 21: memory follows what a CVAT XML really holds, not the image or <mask> box sizes it
// declares. A polygon is rasterised in its own box clipped to the image, a <mask> decoded
// into the box of its set pixels inside the image; an <image> size that is not sane or above
// the pixel limit is refused when the XML is read, naming the file and the image. Each check
// bounds time (5 s, where milliseconds are expected) and the growth of this process's peak
// RSS (200 MB, where the declared sizes would take gigabytes).
import { decodeCvatRle, type Instance } from "@maskport/core";
import { MAX_PIXELS_ENV } from "@maskport/core/node";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { boundedRun, expectBounded, expectRefused } from "../../core/src/node/__fixtures__/bounded-run.ts";
import { readCvatXml } from "./cvat-importer.ts";
import { cropUnion, decodeMaskShape } from "./decode-cvat-shape.ts";

afterEach(() => void delete process.env[MAX_PIXELS_ENV]);

const FILE = "/data/annotations.xml";
const META = `<version>1.1</version><meta><task><subset>default</subset><labels><label><name>tumor</name><color>#fa3253</color></label></labels></task></meta>`;
const xml = (width: number | string, height: number | string, shapes: string): string =>
  `<?xml version="1.0" encoding="utf-8"?><annotations>${META}<image id="0" name="scans/a.png" width="${width}" height="${height}">${shapes}</image></annotations>`;
/** The corner square (10,10)–(20,20): 100 pixels for pycocotools. */
const SQUARE = `<polygon label="tumor" points="10,10;20,10;20,20;10,20" z_order="0"/>`;
const mask = (left: number | string, top: number | string, width: number | string, height: number | string, rle: string): string =>
  `<mask label="tumor" rle="${rle}" left="${left}" top="${top}" width="${width}" height="${height}" z_order="0"/>`;

/** Reads the XML and loads every sample, measured; the instances of all samples. */
function importMeasured(text: string) {
  return boundedRun(async () => {
    const dataset = readCvatXml(text, FILE, { report: () => {} });
    const instances: Instance[] = [];
    for await (const ref of dataset.refs()) instances.push(...(await dataset.load(ref)).instances);
    return instances;
  });
}

const summary = (instances: readonly Instance[] | undefined) => instances?.map(({ bbox, area, bitmap }) => ({ bbox, area, size: bitmap.data.length }));

describe("cvat importer: declared <image> sizes", () => {
  it("refuses a 10×10 polygon on an image declared 100000×100000 when the XML is read (IMAGE_TOO_LARGE, naming the file and the image)", async () => {
    const run = await importMeasured(xml(100_000, 100_000, SQUARE));
    expectRefused(run, "IMAGE_TOO_LARGE", FILE, 'image "scans/a.png" (id 0) declares 100000×100000 pixels', "above the limit of 250 megapixels");
    expectBounded(run);
  });

  it("refuses widths and heights of 2³² (fuzzed) as INVALID_INPUT naming the image, even with the pixel limit raised", async () => {
    for (const limit of [undefined, String(2 ** 53 - 1)]) {
      if (limit !== undefined) process.env[MAX_PIXELS_ENV] = limit;
      for (const [width, height, name] of [[2 ** 32, 1, "width"], [1, 2 ** 32, "height"], [2 ** 32, 2 ** 32, "width"]] as const) {
        const run = await importMeasured(xml(width, height, SQUARE));
        expectRefused(run, "INVALID_INPUT", FILE, `image "scans/a.png" (id 0): ${name} 4294967296 is not a whole number of pixels from 1 to 2³¹`);
        expectBounded(run);
      }
    }
  });

  it("refuses a polygon covering a declared 30000×30000 image (IMAGE_TOO_LARGE)", async () => {
    const run = await importMeasured(xml(30_000, 30_000, `<polygon label="tumor" points="0,0;30000,0;30000,30000;0,30000" z_order="0"/>`));
    expectRefused(run, "IMAGE_TOO_LARGE", FILE, "declares 30000×30000 pixels (900 megapixels)");
    expectBounded(run);
  });

  it("a declared size past a raised limit costs only the shapes' boxes: polygons and a mask on 30000² and 100000² images", async () => {
    process.env[MAX_PIXELS_ENV] = "10000000000";
    for (const side of [30_000, 100_000]) {
      // Fractional vertices: the polygon the old decoder rasterised over the whole frame.
      const run = await importMeasured(xml(side, side, `<polygon label="tumor" points="10.5,10.5;20.5,10.5;20.5,20.5;10.5,20.5" z_order="0"/>` + mask(50, 60, 3, 2, "1,2,1,2")));
      expect(run.error).toBeUndefined();
      expect(summary(run.result)).toEqual([
        { bbox: { x: 11, y: 11, width: 10, height: 10 }, area: 100, size: 100 },
        { bbox: { x: 51, y: 60, width: 2, height: 2 }, area: 4, size: 4 },
      ]);
      expectBounded(run);
    }
  });

  it("refuses a point beyond ±2³¹ as INVALID_INPUT naming the image", async () => {
    const run = await importMeasured(xml(100, 100, `<polygon label="tumor" points="10,10;1e300,10;20,20" z_order="0"/>`));
    expectRefused(run, "INVALID_INPUT", FILE, 'image "scans/a.png" (id 0): point "1e300,10" is beyond ±2³¹');
    expectBounded(run);
  });
});

describe("cvat importer: <mask> boxes larger than the image", () => {
  it("decodes a 100000×100000 box on a 100×100 image into the box of its set pixels inside the image", async () => {
    // Row 10 of the box: columns 5..9 set; everything else 0.
    const run = await importMeasured(xml(100, 100, mask(0, 0, 100_000, 100_000, `1000005,5,${1e10 - 1_000_010}`)));
    expect(run.error).toBeUndefined();
    expect(summary(run.result)).toEqual([{ bbox: { x: 5, y: 10, width: 5, height: 1 }, area: 5, size: 5 }]);
    expectBounded(run);
  });

  it("a box of 2³¹ × 2²² whose runs set pixels across every row is clipped to the image in bounded time", async () => {
    // Columns 0..2 of every row of a box at (-1, -3): runs alternate 3 set, width − 3 clear.
    const width = 2 ** 31;
    const rows = 40;
    const runs = ["0"];
    for (let r = 0; r < rows; r++) runs.push("3", String(width - 3));
    const run = await importMeasured(xml(10, 20, mask(-1, -3, width, rows, runs.join(","))));
    expect(run.error).toBeUndefined();
    expect(summary(run.result)).toEqual([{ bbox: { x: 0, y: 0, width: 2, height: 20 }, area: 40, size: 40 }]);
    expectBounded(run);
  });

  it("refuses a box beyond 2³¹ or of more than 2⁵³ pixels as INVALID_MASK naming the image", async () => {
    const cases: [string, string][] = [
      [mask(0, 0, 2 ** 31 + 1, 1, String(2 ** 31 + 1)), `<mask label="tumor"> has width="2147483649", expected an integer from 0 to 2³¹`],
      [mask(-(2 ** 32), 0, 1, 1, "1"), `has left="-4294967296", expected an integer from -2147483648 to 2³¹`],
      [mask(0, 0, 2 ** 31, 2 ** 31, "1"), "has a 2147483648×2147483648 box, more than 2⁵³ pixels"],
    ];
    for (const [shape, message] of cases) {
      const run = await importMeasured(xml(10, 10, shape));
      expectRefused(run, "INVALID_MASK", FILE, `image "scans/a.png" (id 0): `, message);
      expectBounded(run);
    }
  });

  it("keeps exactly the pixels the whole box would have inside the image, for boxes anywhere (property)", () => {
    const where = { file: FILE, image: "image" };
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: -15, max: 15 }),
        fc.integer({ min: -15, max: 15 }),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 0, max: 20 }),
        fc.array(fc.nat(25), { maxLength: 30 }),
        (frameWidth, frameHeight, left, top, width, height, seedRuns) => {
          // Runs summing to width·height: the seed runs, cut at the box's end, then the rest clear or set.
          const runs: number[] = [];
          let left_ = width * height;
          for (const run of seedRuns) {
            const take = Math.min(run, left_);
            runs.push(take);
            left_ -= take;
          }
          runs.push(left_);
          const attributes = { label: "tumor", rle: runs.join(","), left: String(left), top: String(top), width: String(width), height: String(height) };
          const frame = { width: frameWidth, height: frameHeight };
          const expected = cropUnion([{ x: left, y: top, bitmap: decodeCvatRle(runs, width, height) }], frameWidth, frameHeight);
          const placed = decodeMaskShape(attributes, where, frame);
          expect(cropUnion([placed], frameWidth, frameHeight)).toEqual(expected);
          // The placed bitmap is the tight box itself, never more.
          expect(placed.bitmap.data.length).toBe(expected === undefined ? 0 : expected.bbox.width * expected.bbox.height);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
