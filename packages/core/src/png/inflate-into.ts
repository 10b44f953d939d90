/**
 * A zlib (RFC 1950) / DEFLATE (RFC 1951) decoder that inflates into a caller's buffer of exactly
 * the expected length, so PNG rows reuse one buffer instead of a fresh one per image (native
 * zlib's public API has no output-buffer option). Table-driven Huffman decoding; long matches
 * copied natively (`copyWithin`/`fill`), short periods in doubling chunks; Adler-32 checked.
 */

/** Why a stream was refused: `surplus` = more output than `out` holds, `truncated` = input ended early (or the stream ended short), `corrupt` = malformed (zlib's wording). */
export class InflateError extends Error {
  readonly kind: "surplus" | "truncated" | "corrupt";
  /** Bytes written to `out` before the error. */
  readonly produced: number;
  constructor(message: string, kind: "surplus" | "truncated" | "corrupt", produced: number) {
    super(message);
    this.kind = kind;
    this.produced = produced;
  }
}

/**
 * Inflates the zlib stream `data` into `out`, which it must fill exactly; bytes after the
 * stream's Adler-32 are ignored (as zlib does).
 * @throws InflateError for anything else
 */
export function inflateInto(data: Uint8Array, out: Uint8Array): void {
  const n = data.length;
  const size = out.length;
  if (n < 2) throw new InflateError("unexpected end of file", "truncated", 0);
  const cmf = data[0] as number;
  const flg = data[1] as number;
  if ((cmf & 15) !== 8) throw corrupt("unknown compression method", 0);
  if ((cmf >> 4) > 7) throw corrupt("invalid window size", 0);
  if (((cmf << 8) | flg) % 31 !== 0) throw corrupt("incorrect header check", 0);
  if (flg & 32) throw corrupt("need dictionary", 0);
  let pos = 2;
  let bb = 0; // bit buffer, least significant bit first
  let bc = 0; // bits in bb
  let op = 0;
  let last = 0;
  // Adler-32 of out[0, checked), carried in sumA/sumB.
  sumA = 1;
  sumB = 0;
  let checked = 0;
  const words = wordsOf(out);
  /** Past the input: refused as truncated, never decoded from the zero bits the refill pads with. */
  const overrun = (): boolean => pos > n && (pos - n) * 8 > bc;
  const fail = (message: string): InflateError => (overrun() ? truncated(op) : corrupt(message, op));
  do {
    while (bc < 3) {
      bb |= (pos < n ? (data[pos] as number) : 0) << bc;
      pos++;
      bc += 8;
    }
    last = bb & 1;
    const type = (bb >>> 1) & 3;
    bb >>>= 3;
    bc -= 3;
    if (overrun()) throw truncated(op);
    if (type === 0) {
      // Stored: drop to the byte boundary, give back whole bytes still in the bit buffer.
      pos -= bc >> 3;
      bb = 0;
      bc = 0;
      if (pos + 4 > n) throw truncated(op);
      const len = (data[pos] as number) | ((data[pos + 1] as number) << 8);
      if ((len ^ ((data[pos + 2] as number) | ((data[pos + 3] as number) << 8))) !== 0xffff) throw corrupt("invalid stored block lengths", op);
      pos += 4;
      const take = Math.min(len, n - pos);
      if (op + take > size) throw surplus(op);
      out.set(data.subarray(pos, pos + take), op);
      op += take;
      pos += take;
      if (take < len) throw truncated(op);
      continue;
    }
    if (type === 3) throw fail("invalid block type");
    let lt = FIXED_LIT;
    let dt = FIXED_DIST;
    if (type === 2) {
      // Dynamic: code lengths of the code lengths, then of literals/lengths and distances.
      while (bc < 14) {
        bb |= (pos < n ? (data[pos] as number) : 0) << bc;
        pos++;
        bc += 8;
      }
      const nlen = (bb & 31) + 257;
      const ndist = ((bb >>> 5) & 31) + 1;
      const ncode = ((bb >>> 10) & 15) + 4;
      bb >>>= 14;
      bc -= 14;
      if (nlen > 286 || ndist > 30) throw fail("too many length or distance symbols");
      LENGTHS.fill(0, 0, 19);
      for (let i = 0; i < ncode; i++) {
        if (bc < 3) {
          bb |= (pos < n ? (data[pos] as number) : 0) << bc;
          pos++;
          bc += 8;
        }
        LENGTHS[ORDER[i] as number] = bb & 7;
        bb >>>= 3;
        bc -= 3;
      }
      if (build(LENGTHS, 0, 19, CODE_TABLE, 7, true) !== 0) throw fail("invalid code lengths set");
      for (let i = 0; i < nlen + ndist; ) {
        while (bc < 14) {
          bb |= (pos < n ? (data[pos] as number) : 0) << bc;
          pos++;
          bc += 8;
        }
        const e = CODE_TABLE[bb & 127] as number;
        const sym = e >>> 4;
        bb >>>= e & 15;
        bc -= e & 15;
        if (sym < 16) {
          LENGTHS[i++] = sym;
          continue;
        }
        if (sym > 18) throw fail("invalid code lengths set");
        let value = 0;
        let repeat: number;
        if (sym === 16) {
          if (i === 0) throw fail("invalid bit length repeat");
          value = LENGTHS[i - 1] as number;
          repeat = 3 + (bb & 3);
          bb >>>= 2;
          bc -= 2;
        } else if (sym === 17) {
          repeat = 3 + (bb & 7);
          bb >>>= 3;
          bc -= 3;
        } else {
          repeat = 11 + (bb & 127);
          bb >>>= 7;
          bc -= 7;
        }
        if (i + repeat > nlen + ndist) throw fail("invalid bit length repeat");
        LENGTHS.fill(value, i, i + repeat);
        i += repeat;
      }
      if (overrun()) throw truncated(op);
      if (LENGTHS[256] === 0) throw corrupt("invalid code -- missing end-of-block", op);
      if (build(LENGTHS, 0, nlen, LIT_TABLE, LIT_BITS, false) !== 0) throw corrupt("invalid literal/lengths set", op);
      // Lengths of literals and distances form one sequence: the distances' start at nlen.
      if (build(LENGTHS, nlen, ndist, DIST_TABLE, DIST_BITS, false) !== 0) throw corrupt("invalid distances set", op);
      lt = LIT_TABLE;
      dt = DIST_TABLE;
    }
    for (;;) {
      if (bc < 20) {
        // 15 bits of code + 5 extra at most; a refill brings 25–32.
        do {
          bb |= (pos < n ? (data[pos] as number) : 0) << bc;
          pos++;
          bc += 8;
        } while (bc <= 24);
      }
      let e = lt[bb & LIT_MASK] as number;
      if ((e & 15) === 0) e = lt[(e >>> 8) + ((bb >>> LIT_BITS) & ((1 << ((e >>> 4) & 15)) - 1))] as number;
      bb >>>= e & 15;
      bc -= e & 15;
      let sym = e >>> 4;
      if (sym < 256) {
        if (pos > n && overrun()) throw truncated(op);
        if (op >= size) throw surplus(op);
        out[op++] = sym;
        continue;
      }
      if (sym === 256) break;
      sym -= 257;
      if (sym >= 29) throw fail("invalid literal/length code");
      const lx = LEN_EXTRA[sym] as number;
      const len = (LEN_BASE[sym] as number) + (bb & ((1 << lx) - 1));
      bb >>>= lx;
      bc -= lx;
      if (bc < 15) {
        do {
          bb |= (pos < n ? (data[pos] as number) : 0) << bc;
          pos++;
          bc += 8;
        } while (bc <= 24);
      }
      e = dt[bb & DIST_MASK] as number;
      if ((e & 15) === 0) e = dt[(e >>> 8) + ((bb >>> DIST_BITS) & ((1 << ((e >>> 4) & 15)) - 1))] as number;
      bb >>>= e & 15;
      bc -= e & 15;
      sym = e >>> 4;
      if (sym >= 30) throw fail("invalid distance code");
      const dx = DIST_EXTRA[sym] as number;
      if (bc < dx) {
        do {
          bb |= (pos < n ? (data[pos] as number) : 0) << bc;
          pos++;
          bc += 8;
        } while (bc <= 24);
      }
      const dist = (DIST_BASE[sym] as number) + (bb & ((1 << dx) - 1));
      bb >>>= dx;
      bc -= dx;
      if (pos > n && overrun()) throw truncated(op);
      if (dist > op) throw corrupt("invalid distance too far back", op);
      if (op + len > size) throw surplus(op);
      if (dist === 1 && len >= 16) {
        // A run of one byte (most of a mask's rows): filled natively, its Adler-32 added at once.
        adlerAdd(out, words, checked, op);
        const value = out[op - 1] as number;
        out.fill(value, op, op + len);
        adlerFill(value, len);
        op += len;
        checked = op;
        continue;
      }
      copyMatch(out, op, dist, len);
      op += len;
    }
    if (pos > n && overrun()) throw truncated(op);
  } while (last === 0);
  pos -= bc >> 3;
  if (op !== size) throw truncated(op);
  if (pos + 4 > n) throw new InflateError("unexpected end of file", "corrupt", op);
  const check = (((data[pos] as number) << 24) | ((data[pos + 1] as number) << 16) | ((data[pos + 2] as number) << 8) | (data[pos + 3] as number)) >>> 0;
  adlerAdd(out, words, checked, size);
  if (((sumB << 16) | sumA) >>> 0 !== check) throw corrupt("incorrect data check", op);
}

