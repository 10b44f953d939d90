import { describe, expect, it } from "vitest";
import { parseLabelmap } from "./labelmap.ts";
import { NO_LABEL, type MaskImage } from "./mask-image.ts";
import { assertSameSize, classRasterFromImage, classValuesFromImage, objectRasterFromImage } from "./rasters.ts";
import { caught } from "../node/__fixtures__/caught.ts";

const gray = (width: number, values: number[]): MaskImage => ({ kind: "gray", width, height: values.length / width, bitDepth: 8, values: Uint16Array.from(values) });
const rgb = (width: number, colors: [number, number, number][]): MaskImage => ({ kind: "rgb", width, height: colors.length / width, bitDepth: 8, values: Uint8Array.from(colors.flatMap((c) => [...c, 255])) });
const indexed = (width: number, values: number[], palette: [number, number, number][]): MaskImage => ({
  kind: "indexed",
  width,
  height: values.length / width,
  bitDepth: 8,
  values: Uint8Array.from(values),
  palette: Uint8Array.from(palette.flat()),
});

const indexLabels = parseLabelmap("0: Background\n1: Tumor\n2: Edema\n");
const cvatLabels = parseLabelmap("# label:color_rgb:parts:actions\nTumor:255,0,124::\nbackground:0,0,0::\n");

describe("classValuesFromImage", () => {
  it("returns a gray mask's own values when the labelmap has a label 0 (no copy)", () => {
    const image = gray(2, [0, 1, 2, 1]);
    expect(classValuesFromImage(image, indexLabels, "m.png")).toBe(image.values);
    expect(classValuesFromImage(gray(2, [0, 1]), cvatLabels, "m.png")).toBeInstanceOf(Uint16Array);
  });

  it("maps through the labelmap when value 0 is no label id (0 is background then)", () => {
    const noZero = parseLabelmap("1: Tumor\n2: Edema\n");
    expect([...classValuesFromImage(gray(3, [0, 2, 1]), noZero, "m.png")]).toEqual([NO_LABEL, 2, 1]);
    expect([...classValuesFromImage(rgb(1, [[255, 0, 124]]), cvatLabels, "m.png")]).toEqual([0]);
  });

  it("refuses a gray value that is no label id as classRasterFromImage does", () => {
    const error = caught(() => classValuesFromImage(gray(3, [0, 7, 7, 1, 7, 0]), indexLabels, "m.png"));
    expect(error.code).toBe("UNKNOWN_VALUE");
    expect(error.message).toBe(caught(() => classRasterFromImage(gray(3, [0, 7, 7, 1, 7, 0]), indexLabels, "m.png")).message);
    expect(error.message).toContain("pixel (x=1, y=0): value 7 is not a label id in the labelmap (3 pixels)");
  });
});

