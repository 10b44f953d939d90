import fc from "fast-check";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { adler32, InflateError, inflateInto } from "./inflate-into.ts";
import { constants, deflateRawSync, deflateSync, inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";

const STRATEGIES = [constants.Z_DEFAULT_STRATEGY, constants.Z_RLE, constants.Z_HUFFMAN_ONLY, constants.Z_FIXED, constants.Z_FILTERED];

/** Random bytes, or mask-like rows: runs of a few values, rows repeating the one above. */
const payload = fc.oneof(
  fc.uint8Array({ maxLength: 3000 }),
  fc
    .record({
      width: fc.integer({ min: 1, max: 700 }),
      rows: fc.array(fc.tuple(fc.boolean(), fc.array(fc.tuple(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 0, max: 3 })), { minLength: 1, maxLength: 6 })), { minLength: 1, maxLength: 40 }),
      palette: fc.uint8Array({ minLength: 4, maxLength: 4 }),
    })
    .map(({ width, rows, palette }) => {
      const out = new Uint8Array(width * rows.length);
      for (let y = 0; y < rows.length; y++) {
        const [repeat, runs] = rows[y] as [boolean, [number, number][]];
        if (repeat && y > 0) {
          out.copyWithin(y * width, (y - 1) * width, y * width);
          continue;
        }
        for (let x = 0, r = 0; x < width; r++) {
          const [len, value] = runs[r % runs.length] as [number, number];
          out.fill(palette[value] as number, y * width + x, y * width + Math.min(width, x + len));
          x += len;
        }
      }
      return out;
    }),
);
const options = fc.record({ level: fc.integer({ min: 0, max: 9 }), strategy: fc.constantFrom(...STRATEGIES) });

function inflated(data: Uint8Array, length: number): Uint8Array | InflateError {
  const out = new Uint8Array(length);
  try {
    inflateInto(data, out);
    return out;
  } catch (error) {
    if (error instanceof InflateError) return error;
    throw error;
  }
}

describe("inflateInto", () => {
  it("gives zlib's output byte for byte, every level and strategy", () => {
    fc.assert(
      fc.property(payload, options, (bytes, { level, strategy }) => {
        const data = deflateSync(bytes, { level, strategy });
        expect(inflated(data, bytes.length)).toEqual(new Uint8Array(inflateSync(data)));
      }),
      { numRuns: 1500 },
    );
  });

  it("refuses output of another length, as surplus or as short", () => {
    fc.assert(
      fc.property(payload, options, fc.integer({ min: -5, max: 5 }).filter((d) => d !== 0), (bytes, { level, strategy }, delta) => {
        const length = bytes.length + delta;
        fc.pre(length >= 0);
        const result = inflated(deflateSync(bytes, { level, strategy }), length);
        expect(result).toBeInstanceOf(InflateError);
        expect((result as InflateError).kind).toBe(delta < 0 ? "surplus" : "truncated");
        if (delta > 0) expect((result as InflateError).produced).toBe(bytes.length);
      }),
      { numRuns: 400 },
    );
  });

  it("refuses a stream cut anywhere, and never writes bytes zlib would not", () => {
    fc.assert(
      fc.property(payload, options, fc.nat(), (bytes, { level, strategy }, at) => {
        const data = deflateSync(bytes, { level, strategy });
        const cut = data.subarray(0, at % data.length);
        const result = inflated(cut, bytes.length);
        expect(result).toBeInstanceOf(InflateError);
        const produced = (result as InflateError).produced;
        // What was written before the refusal is a prefix of the real data.
        const out = new Uint8Array(bytes.length);
        try {
          inflateInto(cut, out);
        } catch {
          expect(out.subarray(0, produced)).toEqual(bytes.subarray(0, produced));
        }
      }),
      { numRuns: 600 },
    );
  });

  it("never accepts a corrupted stream with output other than zlib's, and never hangs", () => {
    fc.assert(
      fc.property(payload, options, fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 }), (bytes, { level, strategy }, flips) => {
        const data = deflateSync(bytes, { level, strategy }).slice();
        for (const [at, mask] of flips) data[at % data.length] = (data[at % data.length] as number) ^ mask;
        const result = inflated(data, bytes.length);
        let expected: Uint8Array | undefined;
        try {
          expected = new Uint8Array(inflateSync(data));
        } catch {
          expected = undefined;
        }
        // Accepted only where zlib accepts the same stream, with the same bytes.
        if (!(result instanceof InflateError)) expect(result).toEqual(expected);
      }),
      { numRuns: 1500 },
    );
  });

  it("refuses a wrong Adler-32, a missing one and a bad header", () => {
    const bytes = new Uint8Array(5000).map((_, i) => (i % 700 < 300 ? 7 : i & 3));
    const data = deflateSync(bytes).slice();
    data[data.length - 2] = (data[data.length - 2] as number) ^ 4;
    expect((inflated(data, bytes.length) as InflateError).message).toBe("incorrect data check");
    expect(inflated(deflateSync(bytes).subarray(0, -4), bytes.length)).toBeInstanceOf(InflateError);
    const raw = deflateRawSync(bytes);
    expect((inflated(raw, bytes.length) as InflateError).kind).toBe("corrupt");
    expect(inflated(deflateSync(bytes), bytes.length)).toEqual(bytes);
  });

  it("refuses a zlib bomb at the first byte past the buffer", () => {
    const data = deflateSync(new Uint8Array(64 << 20));
    const result = inflated(data, 6 * 3 + 2) as InflateError;
    expect(result.kind).toBe("surplus");
    expect(result.produced).toBeLessThanOrEqual(20);
  });

  it("computes Adler-32 as zlib does, aligned or not", () => {
    fc.assert(
      fc.property(payload, fc.integer({ min: 0, max: 3 }), (bytes, shift) => {
        const shifted = new Uint8Array(bytes.length + shift).subarray(shift);
        shifted.set(bytes);
        const data = deflateSync(bytes, { level: 0 });
        expect(adler32(shifted)).toBe(Buffer.from(data).readUInt32BE(data.length - 4));
      }),
      { numRuns: 300 },
    );
  });

  const dataset = fileURLToPath(new URL("../../../../bench-data/mri-2000x512", import.meta.url));
  it.skipIf(!existsSync(dataset))("inflates every PNG of the bench dataset as zlib does", () => {
    let out = new Uint8Array(0);
    let files = 0;
    for (const folder of readdirSync(dataset, { withFileTypes: true })) {
      if (!folder.isDirectory()) continue;
      for (const name of readdirSync(join(dataset, folder.name))) {
        if (!name.endsWith(".png")) continue;
        const data = idatOf(readFileSync(join(dataset, folder.name, name)));
        const expected = inflateSync(data);
        if (out.length !== expected.length) out = new Uint8Array(expected.length);
        inflateInto(data, out);
        if (Buffer.compare(expected, out) !== 0) throw new Error(`${name}: differs from zlib`);
        files++;
      }
    }
    expect(files).toBeGreaterThan(0);
  }, 120_000);
});

/** The joined IDAT data of a PNG. */
function idatOf(bytes: Buffer): Buffer {
  const parts: Buffer[] = [];
  for (let at = 8; at < bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    if (bytes.toString("latin1", at + 4, at + 8) === "IDAT") parts.push(bytes.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  return Buffer.concat(parts);
}