/** Adler-32 of `bytes`. */
export function adler32(bytes: Uint8Array): number {
  sumA = 1;
  sumB = 0;
  adlerAdd(bytes, wordsOf(bytes), 0, bytes.length);
  return ((sumB << 16) | sumA) >>> 0;
}

// --- internal ---

/** The Adler-32 sums (RFC 1950's s1, s2) of the bytes added so far; synchronous use only. */
let sumA = 1;
let sumB = 0;

/** A 32-bit little-endian view of `bytes` when it starts on a word boundary. */
function wordsOf(bytes: Uint8Array): Uint32Array | undefined {
  return LITTLE_ENDIAN && bytes.byteOffset % 4 === 0 ? new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.length >>> 2) : undefined;
}

/** Adds `bytes[from, to)` to the sums, a block of 5552 at a time so they stay exact before the modulo. */
function adlerAdd(bytes: Uint8Array, words: Uint32Array | undefined, from: number, to: number): void {
  let a = sumA;
  let b = sumB;
  let i = from;
  while (i < to) {
    const end = Math.min(i + 5552, to);
    if (words !== undefined) {
      for (; i < end && (i & 3) !== 0; i++) {
        a += bytes[i] as number;
        b += a;
      }
      // Unsigned shifts: offsets may pass 2³¹ (--max-pixels above the default).
      for (const wordEnd = end - (end & 3); i < wordEnd; i += 4) {
        const w = words[i >>> 2] as number;
        if (w === 0) {
          // Inflated mask rows are mostly zero bytes: a run of zero words adds 4·a to b per word, a stays.
          let k = (i >>> 2) + 1;
          const last = wordEnd >>> 2;
          while (k + 4 <= last && ((words[k] as number) | (words[k + 1] as number) | (words[k + 2] as number) | (words[k + 3] as number)) === 0) k += 4;
          while (k < last && words[k] === 0) k++;
          b += 4 * (k - (i >>> 2)) * a;
          i = 4 * k - 4;
          continue;
        }
        a += w & 255;
        b += a;
        a += (w >>> 8) & 255;
        b += a;
        a += (w >>> 16) & 255;
        b += a;
        a += w >>> 24;
        b += a;
      }
    }
    for (; i < end; i++) {
      a += bytes[i] as number;
      b += a;
    }
    a %= 65521;
    b %= 65521;
  }
  sumA = a;
  sumB = b;
}

