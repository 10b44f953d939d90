import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sameBytes, sameBytesLoop } from "./same-bytes.ts";

describe("sameBytes", () => {
  it("says what an element-by-element comparison says, natively and in the browsers' loop", () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 80, max: 2 }).chain((bytes) =>
          fc.nat(bytes.length).chain((length) => fc.tuple(fc.constant(bytes), fc.nat(bytes.length - length), fc.nat(bytes.length - length), fc.constant(length))),
        ),
        ([bytes, aStart, bStart, length]) => {
        const expected = Array.from({ length }, (_, i) => bytes[aStart + i] === bytes[bStart + i]).every(Boolean);
        expect(sameBytes(bytes, aStart, bytes, bStart, length)).toBe(expected);
        expect(sameBytesLoop(bytes, aStart, bytes, bStart, length)).toBe(expected);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
