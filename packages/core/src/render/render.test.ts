import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { compareBitmaps } from "../geometry/fidelity.ts";
import type { Instance, Labelmap } from "../types.ts";
import { drawText, textWidth } from "./bitmap-font.ts";
import { contactSheetSize, renderContactSheet } from "./contact-sheet.ts";
import { drawLine } from "./draw-line.ts";
import { compareNatural } from "./natural-order.ts";
import { ADDED_COLOR, BACKGROUND_GRAY, colorInstances, LOST_COLOR, renderOverlay } from "./render-overlay.ts";
import { blendPixel, createRgbaImage, scaleToFit, type RgbaImage } from "./rgba-image.ts";

const pixel = (image: RgbaImage, x: number, y: number): number[] => [...image.data.subarray((y * image.width + x) * 4, (y * image.width + x) * 4 + 4)];

const labelmap: Labelmap = {
  labels: [
    { id: 0, name: "background", color: [0, 0, 0], parts: [], actions: [] },
    { id: 1, name: "tumor", color: [200, 0, 0], parts: [], actions: [] },
  ],
  backgroundId: 0,
  dialect: "cvat",
};

/** A 3×2 instance at (2, 1) in an 8×6 image: rows 1..2, columns 2..4. */
const instance: Instance = { label: 1, instanceId: 1, bbox: { x: 2, y: 1, width: 3, height: 2 }, area: 6, bitmap: { width: 3, height: 2, data: new Uint8Array([1, 1, 1, 1, 1, 1]) } };

describe("rgba drawing", () => {
  it("blends with round(old·(1−α) + new·α)", () => {
    const image = createRgbaImage(1, 1, [100, 100, 100]);
    blendPixel(image, 0, 0, [200, 0, 255], 0.45);
    // 100·0.55 + 200·0.45 = 145; 100·0.55 = 55; 100·0.55 + 255·0.45 = 169.75 → 170
    expect(pixel(image, 0, 0)).toEqual([145, 55, 170, 255]);
  });

  it("draws both ends of a line and one pixel per column of a shallow line", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 19 }), fc.integer({ min: 0, max: 19 }), fc.integer({ min: 0, max: 19 }), fc.integer({ min: 0, max: 19 }), (x0, y0, x1, y1) => {
        const image = createRgbaImage(20, 20);
        drawLine(image, x0, y0, x1, y1, [255, 255, 255]);
        expect(pixel(image, x0, y0)[0]).toBe(255);
        expect(pixel(image, x1, y1)[0]).toBe(255);
        let set = 0;
        for (let i = 0; i < image.data.length; i += 4) if (image.data[i] === 255) set++;
        // Bresenham sets exactly max(|dx|, |dy|) + 1 pixels.
        expect(set).toBe(Math.max(Math.abs(x1 - x0), Math.abs(y1 - y0)) + 1);
      }),
    );
  });

  it("draws glyphs of the 5×7 font", () => {
    const image = createRgbaImage(12, 7);
    drawText(image, 0, 0, "1-", [255, 255, 255]);
    // "1": rows 00100, 01100, … 01110; "-" row 3 = 11111 starting at column 6.
    expect(pixel(image, 2, 0)[0]).toBe(255);
    expect(pixel(image, 0, 0)[0]).toBe(0);
    expect(pixel(image, 1, 1)[0]).toBe(255);
    expect(pixel(image, 3, 6)[0]).toBe(255);
    for (let x = 6; x <= 10; x++) expect(pixel(image, x, 3)[0]).toBe(255);
    expect(pixel(image, 6, 2)[0]).toBe(0);
    expect(textWidth("1-")).toBe(11);
    expect(textWidth("abc", 2)).toBe(34);
  });

  it("averages boxes when scaling down", () => {
    const image = createRgbaImage(2, 2, [0, 0, 0]);
    image.data.set([200, 100, 40, 255], 0);
    const small = scaleToFit(image, 1, 1);
    expect(small.width).toBe(1);
    expect(pixel(small, 0, 0)).toEqual([50, 25, 10, 255]);
  });
});

