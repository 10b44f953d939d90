import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";

describe("base64 of spooled bytes", () => {
  it("round-trips any bytes and writes RFC 4648 text, with Node's Buffer and without it (browsers)", async () => {
    const native = await import("./base64.ts");
    vi.resetModules();
    vi.stubGlobal("Buffer", undefined);
    const browser = await import("./base64.ts");
    vi.unstubAllGlobals();
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 70_000 }), (bytes) => {
        const text = native.toBase64(bytes);
        expect(browser.toBase64(bytes)).toBe(text);
        expect(Array.from(browser.fromBase64(text))).toEqual(Array.from(bytes));
        expect(Array.from(native.fromBase64(text))).toEqual(Array.from(bytes));
      }),
      { numRuns: 60 },
    );
    // RFC 4648 §10 test vectors.
    expect(["", "f", "fo", "foo", "foob", "fooba", "foobar"].map((s) => browser.toBase64(new TextEncoder().encode(s)))).toEqual(["", "Zg==", "Zm8=", "Zm9v", "Zm9vYg==", "Zm9vYmE=", "Zm9vYmFy"]);
  });
});
