// The fuzzer's mutator: 1–4 stacked mutations of a seed file, chosen by a seeded generator.
// Byte-level (bit flips, interesting bytes and 32-bit values, insertions, deletions, duplicated
// ranges, truncation, splicing with another seed), text-level for the text formats (numbers
// replaced by boundary values, hostile tokens inserted, lines deleted, duplicated or swapped,
// deep nesting) and PNG-level (IHDR fields, chunk data, chunk order, the inflated rows —
// re-deflated and with CRCs recomputed, so mutants reach the decoder instead of stopping at
// the CRC check).
import { concat, deflate, headerData, inflateIdat, readChunks, writeChunks } from "./png.mjs";

/**
 * @typedef {import("./random.mjs").Random} Random
 * @typedef {import("./png.mjs").Chunk} Chunk
 * @typedef {"binary" | "text" | "png"} FileKind
 */

/**
 * A mutant of `seed`.
 * @param {Uint8Array} seed
 * @param {FileKind} kind
 * @param {Random} random
 * @param {readonly Uint8Array[]} others seeds of the same kind, for splicing
 * @returns {Uint8Array}
 */
export function mutate(seed, kind, random, others) {
  let bytes = seed;
  const rounds = random.size(4);
  for (let round = 0; round < rounds; round++) {
    const roll = random.int(100);
    if (kind === "png" && roll < 55) bytes = pngMutation(bytes, random);
    else if (kind === "text" && roll < 60) bytes = textMutation(bytes, random, others);
    else bytes = byteMutation(bytes, random, others);
  }
  return bytes;
}

/** Numbers a parser, a size check or an allocation may get wrong. */
export const BOUNDARY_NUMBERS = [
  "0", "-0", "1", "-1", "2", "7", "8", "15", "16", "255", "256", "-128", "65535", "65536", "-65536", "1000000",
  "2147483647", "2147483648", "-2147483648", "-2147483649", "4294967295", "4294967296", "9007199254740991", "9007199254740993",
  "18446744073709551616", "99999999999999999999999999", "0.5", "-0.5", "0.0000001", "1.0000001", "0.99999999", "1.01", "-0.01",
  "1e3", "1e9", "1e10", "1e308", "1e309", "-1e309", "1e-400", "5e-324", "NaN", "Infinity", "-Infinity", "nan", "inf", "0x10", "1_000", "00", "",
];

/** Tokens that break parsers, quoting or paths. */
const TOKENS = [
  "\u0000", '"', "'", "\\", "/", "../", "../../", "/etc/passwd", "C:\\", "<", ">", "&", "&amp;", "&#0;", "&#x110000;", "&lt;", "]]>", "<!--", "<![CDATA[",
  ":", "::", ",", ";", "#", "*", "&a", "*a", "!!binary", "!!python/object", "? ", "- ", "|", ">-", "%", "@", "`", "{", "}", "[", "]", "{}", "[]", "null", "true", "false",
  "\n", "\r\n", "\r", "\t", " ", "\uFEFF", "\uD800", "\uFFFF", "é", "😀", "\u202E", "__proto__", "constructor", "\"__proto__\":{}",
];

// --- internal ---