/** Adds `length` (at most 258) bytes of `value` to the sums at once: s2 grows by length·s1 + value·length(length+1)/2. */
function adlerFill(value: number, length: number): void {
  sumB = (sumB + length * sumA + (value * length * (length + 1)) / 2) % 65521;
  sumA = (sumA + value * length) % 65521;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const LIT_BITS = 10;
const LIT_MASK = (1 << LIT_BITS) - 1;
const DIST_BITS = 8;
const DIST_MASK = (1 << DIST_BITS) - 1;
/** Marks a bit pattern no code uses: decodes as a symbol past every alphabet, so it is refused. */
const INVALID = (1023 << 4) | 1;
const LEN_BASE = Uint16Array.of(3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258);
const LEN_EXTRA = Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0);
const DIST_BASE = Uint16Array.of(1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577);
const DIST_EXTRA = Uint8Array.of(0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13);
/** The order in which code-length code lengths are sent. */
const ORDER = Uint8Array.of(16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15);
const LENGTHS = new Uint8Array(320);
// Tables: a primary of 2^bits entries, then sub-tables of 2^(longest − bits) for longer codes.
const CODE_TABLE = new Int32Array(128);
const LIT_TABLE = new Int32Array((1 << LIT_BITS) + 288 * (1 << (15 - LIT_BITS)));
const DIST_TABLE = new Int32Array((1 << DIST_BITS) + 30 * (1 << (15 - DIST_BITS)));
const COUNT = new Uint16Array(16);
const NEXT = new Uint16Array(16);
const FIXED_LIT = new Int32Array(1 << LIT_BITS);
const FIXED_DIST = new Int32Array(1 << DIST_BITS);
{
  // Fixed codes (RFC 1951 3.2.6); distance codes 30 and 31 exist but are refused when decoded.
  const lengths = new Uint8Array(288 + 32);
  lengths.fill(8, 0, 144).fill(9, 144, 256).fill(7, 256, 280).fill(8, 280, 288).fill(5, 288);
  build(lengths, 0, 288, FIXED_LIT, LIT_BITS, false);
  build(lengths, 288, 32, FIXED_DIST, DIST_BITS, false);
}

