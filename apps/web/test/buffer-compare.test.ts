// The worker's stand-in for Buffer#compare (core's PNG decoder calls it) agrees with Node's.
import { describe, expect, it } from "vitest";
import { ComparableBytes } from "../src/shims/buffer-compare.ts";

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
});