/** @param {Uint8Array} bytes @param {Random} random @param {readonly Uint8Array[]} others */
function byteMutation(bytes, random, others) {
  const n = bytes.length;
  const at = random.int(n + 1);
  switch (random.int(10)) {
    case 0:
    case 1: {
      if (n === 0) return Uint8Array.of(random.int(256));
      const out = bytes.slice();
      const flips = random.size(8);
      for (let i = 0; i < flips; i++) {
        const p = random.int(n);
        out[p] = (out[p] ?? 0) ^ (1 << random.int(8));
      }
      return out;
    }
    case 2: {
      if (n === 0) return bytes;
      const out = bytes.slice();
      out[random.int(n)] = random.pick([0, 1, 0x7f, 0x80, 0xff, 0xfe, 0x20, 0x0a, 0x30, 0x39]);
      return out;
    }
    case 3: {
      if (n < 4) return bytes;
      const out = bytes.slice();
      const p = random.int(n - 3);
      new DataView(out.buffer).setUint32(p, random.pick([0, 1, 0x7fffffff, 0x80000000, 0xffffffff, 0xffff, 0x10000, 0x1000000, 0x7ffffffe]), random.chance(0.7));
      return out;
    }
    case 4: {
      const length = random.size(32);
      const fill = random.chance(0.5) ? Array.from({ length }, () => random.int(256)) : new Uint8Array(length).fill(random.int(256));
      return concat([bytes.subarray(0, at), Uint8Array.from(fill), bytes.subarray(at)]);
    }
    case 5: {
      const length = Math.min(n - at, random.size(Math.max(1, n >> 2)));
      return concat([bytes.subarray(0, at), bytes.subarray(at + length)]);
    }
    case 6:
      return bytes.subarray(0, random.int(n));
    case 7: {
      if (n === 0) return bytes;
      const start = random.int(n);
      const length = Math.min(n - start, random.size(Math.max(1, n >> 1)));
      const copies = random.size(4);
      return concat([bytes.subarray(0, at), ...Array.from({ length: copies }, () => bytes.subarray(start, start + length)), bytes.subarray(at)]);
    }
    default: {
      const other = others.length > 0 ? random.pick(others) : bytes;
      return concat([bytes.subarray(0, at), other.subarray(random.int(other.length + 1))]);
    }
  }
}

/** @param {Uint8Array} bytes @param {Random} random @param {readonly Uint8Array[]} others */
function textMutation(bytes, random, others) {
  const text = new TextDecoder().decode(bytes);
  return new TextEncoder().encode(textEdit(text, random, others));
}

/** @param {string} text @param {Random} random @param {readonly Uint8Array[]} others */
function textEdit(text, random, others) {
  const lines = text.split("\n");
  switch (random.int(9)) {
    case 0:
    case 1:
    case 2: {
      const numbers = [...text.matchAll(/-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?/g)];
      if (numbers.length === 0) return text;
      const match = random.pick(numbers);
      const index = match.index ?? 0;
      return text.slice(0, index) + random.pick(BOUNDARY_NUMBERS) + text.slice(index + match[0].length);
    }
    case 3: {
      const at = random.int(text.length + 1);
      return text.slice(0, at) + random.pick(TOKENS).repeat(random.chance(0.1) ? random.size(64) : 1) + text.slice(at);
    }
    case 4: {
      const i = random.int(lines.length);
      lines.splice(i, 1);
      return lines.join("\n");
    }
    case 5: {
      const i = random.int(lines.length);
      lines.splice(i, 0, ...Array.from({ length: random.size(3) }, () => lines[i] ?? ""));
      return lines.join("\n");
    }
    case 6: {
      const i = random.int(lines.length);
      const j = random.int(lines.length);
      [lines[i], lines[j]] = [lines[j] ?? "", lines[i] ?? ""];
      return lines.join("\n");
    }
    case 7: {
      // Deep nesting where a value or element may start.
      const at = random.int(text.length + 1);
      const depth = random.pick([64, 1000, 20000]);
      const [open, close] = random.pick([["[", "]"], ["{\"a\":", "}"], ["<a>", "</a>"], ["- ", ""], ["[", ""]]);
      return text.slice(0, at) + open.repeat(depth) + (random.chance(0.5) ? close.repeat(depth) : "") + text.slice(at);
    }
    default: {
      const other = others.length > 0 ? new TextDecoder().decode(random.pick(others)).split("\n") : lines;
      const cut = random.int(lines.length + 1);
      return [...lines.slice(0, cut), ...other.slice(random.int(other.length + 1))].join("\n");
    }
  }
}

