/**
 * A read-only column of strings (some possibly absent) stored as a few long strings plus
 * end offsets. A dataset listing holds a few names per mask for the whole run; as separate
 * heap strings in an array each costs ~40 bytes of overhead on top of its characters, which
 * for a million masks is what the main thread would hold for nothing but the names.
 *
 * Entries are grouped in chunks of {@link CHUNK_ENTRIES}, each chunk one string, so no
 * chunk can reach V8's maximum string length (2^29 − 24 characters) even if every entry
 * were a path of 4,096 characters. `get` returns a slice of its chunk.
 */
export class PackedStrings {
  /** Number of entries. */
  readonly length: number;
  readonly #chunks: readonly string[];
  /** End offset of each entry within its chunk (its start is the previous entry's end, or 0 at a chunk start). */
  readonly #ends: Uint32Array;
  /** 1 where the entry is absent (undefined); undefined when none is. */
  readonly #absent: Uint8Array | undefined;

  private constructor(length: number, chunks: readonly string[], ends: Uint32Array, absent: Uint8Array | undefined) {
    this.length = length;
    this.#chunks = chunks;
    this.#ends = ends;
    this.#absent = absent;
  }

  /** Packs `values` in order; `undefined` entries stay undefined. */
  static from(values: ArrayLike<string | undefined>): PackedStrings {
    const length = values.length;
    const ends = new Uint32Array(length);
    const chunks: string[] = [];
    let absent: Uint8Array | undefined;
    let parts: string[] = [];
    let end = 0;
    for (let i = 0; i < length; i++) {
      if (i % CHUNK_ENTRIES === 0 && i > 0) {
        chunks.push(parts.join(""));
        parts = [];
        end = 0;
      }
      const value = values[i];
      if (value === undefined) (absent ??= new Uint8Array(length))[i] = 1;
      else {
        parts.push(value);
        end += value.length;
      }
      ends[i] = end;
    }
    if (length > 0) chunks.push(parts.join(""));
    return new PackedStrings(length, chunks, ends, absent);
  }

  /** Entry `index` (0 ≤ index < length), or undefined when it is absent or out of range. */
  get(index: number): string | undefined {
    if (!Number.isInteger(index) || index < 0 || index >= this.length || this.#absent?.[index] === 1) return undefined;
    const start = index % CHUNK_ENTRIES === 0 ? 0 : (this.#ends[index - 1] as number);
    return (this.#chunks[Math.floor(index / CHUNK_ENTRIES)] as string).slice(start, this.#ends[index]);
  }
}

/** Entries per chunk string (see {@link PackedStrings}). */
export const CHUNK_ENTRIES = 65536;
