// A small seeded PRNG for the fuzzer: every mutant is a pure function of (seed, target, index),
// so any one of them can be rebuilt alone from the numbers a failure prints.

/**
 * A generator for one mutant (sfc32 seeded from an FNV-1a hash of the key).
 * @param {number} seed
 * @param {string} target
 * @param {number} index
 * @returns {Random}
 */
export function randomFor(seed, target, index) {
  return new Random(`${seed}:${target}:${index}`);
}

export class Random {
  /** @param {string} key */
  constructor(key) {
    let h = 0x811c9dc5;
    const words = [0, 0, 0, 0];
    for (let round = 0; round < 4; round++) {
      for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
      h = Math.imul(h ^ round, 0x01000193);
      words[round] = h >>> 0;
    }
    /** @type {number[]} */
    this.state = words;
    for (let i = 0; i < 12; i++) this.next();
  }

  /** A 32-bit unsigned integer. */
  next() {
    const s = this.state;
    const a = s[0] ?? 0;
    const b = s[1] ?? 0;
    const c = s[2] ?? 0;
    const d = s[3] ?? 0;
    const t = (((a + b) | 0) + d) | 0;
    s[3] = (d + 1) | 0;
    s[0] = b ^ (b >>> 9);
    s[1] = (c + (c << 3)) | 0;
    s[2] = ((c << 21) | (c >>> 11)) + t;
    return t >>> 0;
  }

  /** An integer in [0, n). @param {number} n */
  int(n) {
    return n <= 0 ? 0 : this.next() % n;
  }

  /** True with probability p. @param {number} p */
  chance(p) {
    return this.next() / 4294967296 < p;
  }

  /**
   * One element of a non-empty list.
   * @template T
   * @param {readonly T[]} items
   * @returns {T}
   */
  pick(items) {
    return /** @type {T} */ (items[this.int(items.length)]);
  }

  /** A small size, biased low: 1..max. @param {number} max */
  size(max) {
    return 1 + Math.min(this.int(max), this.int(max), this.int(max));
  }
}
