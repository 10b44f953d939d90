import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { isMaskportError } from "../errors.ts";
import { encodePng } from "../node/__fixtures__/encode-png.ts";
import { decodeMaskPng } from "./png.ts";

/** Runs per row computed pixel by pixel from the samples: [start, end, 0xRRGGBB] triples. */
function oracleRuns(samples: Uint8Array, width: number, height: number, channels: number): number[][] {
  const rows: number[][] = [];
  for (let y = 0; y < height; y++) {
    const row: number[] = [];
    for (let x = 0; x < width; x++) {
      const at = (y * width + x) * channels;
      const color = ((samples[at] as number) << 16) | ((samples[at + 1] as number) << 8) | (samples[at + 2] as number);
      if (x > 0 && row[row.length - 1] === color) row[row.length - 2] = x + 1;
      else row.push(x, x + 1, color);
    }
    rows.push(row);
  }
  return rows;
}

// The decoder as browsers run it: no Node Buffer, so rows are compared and scanned in JavaScript.
vi.resetModules();
vi.stubGlobal("Buffer", undefined);
const browser = await import("./png.ts");
vi.unstubAllGlobals();
vi.resetModules();

function decodedRuns(png: Uint8Array, decode = decodeMaskPng): number[][] {
  const mask = decode(png, "m.png");
  if (mask.kind !== "color-runs") throw new Error(`decoded as ${mask.kind}, not as runs`);
  const { runs } = mask;
  const rows: number[][] = [];
  for (let y = 0; y < runs.height; y++) {
    const row: number[] = [];
    for (let r = runs.rowStart[y] as number; r < (runs.rowStart[y + 1] as number); r++) row.push(runs.start[r] as number, runs.end[r] as number, runs.value[r] as number);
    rows.push(row);
  }
  return rows;
}

/** Colours of mask-like rows: black, a gray, label-like colours, and neighbours differing in one channel. */
const PALETTE = [0x000000, 0x808080, 0xfa3253, 0x800000, 0x810000, 0x008000, 0x000001];

/** A row of `width` pixels from runs of palette colours, as RGB(A) samples. */
function rowFromRuns(width: number, channels: number, runs: [number, number][]): Uint8Array {
  const row = new Uint8Array(width * channels);
  for (let x = 0, r = 0; x < width; r++) {
    const [length, k] = runs[r % runs.length] as [number, number];
    const color = PALETTE[k] as number;
    for (const stop = Math.min(width, x + length); x < stop; x++) row.set([color >>> 16, (color >>> 8) & 255, color & 255], x * channels);
  }
  return row;
}

/** Mask-like RGB(A) images: each row one of a few candidate rows made of runs, so rows repeat and runs are long; any filter per row. */
const masks = fc
  .record({ width: fc.integer({ min: 1, max: 200 }), channels: fc.constantFrom(3, 4), candidates: fc.integer({ min: 1, max: 4 }) })
  .chain(({ width, channels, candidates }) =>
    fc.record({
      width: fc.constant(width),
      channels: fc.constant(channels),
      rows: fc.array(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 120 }), fc.nat(PALETTE.length - 1)), { minLength: 1, maxLength: 6 }).map((runs) => rowFromRuns(width, channels, runs)),
        { minLength: candidates, maxLength: candidates },
      ),
      pick: fc.array(fc.nat(candidates - 1), { minLength: 1, maxLength: 14 }),
      filters: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 14 }),
      alpha: fc.uint8Array({ minLength: 1, maxLength: 14 }),
    }),
  );

describe("decodeMaskPng: 8-bit RGB(A) PNGs as colour runs", () => {
  it("gives each row's maximal runs of equal colour, for any row filters, repeats and alpha", () => {
    fc.assert(
      fc.property(masks, ({ width, channels, rows, pick, filters, alpha }) => {
        const height = pick.length;
        const samples = new Uint8Array(width * height * channels);
        pick.forEach((k, y) => {
          samples.set(rows[k] as Uint8Array, y * width * channels);
          // Alpha changes from row to row and never splits a run (it is ignored).
          if (channels === 4) for (let x = 0; x < width; x++) samples[(y * width + x) * 4 + 3] = alpha[(x + y) % alpha.length] as number;
        });
        const png = encodePng({ width, height, colorType: channels === 4 ? 6 : 2, bitDepth: 8, samples, filters });
        const expected = oracleRuns(samples, width, height, channels);
        expect(decodedRuns(png)).toEqual(expected);
        expect(decodedRuns(png, browser.decodeMaskPng)).toEqual(expected);
      }),
      { numRuns: 500 },
    );
  });

  it("gives the runs of random (noisy) pixels exactly", () => {
    const noisy = fc.record({ width: fc.integer({ min: 1, max: 12 }), height: fc.integer({ min: 1, max: 8 }), channels: fc.constantFrom(3, 4) }).chain((size) =>
      fc.record({
        size: fc.constant(size),
        samples: fc.uint8Array({ minLength: size.width * size.height * size.channels, maxLength: size.width * size.height * size.channels }),
        filters: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 8 }),
      }),
    );
    fc.assert(
      fc.property(noisy, ({ size: { width, height, channels }, samples, filters }) => {
        const png = encodePng({ width, height, colorType: channels === 4 ? 6 : 2, bitDepth: 8, samples, filters });
        const expected = oracleRuns(samples, width, height, channels);
        expect(decodedRuns(png)).toEqual(expected);
        expect(decodedRuns(png, browser.decodeMaskPng)).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it("leaves other PNG types to the pixel decoder", () => {
    const gray = encodePng({ width: 2, height: 1, colorType: 0, bitDepth: 8, samples: [0, 1] });
    expect(decodeMaskPng(gray, "g.png").kind).toBe("gray");
    const interlaced = encodePng({ width: 3, height: 3, colorType: 2, bitDepth: 8, interlace: true, samples: new Uint8Array(27) });
    expect(decodeMaskPng(interlaced, "i.png").kind).toBe("rgb");
  });

  it("refuses an unknown row filter naming the file, as the pixel decoder does", () => {
    const png = encodePng({ width: 2, height: 2, colorType: 2, bitDepth: 8, samples: new Uint8Array(12), filters: [0, 5] });
    let caught: unknown;
    try {
      decodeMaskPng(png, "bad.png");
    } catch (error) {
      caught = error;
    }
    expect(isMaskportError(caught) && caught.code).toBe("PNG_UNREADABLE");
    expect(String((caught as Error).message)).toContain("unknown row filter type 5");
    expect((caught as { file?: string }).file).toBe("bad.png");
  });
});