describe("renderOverlay", () => {
  it("fills an instance at partial opacity over gray when there is nothing to compare", () => {
    const { image, lost, added } = renderOverlay({ width: 8, height: 6, labelmap, instances: [instance], fillAlpha: 0.5 });
    expect([lost, added]).toEqual([0, 0]);
    expect(pixel(image, 0, 5)).toEqual([...BACKGROUND_GRAY, 255]);
    // The mask outline runs through corners (2,1)…(5,3), drawn at round(c − 0.5): row 1 and
    // columns 2 and 5, row 3, in the colour halfway to white (228, 128, 128). (3, 2) and (4, 2)
    // are fill only: 96·0.5 + 200·0.5 = 148, 96·0.5 = 48.
    expect(pixel(image, 3, 2)).toEqual([148, 48, 48, 255]);
    expect(pixel(image, 4, 2)).toEqual([148, 48, 48, 255]);
    expect(pixel(image, 3, 1)).toEqual([228, 128, 128, 255]);
    expect(pixel(image, 0, 0)).toEqual([...BACKGROUND_GRAY, 255]);
  });

  it("paints lost and added pixels against the decoded shapes, per label", () => {
    const decoded = new Uint8Array(8 * 6);
    // Decoded: the instance without its pixel (4, 2) but with an extra pixel (6, 4).
    for (let y = 1; y <= 2; y++) for (let x = 2; x <= 4; x++) decoded[y * 8 + x] = 1;
    decoded[2 * 8 + 4] = 0;
    decoded[4 * 8 + 6] = 1;
    const { image, lost, added } = renderOverlay({ width: 8, height: 6, labelmap, instances: [instance], decoded: [{ label: 1, bitmap: { width: 8, height: 6, data: decoded } }], scale: 2 });
    expect([lost, added]).toEqual([1, 1]);
    for (const [dx, dy] of [[0, 0], [1, 0], [0, 1], [1, 1]] as const) {
      expect(pixel(image, 8 + dx, 4 + dy)).toEqual([...LOST_COLOR, 255]);
      expect(pixel(image, 12 + dx, 8 + dy)).toEqual([...ADDED_COLOR, 255]);
    }
    expect(image.width).toBe(16);
  });

  it("a decoded shape of another label counts as lost and added", () => {
    const decoded = new Uint8Array(8 * 6);
    for (let y = 1; y <= 2; y++) for (let x = 2; x <= 4; x++) decoded[y * 8 + x] = 1;
    const result = renderOverlay({ width: 8, height: 6, labelmap, instances: [instance], decoded: [{ label: 2, bitmap: { width: 8, height: 6, data: decoded } }] });
    expect([result.lost, result.added]).toEqual([6, 6]);
  });
});

describe("renderOverlay: per instance or per label", () => {
  // Two touching 1×2 instances of one label in a 2×2 image: 1 = column 0, 2 = column 1. The
  // decoding gives pixel (1, 0) to instance 1 instead of 2.
  const column = (instanceId: number, x: number): Instance => ({ label: 1, instanceId, bbox: { x, y: 0, width: 1, height: 2 }, area: 2, bitmap: { width: 1, height: 2, data: new Uint8Array([1, 1]) } });
  const frame = (...pixels: number[]) => ({ width: 2, height: 2, data: new Uint8Array(pixels) });
  const shapes = [
    { label: 1, instanceId: 1, bitmap: frame(1, 1, 1, 0) },
    { label: 1, instanceId: 2, bitmap: frame(0, 0, 0, 1) },
  ];

  it("compares each instance with its own shapes when the shapes name them", () => {
    const { image, lost, added } = renderOverlay({ width: 2, height: 2, labelmap, instances: [column(1, 0), column(2, 1)], decoded: shapes });
    // Instance 1 gains (1, 0), instance 2 loses it: 1 added, 1 lost, same pixel, shown as lost.
    expect([lost, added]).toEqual([1, 1]);
    expect(pixel(image, 1, 0)).toEqual([...LOST_COLOR, 255]);
  });

  it("compares label unions when a shape has no instance id (nothing differs here)", () => {
    const anonymous = shapes.map(({ label, bitmap }) => ({ label, bitmap }));
    expect(renderOverlay({ width: 2, height: 2, labelmap, instances: [column(1, 0), column(2, 1)], decoded: anonymous })).toMatchObject({ lost: 0, added: 0 });
  });
});