describe("classRasterFromImage", () => {
  it("reads gray values as label ids, background as NO_LABEL", () => {
    expect([...classRasterFromImage(gray(2, [0, 1, 2, 1]), indexLabels, "m.png").data]).toEqual([NO_LABEL, 1, 2, 1]);
  });

  it("reads gray values of a CVAT labelmap as line indices (CVAT's 1-channel rule)", () => {
    // Tumor is line 0 and background line 1, so value 0 is Tumor.
    expect([...classRasterFromImage(gray(2, [0, 1]), cvatLabels, "m.png").data]).toEqual([0, NO_LABEL]);
  });

  it("treats value 0 as background when no label has id 0", () => {
    const labelmap = parseLabelmap("1: Tumor\n");
    expect([...classRasterFromImage(gray(2, [0, 1]), labelmap, "m.png").data]).toEqual([NO_LABEL, 1]);
  });

  it("names the unknown value, its pixel count and first pixel", () => {
    const error = caught(() => classRasterFromImage(gray(3, [0, 1, 0, 0, 7, 7, 9, 7, 0]), indexLabels, "masks/a.png"));
    expect(error.code).toBe("UNKNOWN_VALUE");
    expect(error.file).toBe("masks/a.png");
    expect(error.pixel).toEqual({ x: 1, y: 1 });
    expect(error.message).toBe("masks/a.png, pixel (x=1, y=1): value 7 is not a label id in the labelmap (3 pixels)");
  });

  it("reads RGB colours through the labelmap; black is background", () => {
    const raster = classRasterFromImage(rgb(3, [[0, 0, 0], [255, 0, 124], [255, 0, 124]]), cvatLabels, "m.png");
    expect([...raster.data]).toEqual([NO_LABEL, 0, 0]);
    expect([raster.width, raster.height]).toEqual([3, 1]);
  });

  it("reads an index-dialect labelmap's RGB masks by its generated VOC colours", () => {
    expect([...classRasterFromImage(rgb(2, [[0, 128, 0], [128, 0, 0]]), indexLabels, "m.png").data]).toEqual([2, 1]);
  });

  it("names an unknown colour with count and first pixel", () => {
    const error = caught(() => classRasterFromImage(rgb(2, [[0, 0, 0], [255, 0, 124], [250, 50, 83], [250, 50, 83]]), cvatLabels, "c.png"));
    expect(error.code).toBe("UNKNOWN_COLOR");
    expect(error.pixel).toEqual({ x: 0, y: 1 });
    expect(error.message).toContain("colour (250,50,83)");
    expect(error.message).toContain("(2 pixels)");
  });

  it("reads a palette mask by colour when its colours are label colours", () => {
    // Index 3 is Tumor's colour, index 0 black: indices themselves mean nothing here.
    const image = indexed(3, [3, 0, 3], [[0, 0, 0], [9, 9, 9], [8, 8, 8], [255, 0, 124]]);
    expect([...classRasterFromImage(image, cvatLabels, "p.png").data]).toEqual([0, NO_LABEL, 0]);
  });

  it("reads a palette mask by index when its palette is the VOC or gray index palette of label ids (VOC style)", () => {
    // CVAT colours that are not VOC colours, labels in VOC order: background 0, tumor 1, edema 2.
    const vocOrder = parseLabelmap("background:0,0,0::\ntumor:250,50,83::\nedema:61,61,245::\n");
    const voc = indexed(3, [0, 1, 2], [[0, 0, 0], [128, 0, 0], [0, 128, 0]]);
    expect([...classRasterFromImage(voc, vocOrder, "p.png").data]).toEqual([NO_LABEL, 1, 2]);
    const grayPalette = indexed(3, [2, 1, 0], [[0, 0, 0], [1, 1, 1], [2, 2, 2]]);
    expect([...classRasterFromImage(grayPalette, vocOrder, "p.png").data]).toEqual([2, 1, NO_LABEL]);
    const error = caught(() => classRasterFromImage(indexed(2, [0, 5], [[1, 1, 1]]), indexLabels, "p.png"));
    expect(error.code).toBe("UNKNOWN_VALUE");
    expect(error.message).toContain("palette index 5 (beyond the palette) has no colour (1 pixel)");
  });

  it("refuses a palette colour that is no label colour (UNKNOWN_COLOR), never reading indices of another palette as ids", () => {
    // The old behaviour read these indices as label ids: index 0 became Tumor (line 0).
    const error = caught(() => classRasterFromImage(indexed(2, [0, 0, 1, 1], [[9, 9, 9], [255, 0, 124]]), cvatLabels, "p.png"));
    expect(error.code).toBe("UNKNOWN_COLOR");
    expect(error.file).toBe("p.png");
    expect(error.pixel).toEqual({ x: 0, y: 0 });
    expect(error.message).toContain("colour (9,9,9) of palette index 0 is not a label colour in the labelmap (2 pixels)");
    // A VOC palette is no index palette when its colours say otherwise: index 0 is black, the
    // background by colour, while label id 0 is Tumor.
    const voc = caught(() => classRasterFromImage(indexed(2, [0, 1], [[0, 0, 0], [128, 0, 0]]), cvatLabels, "v.png"));
    expect(voc.code).toBe("UNKNOWN_COLOR");
    expect(voc.pixel).toEqual({ x: 1, y: 0 });
    // Indices past the labelmap are no label ids either.
    expect(caught(() => classRasterFromImage(indexed(2, [0, 7], Array.from({ length: 8 }, (_, i) => [i, i, i] as [number, number, number])), indexLabels, "g.png")).code).toBe("UNKNOWN_COLOR");
  });
});

describe("objectRasterFromImage", () => {
  it("keeps gray values (16-bit ids beyond 255 too)", () => {
    const image: MaskImage = { kind: "gray", width: 3, height: 1, bitDepth: 16, values: Uint16Array.from([0, 300, 65535]) };
    expect([...objectRasterFromImage(image, "o.png").data]).toEqual([0, 300, 65535]);
  });

  it("keeps palette indices even when the palette repeats a colour", () => {
    const image = indexed(4, [0, 1, 2, 2], [[0, 0, 0], [128, 0, 0], [128, 0, 0]]);
    expect([...objectRasterFromImage(image, "o.png").data]).toEqual([0, 1, 2, 2]);
  });

  it("maps VOC colours to their indices", () => {
    const image = rgb(4, [[0, 0, 0], [128, 0, 0], [64, 128, 0], [224, 224, 192]]);
    expect([...objectRasterFromImage(image, "o.png").data]).toEqual([0, 1, 10, 255]);
  });

  it("refuses a colour that is not a VOC palette colour", () => {
    const error = caught(() => objectRasterFromImage(rgb(3, [[0, 0, 0], [255, 0, 124], [255, 0, 124]]), "o.png"));
    expect(error.code).toBe("UNKNOWN_COLOR");
    expect(error.pixel).toEqual({ x: 1, y: 0 });
    expect(error.message).toContain("(255,0,124)");
    expect(error.message).toContain("(2 pixels)");
  });
});

describe("assertSameSize", () => {
  it("names both files and sizes", () => {
    const error = caught(() => assertSameSize({ width: 4, height: 3 }, { width: 4, height: 2 }, "class/a.png", "object/a.png"));
    expect(error.code).toBe("SIZE_MISMATCH");
    expect(error.message).toBe("object/a.png: object mask is 4×2 but its class mask class/a.png is 4×3");
    expect(() => assertSameSize({ width: 4, height: 3 }, { width: 4, height: 3 }, "a", "b")).not.toThrow();
  });
});