/**
 * Fills a decoding table from code lengths. An entry is `symbol << 4 | length`, or a link to a
 * sub-table `offset << 8 | subBits << 4` (low 4 bits 0). Refuses over-subscribed sets and
 * incomplete ones (as zlib, except a lone code of length 1, and `complete` demands all).
 * @returns 0, or −1 for a set that is not a prefix code
 */
function build(lengths: Uint8Array, start: number, count: number, table: Int32Array, bits: number, complete: boolean): number {
  COUNT.fill(0);
  for (let i = 0; i < count; i++) {
    const len = lengths[start + i] as number;
    COUNT[len] = (COUNT[len] as number) + 1;
  }
  COUNT[0] = 0;
  let max = 15;
  while (max > 0 && COUNT[max] === 0) max--;
  table.fill(INVALID, 0, 1 << bits);
  if (max === 0) return complete ? -1 : 0; // no codes: any use is refused
  let left = 1;
  for (let len = 1; len <= 15; len++) {
    left = (left << 1) - (COUNT[len] as number);
    if (left < 0) return -1;
  }
  if (left > 0 && (complete || max !== 1)) return -1;
  for (let len = 1, code = 0; len <= 15; len++) {
    code = (code + (COUNT[len - 1] as number)) << 1;
    NEXT[len] = code;
  }
  const primary = 1 << bits;
  const subBits = max > bits ? max - bits : 0;
  let free = primary;
  for (let sym = 0; sym < count; sym++) {
    const len = lengths[start + sym] as number;
    if (len === 0) continue;
    const code = NEXT[len] as number;
    NEXT[len] = code + 1;
    let rev = 0; // codes are sent most significant bit first, read least significant first
    for (let k = 0; k < len; k++) rev |= ((code >> k) & 1) << (len - 1 - k);
    const entry = (sym << 4) | len;
    if (len <= bits) {
      for (let i = rev; i < primary; i += 1 << len) table[i] = entry;
      continue;
    }
    const at = rev & (primary - 1);
    let link = table[at] as number;
    if (link === INVALID) {
      link = (free << 8) | (subBits << 4);
      table[at] = link;
      table.fill(INVALID, free, free + (1 << subBits));
      free += 1 << subBits;
    }
    for (let i = (link >>> 8) + (rev >>> bits), end = (link >>> 8) + (1 << subBits); i < end; i += 1 << (len - bits)) table[i] = entry;
  }
  return 0;
}

/** Copies `len` bytes from `dist` back, which may overlap the bytes being written. */
function copyMatch(out: Uint8Array, op: number, dist: number, len: number): void {
  let from = op - dist;
  if (len < 12) {
    // Short: a loop beats a native call.
    for (const end = op + len; op < end; ) out[op++] = out[from++] as number;
  } else if (dist >= len) {
    out.copyWithin(op, from, from + len);
  } else if (dist === 1) {
    out.fill(out[from] as number, op, op + len);
  } else {
    // A period shorter than the match: the written bytes repeat it, so copy chunks doubling in length.
    let done = 0;
    while (done < len) {
      const chunk = Math.min(done + dist, len - done);
      out.copyWithin(op + done, from, from + chunk);
      done += chunk;
    }
  }
}

function corrupt(message: string, produced: number): InflateError {
  return new InflateError(message, "corrupt", produced);
}

function truncated(produced: number): InflateError {
  return new InflateError("unexpected end of file", "truncated", produced);
}

function surplus(produced: number): InflateError {
  return new InflateError("output longer than expected", "surplus", produced);
}