describe("renderOverlay agrees with compareBitmaps", () => {
  it("counts and paints exactly the differing pixels of one instance (property)", () => {
    const frame = fc.integer({ min: 1, max: 9 }).chain((width) =>
      fc.integer({ min: 1, max: 9 }).chain((height) =>
        fc.tuple(fc.constant(width), fc.constant(height), fc.uint8Array({ minLength: width * height, maxLength: width * height, max: 1 }), fc.uint8Array({ minLength: width * height, maxLength: width * height, max: 1 })),
      ),
    );
    fc.assert(
      fc.property(frame, ([width, height, sourceData, decodedData]) => {
        const source = { width, height, data: sourceData };
        const decoded = { width, height, data: decodedData };
        let area = 0;
        for (const v of sourceData) area += v;
        const whole: Instance = { label: 1, instanceId: 1, bbox: { x: 0, y: 0, width, height }, area, bitmap: source };
        const { image, lost, added } = renderOverlay({ width, height, labelmap, instances: [whole], decoded: [{ label: 1, instanceId: 1, bitmap: decoded }] });
        const expected = compareBitmaps(source, decoded);
        expect([lost, added]).toEqual([expected.lost, expected.added]);
        for (let i = 0; i < width * height; i++) {
          const shown = pixel(image, i % width, Math.floor(i / width)).join();
          if (sourceData[i] === 1 && decodedData[i] === 0) expect(shown).toBe([...LOST_COLOR, 255].join());
          else if (sourceData[i] === 0 && decodedData[i] === 1) expect(shown).toBe([...ADDED_COLOR, 255].join());
          else expect([[...LOST_COLOR, 255].join(), [...ADDED_COLOR, 255].join()]).not.toContain(shown);
        }
      }),
    );
  });
});

