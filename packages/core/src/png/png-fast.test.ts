import fc from "fast-check";
import { crc32, deflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { encodePng, type EncodeOptions } from "../node/__fixtures__/encode-png.ts";
import type { MaskImage } from "../model/mask-image.ts";
import { decodeMaskPng, decodePng, type ColorRunsMask } from "./png.ts";
import { caught } from "../node/__fixtures__/caught.ts";

const CHANNELS = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 } as const;

/** Random 8-bit, non-interlaced images of every colour type (the encoder cycles all five row filters). */
const images = fc
  .record({ width: fc.integer({ min: 1, max: 19 }), height: fc.integer({ min: 1, max: 13 }), colorType: fc.constantFrom(0 as const, 2 as const, 3 as const, 4 as const, 6 as const) })
  .chain(({ width, height, colorType }) =>
    fc.record({
      width: fc.constant(width),
      height: fc.constant(height),
      colorType: fc.constant(colorType),
      samples: fc.uint8Array({ minLength: width * height * CHANNELS[colorType], maxLength: width * height * CHANNELS[colorType], max: colorType === 3 ? 5 : 255 }),
    }),
  );
const PALETTE: [number, number, number][] = [
  [0, 0, 0],
  [250, 50, 83],
  [1, 2, 3],
  [255, 255, 255],
  [128, 0, 0],
  [0, 128, 0],
];

describe("decodePng, 8-bit and not interlaced (unfiltered in place)", () => {
  it("returns exactly the written samples for every colour type and row filter", () => {
    fc.assert(
      fc.property(images, ({ width, height, colorType, samples }) => {
        const png = encodePng({ width, height, colorType, bitDepth: 8, samples, ...(colorType === 3 ? { palette: PALETTE } : {}) });
        const image = decodePng(png, "m.png");
        expect([image.width, image.height, image.bitDepth]).toEqual([width, height, 8]);
        const channels = CHANNELS[colorType];
        for (let p = 0; p < width * height; p++) {
          if (image.kind === "rgb") {
            // RGB(A) → four bytes per pixel; R, G, B are the samples (alpha ignored).
            for (let c = 0; c < 3; c++) expect(image.values[4 * p + c]).toBe(samples[p * channels + c]);
          } else {
            expect(image.values[p]).toBe(samples[p * channels]); // gray (alpha dropped) or palette index
          }
        }
        if (image.kind === "indexed") expect(Array.from(image.palette)).toEqual(PALETTE.flat());
        expect(image.kind).toBe(colorType === 3 ? "indexed" : colorType === 0 || colorType === 4 ? "gray" : "rgb");
      }),
      { numRuns: 200 },
    );
  });

  it("decodes RGB images whose rows repeat (the copy-the-row-above shortcut) exactly", () => {
    const rowsOf = fc.integer({ min: 1, max: 9 }).chain((width) =>
      fc.record({
        width: fc.constant(width),
        // Two candidate rows; each image row is one of them, so rows repeat often.
        choices: fc.array(fc.uint8Array({ minLength: 3 * width, maxLength: 3 * width, max: 3 }), { minLength: 2, maxLength: 2 }),
        pick: fc.array(fc.integer({ min: 0, max: 1 }), { minLength: 1, maxLength: 12 }),
      }),
    );
    fc.assert(
      fc.property(rowsOf, ({ width, choices, pick }) => {
        const samples = pick.flatMap((i) => Array.from(choices[i] ?? []));
        const image = decodePng(encodePng({ width, height: pick.length, colorType: 2, bitDepth: 8, samples }), "m.png");
        if (image.kind !== "rgb") throw new Error("expected an RGB image");
        for (let p = 0; p < width * pick.length; p++) for (let c = 0; c < 3; c++) expect(image.values[4 * p + c]).toBe(samples[3 * p + c]);
      }),
      { numRuns: 200 },
    );
  });

  const plain: EncodeOptions = { width: 3, height: 2, colorType: 2, bitDepth: 8, samples: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18] };

  it("refuses a corrupt chunk (bad CRC) as PNG_UNREADABLE naming the file", () => {
    const png = encodePng(plain).slice();
    // The first IDAT's data starts after the signature (8) and IHDR (25) plus IDAT length/type (8).
    png[8 + 25 + 8] = (png[8 + 25 + 8] ?? 0) ^ 0xff;
    const error = caught(() => decodePng(png, "masks/bad.png"));
    expect(error.code).toBe("PNG_UNREADABLE");
    expect(error.message).toContain("masks/bad.png");
    expect(error.message).toContain("bad CRC in chunk IDAT");
  });

  it("refuses image data longer than the rows it declares", () => {
    // Claim one row in IHDR while IDAT holds two: the surplus must be found, not cut off at the
    // declared size (the inflate buffer is one byte longer than the rows).
    const png = withHeight(encodePng(plain), 1);
    const error = caught(() => decodeMaskPng(png, "masks/long.png"));
    expect(error.code).toBe("PNG_UNREADABLE");
    expect(error.file).toBe("masks/long.png");
    expect(error.message).toContain("image data longer than the declared 3×1 rows");
  });

  it("refuses truncated image data, a wrong Adler-32 and an unknown critical chunk", () => {
    const rows = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
    const short = withIdat(encodePng(plain), deflateSync(new Uint8Array(rows.slice(0, 10))));
    expect(caught(() => decodePng(short, "s.png")).message).toContain("truncated: the image data inflates to 10 bytes, but the 3×2 image it declares needs 20");
    const data = deflateSync(new Uint8Array(rows)).slice();
    data[data.length - 1] = (data[data.length - 1] ?? 0) ^ 1;
    expect(caught(() => decodeMaskPng(withIdat(encodePng(plain), data), "a.png")).message).toContain("incorrect data check");
    const critical = insertChunk(encodePng(plain), "ABCD", new Uint8Array([1, 2, 3]));
    expect(caught(() => decodePng(critical, "c.png")).message).toContain("unsupported critical chunk ABCD");
  });

  it("refuses an unknown row filter type", () => {
    const png = withIdat(encodePng(plain), deflateSync(new Uint8Array([9, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9])));
    expect(caught(() => decodePng(png, "f.png")).message).toContain("unknown row filter type 9");
  });
});