/** @param {Uint8Array} bytes @param {Random} random */
function pngMutation(bytes, random) {
  const chunks = readChunks(bytes);
  if (chunks === undefined || chunks.length === 0) return bytes;
  const pick = () => random.int(chunks.length);
  switch (random.int(8)) {
    case 0: {
      // IHDR fields at their boundaries.
      const header = chunks.find((c) => c.type === "IHDR");
      if (header === undefined || header.data.length < 13) return bytes;
      const view = new DataView(header.data.buffer, header.data.byteOffset);
      const w = view.getUint32(0);
      const h = view.getUint32(4);
      const sizes = [0, 1, 2, 3, 7, 8, 9, 255, 256, 4096, 65535, 65536, 0x7fffffff, 0x80000000, 0xffffffff, w + 1, w - 1, h + 1, h * 2];
      const field = random.int(6);
      const data =
        field === 0 ? headerData(random.pick(sizes), h, header.data[8] ?? 8, header.data[9] ?? 0, header.data[12] === 1)
        : field === 1 ? headerData(w, random.pick(sizes), header.data[8] ?? 8, header.data[9] ?? 0, header.data[12] === 1)
        : field === 2 ? withByte(header.data, 8, random.pick([0, 1, 2, 3, 4, 5, 8, 16, 32, 255]))
        : field === 3 ? withByte(header.data, 9, random.pick([0, 1, 2, 3, 4, 5, 6, 7, 8, 255]))
        : field === 4 ? withByte(header.data, 12, random.pick([0, 1, 2, 255]))
        : withByte(header.data, random.pick([10, 11]), random.pick([1, 255]));
      header.data = data;
      return writeChunks(chunks);
    }
    case 1: {
      // The inflated rows mutated (filter bytes, pixels, length), re-deflated: past the zlib and CRC checks.
      const raw = inflateIdat(chunks);
      if (raw === undefined) return bytes;
      const edited = raw.slice();
      const edits = random.size(6);
      let out = edited;
      for (let i = 0; i < edits && out.length > 0; i++) {
        const roll = random.int(4);
        if (roll === 0) out[random.int(out.length)] = random.pick([0, 1, 2, 3, 4, 5, 9, 255]);
        else if (roll === 1) out[random.int(out.length)] = random.int(256);
        else if (roll === 2) out = out.subarray(0, random.int(out.length));
        else out = concat([out, new Uint8Array(random.size(64)).fill(random.int(256))]);
      }
      const first = chunks.findIndex((c) => c.type === "IDAT");
      const rest = chunks.filter((c, i) => c.type !== "IDAT" || i === first);
      const idat = rest.find((c) => c.type === "IDAT");
      if (idat !== undefined) idat.data = deflate(out);
      return writeChunks(rest);
    }
    case 2: {
      // A chunk's data bytes changed, CRC recomputed.
      const chunk = /** @type {Chunk} */ (chunks[pick()]);
      if (chunk.data.length > 0) {
        chunk.data = chunk.data.slice();
        chunk.data[random.int(chunk.data.length)] = random.int(256);
      } else chunk.data = Uint8Array.of(random.int(256));
      return writeChunks(chunks);
    }
    case 3:
      chunks.splice(pick(), 1);
      return writeChunks(chunks);
    case 4: {
      const i = pick();
      chunks.splice(random.int(chunks.length + 1), 0, { ...(/** @type {Chunk} */ (chunks[i])) });
      return writeChunks(chunks);
    }
    case 5: {
      const i = pick();
      const j = pick();
      [chunks[i], chunks[j]] = [/** @type {Chunk} */ (chunks[j]), /** @type {Chunk} */ (chunks[i])];
      return writeChunks(chunks);
    }
    case 6: {
      // A chunk inserted: a palette, transparency, an unknown critical or ancillary chunk.
      const type = random.pick(["PLTE", "tRNS", "IDAT", "IHDR", "IEND", "ABCD", "abcD", "gAMA", "iCCP", "zTXt"]);
      const length = random.pick([0, 1, 3, 6, 13, 768, 771]);
      chunks.splice(1 + random.int(chunks.length), 0, { type, data: Uint8Array.from({ length }, () => random.int(256)) });
      return writeChunks(chunks);
    }
    default: {
      // A chunk's length field lies (CRC not fixed: the reader must not trust it).
      const out = writeChunks(chunks);
      let at = 8;
      const target = pick();
      for (let i = 0; i < target; i++) at += 12 + (/** @type {Chunk} */ (chunks[i])).data.length;
      if (at + 4 <= out.length) new DataView(out.buffer).setUint32(at, random.pick([0, 1, 0x7fffffff, 0xffffffff, (chunks[target]?.data.length ?? 0) + 1]));
      return out;
    }
  }
}

/** @param {Uint8Array} data @param {number} index @param {number} value */
function withByte(data, index, value) {
  const out = data.slice();
  out[index] = value;
  return out;
}