describe("contact sheet", () => {
  it("lays cells out in ceil(sqrt(n)) columns with a caption line under each", () => {
    // 5 tiles → 3 columns, 2 rows; width 8 + 3·(160 + 8) = 512; height 8 + 2·(160 + 18 + 8) = 380
    // (captions at scale 2 in cells of 120 px or more: 7·2 + 4 = 18 px).
    expect(contactSheetSize(5)).toEqual({ width: 512, height: 380, columns: 3, rows: 2 });
    expect(contactSheetSize(5, { cell: 72 })).toEqual({ width: 8 + 3 * 80, height: 8 + 2 * (72 + 11 + 8), columns: 3, rows: 2 });
    const tile = { name: "Y1", image: createRgbaImage(20, 10, [255, 0, 0]) };
    const sheet = renderContactSheet([tile, tile, tile, tile, tile]);
    expect([sheet.width, sheet.height]).toEqual([512, 380]);
    // The 20×10 tile fills the cell's width and is centred vertically: cell 0 spans x 8..167, y 48..127.
    expect(pixel(sheet, 8, 88)).toEqual([255, 0, 0, 255]);
    expect(pixel(sheet, 8, 20)).toEqual([24, 24, 24, 255]);
  });

  it("orders tiles naturally by name: Y2 before Y10", () => {
    const tile = (name: string, color: [number, number, number]) => ({ name, image: createRgbaImage(10, 10, color) });
    const sheet = renderContactSheet([tile("Y10", [0, 0, 255]), tile("Y2", [255, 0, 0]), tile("Y1", [0, 255, 0])], { cell: 40, columns: 3 });
    // Cells at x 8, 56, 104: Y1 (green), Y2 (red), Y10 (blue).
    expect([pixel(sheet, 20, 20), pixel(sheet, 68, 20), pixel(sheet, 116, 20)].map((p) => p.slice(0, 3))).toEqual([
      [0, 255, 0],
      [255, 0, 0],
      [0, 0, 255],
    ]);
  });

  it("draws the lost/added legend at the sheet's size, not shrunk with the image", () => {
    const big = createRgbaImage(1000, 1000, [90, 90, 90]);
    const sheet = renderContactSheet([{ name: "Y9", image: big, lost: 2, added: 5 }], { cell: 160 });
    // Legend lines: 7·2 + 4 = 18 px high; "LOST 2" and "ADDED 5" do not fit side by side in
    // 160 px, so two lines ending at the cell's bottom (y 8 + 160 = 168): squares of 14 px at
    // x 10..23, cyan on y 134..147, yellow on y 152..165 — the same size as on a full preview ×2.
    for (const [x, y] of [[10, 134], [23, 147]]) expect(pixel(sheet, x!, y!).slice(0, 3)).toEqual([...LOST_COLOR]);
    for (const [x, y] of [[10, 152], [23, 165]]) expect(pixel(sheet, x!, y!).slice(0, 3)).toEqual([...ADDED_COLOR]);
    expect(pixel(sheet, 24, 152).slice(0, 3)).toEqual([0, 0, 0]);
    // No legend without differences.
    const clean = renderContactSheet([{ name: "Y9", image: big, lost: 0, added: 0 }], { cell: 160 });
    expect(pixel(clean, 10, 160).slice(0, 3)).toEqual([90, 90, 90]);
  });
});

describe("instance colours", () => {
  it("gives touching instances of one label different colours, the first in the label's colour", () => {
    const left: Instance = { label: 1, instanceId: 1, bbox: { x: 0, y: 0, width: 2, height: 2 }, area: 4, bitmap: { width: 2, height: 2, data: new Uint8Array([1, 1, 1, 1]) } };
    const right: Instance = { ...left, instanceId: 2, bbox: { ...left.bbox, x: 2 } };
    const third: Instance = { ...left, instanceId: 3, bbox: { ...left.bbox, x: 4 } };
    const colors = colorInstances([left, right, third], () => [200, 0, 0]);
    expect(colors.get(1)).toEqual([200, 0, 0]);
    expect(new Set([...colors.values()].map((c) => c.join())).size).toBe(3);
    const overlay = renderOverlay({ width: 6, height: 2, labelmap, instances: [left, right, third], fillAlpha: 1 });
    expect(pixel(overlay.image, 1, 1)).not.toEqual(pixel(overlay.image, 2, 1));
    // Never the lost (cyan) or added (yellow) colour.
    for (let k = 1; k < 40; k++) {
      const [r, g, b] = colorInstances(Array.from({ length: k + 1 }, (_, i) => ({ ...left, instanceId: i + 1 })), () => [128, 128, 128]).get(k + 1)!;
      expect(r > 200 && g > 200 && b < 80, `yellow-ish ${r},${g},${b}`).toBe(false);
      expect(r < 80 && g > 200 && b > 200, `cyan-ish ${r},${g},${b}`).toBe(false);
    }
  });
});

describe("natural order", () => {
  it("sorts digit runs by value: Y2 before Y10, stable for equal values spelled differently", () => {
    expect(["Y10", "Y2", "Y1", "scans/10/a", "scans/2/a", "Y01", "N3"].sort(compareNatural)).toEqual(["N3", "Y01", "Y1", "Y2", "Y10", "scans/2/a", "scans/10/a"]);
    expect(compareNatural("a99999999999999999999", "a100000000000000000000")).toBeLessThan(0);
    expect(compareNatural("x", "x")).toBe(0);
  });
});
