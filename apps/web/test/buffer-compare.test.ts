// The worker's stand-in for Node's Buffer (compare for core's PNG decoder, base64 for nnunet) agrees with Node's.
import { describe, expect, it } from "vitest";
import { bufferFrom, ComparableBytes } from "../src/shims/buffer-compare.ts";

describe("ComparableBytes#compare", () => {
  it("orders byte ranges as Node's Buffer#compare does", () => {
    let seed = 7;
    const random = (): number => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
    for (let round = 0; round < 5000; round++) {
      const n = 1 + Math.floor(random() * 40);
      // Mostly equal bytes: long equal prefixes, as in mask rows.
      const bytes = new Uint8Array(n * 2 + 8).map(() => (random() < 0.9 ? 7 : Math.floor(random() * 256)));
      const target = bytes.subarray(1);
      const [s, ts] = [Math.floor(random() * n), Math.floor(random() * n)];
      const [e, te] = [s + Math.floor(random() * n), ts + Math.floor(random() * n)];
      const node = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).compare(target, ts, te, s, e);
      const ours = new ComparableBytes(bytes.buffer, bytes.byteOffset, bytes.length).compare(target, ts, te, s, e);
      expect(Math.sign(ours), `round ${round}`).toBe(Math.sign(node));
    }
  });

  it("encodes and decodes base64, UTF-8 and latin1 as Node's Buffer does", () => {
    const bytes = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 7919) % 256);
    const base64 = Buffer.from(bytes).toString("base64");
    expect(bufferFrom(bytes).toString("base64")).toBe(base64);
    expect([...bufferFrom(base64, "base64")]).toEqual([...bytes]);
    expect(bufferFrom("é ✓", "utf8").toString()).toBe("é ✓");
    expect(bufferFrom(bytes.subarray(0, 300)).toString("latin1")).toBe(Buffer.from(bytes.subarray(0, 300)).toString("latin1"));
    // from(bytes) copies; from(arrayBuffer, offset, length) is a view, as in Node.
    const source = new Uint8Array([1, 2, 3, 4]);
    const copied = bufferFrom(source);
    const view = bufferFrom(source.buffer, 1, 2);
    source[1] = 9;
    expect([...copied, ...view]).toEqual([1, 2, 3, 4, 9, 3]);
  });
});
