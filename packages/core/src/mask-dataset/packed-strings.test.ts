import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CHUNK_ENTRIES, PackedStrings } from "./packed-strings.ts";

describe("PackedStrings", () => {
  it("gives back every entry, absent ones as undefined (any strings, empty and non-Latin-1 included)", () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.string({ unit: "binary", maxLength: 30 }), { nil: undefined }), { maxLength: 80 }), (values) => {
        const packed = PackedStrings.from(values);
        expect(packed.length).toBe(values.length);
        expect(Array.from({ length: values.length }, (_, i) => packed.get(i))).toEqual(values);
      }),
    );
  });

  it("keeps entries apart across chunk boundaries", () => {
    const count = 2 * CHUNK_ENTRIES + 5;
    const values = Array.from({ length: count }, (_, i) => (i % 7 === 3 ? undefined : i % 11 === 0 ? "" : `m${i}.png`));
    const packed = PackedStrings.from(values);
    for (const i of [0, 1, CHUNK_ENTRIES - 1, CHUNK_ENTRIES, CHUNK_ENTRIES + 1, 2 * CHUNK_ENTRIES - 1, 2 * CHUNK_ENTRIES, count - 1]) {
      expect(packed.get(i)).toBe(values[i]);
    }
    let same = 0;
    for (let i = 0; i < count; i++) if (packed.get(i) === values[i]) same++;
    expect(same).toBe(count);
  });

  it("answers undefined outside its range", () => {
    const packed = PackedStrings.from(["a", "b"]);
    expect([packed.get(-1), packed.get(2), packed.get(0.5), packed.get(Number.NaN)]).toEqual([undefined, undefined, undefined, undefined]);
    expect(PackedStrings.from([]).get(0)).toBeUndefined();
  });
});