describe("decodeMaskPng with the inflated rows reused (the dataset reader)", () => {
  const anyImage = images.map(({ width, height, colorType, samples }) => encodePng({ width, height, colorType, bitDepth: 8, samples, ...(colorType === 3 ? { palette: PALETTE } : {}) }));
  /** The values of an image, R, G, B per pixel for colours (from runs or RGBA-strided bytes). */
  const copy = (image: MaskImage | ColorRunsMask): number[] => {
    if (image.kind === "color-runs") {
      const { runs } = image;
      return Array.from({ length: runs.count }, (_, r) => Array.from({ length: (runs.end[r] as number) - (runs.start[r] as number) }, () => [(runs.value[r] as number) >>> 16, ((runs.value[r] as number) >>> 8) & 255, (runs.value[r] as number) & 255])).flat(2);
    }
    return image.kind === "rgb" ? Array.from(image.values).filter((_, i) => i % 4 !== 3) : Array.from(image.values);
  };

  it("gives what decodePng gives, for images of any size in any order, and leaves decodePng's images alone", () => {
    fc.assert(
      fc.property(anyImage, fc.array(anyImage, { minLength: 1, maxLength: 6 }), (kept, sequence) => {
        const keptImage = decodePng(kept, "kept.png");
        const before = copy(keptImage);
        for (const bytes of [...sequence, kept]) {
          const image = decodeMaskPng(bytes, "r.png");
          const expected = decodePng(bytes, "r.png");
          expect([image.kind === "color-runs" ? "rgb" : image.kind, image.width, image.height]).toEqual([expected.kind, expected.width, expected.height]);
          expect(copy(image)).toEqual(copy(expected));
        }
        expect(copy(keptImage)).toEqual(before);
      }),
      { numRuns: 150 },
    );
  });

  it("keeps a gray or palette image, or colour runs, intact while the next one decodes with the same buffers (class then object mask)", () => {
    fc.assert(
      fc.property(anyImage, anyImage, (a, b) => {
        const first = decodeMaskPng(a, "class.png");
        const before = copy(first);
        decodeMaskPng(b, "object.png");
        expect(copy(first)).toEqual(before);
      }),
      { numRuns: 100 },
    );
  });
});

/** Chunks of a PNG: [type, data]. */
function chunksOf(png: Uint8Array): [string, Uint8Array][] {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const chunks: [string, Uint8Array][] = [];
  for (let at = 8; at < png.length; ) {
    const length = view.getUint32(at);
    chunks.push([String.fromCharCode(...png.subarray(at + 4, at + 8)), png.slice(at + 8, at + 8 + length)]);
    at += 12 + length;
  }
  return chunks;
}

/** A PNG from chunks, every CRC right. */
function fromChunks(chunks: [string, Uint8Array][]): Uint8Array {
  const parts: Uint8Array[] = [new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])];
  for (const [type, data] of chunks) {
    const chunk = new Uint8Array(12 + data.length);
    const view = new DataView(chunk.buffer);
    view.setUint32(0, data.length);
    chunk.set([...type].map((c) => c.charCodeAt(0)), 4);
    chunk.set(data, 8);
    view.setUint32(8 + data.length, crc32(chunk.subarray(4, 8 + data.length)));
    parts.push(chunk);
  }
  return new Uint8Array(Buffer.concat(parts));
}

function withIdat(png: Uint8Array, data: Uint8Array): Uint8Array {
  const chunks = chunksOf(png).filter(([type]) => type !== "IDAT");
  chunks.splice(chunks.length - 1, 0, ["IDAT", data]);
  return fromChunks(chunks);
}

function withHeight(png: Uint8Array, height: number): Uint8Array {
  const chunks = chunksOf(png);
  const header = (chunks[0] as [string, Uint8Array])[1];
  new DataView(header.buffer, header.byteOffset).setUint32(4, height);
  return fromChunks(chunks);
}

function insertChunk(png: Uint8Array, type: string, data: Uint8Array): Uint8Array {
  const chunks = chunksOf(png);
  chunks.splice(1, 0, [type, data]);
  return fromChunks(chunks);
}
