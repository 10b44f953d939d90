// Whether two byte ranges are equal: Node's native compare where there is one (mask rows mostly
// repeat the row above, so this runs once a row), a plain loop in browsers.
const compare = (globalThis as { Buffer?: { prototype: { compare(this: Uint8Array, target: Uint8Array, ts: number, te: number, ss: number, se: number): number } } }).Buffer?.prototype.compare;

/** Whether byte ranges are compared natively (Node), not by a loop in JavaScript (browsers). */
export const NATIVE_COMPARE = compare !== undefined;

/** Whether `a[aStart, aStart + length)` equals `b[bStart, bStart + length)`. */
export function sameBytes(a: Uint8Array, aStart: number, b: Uint8Array, bStart: number, length: number): boolean {
  if (compare !== undefined) return compare.call(a, b, bStart, bStart + length, aStart, aStart + length) === 0;
  return sameBytesLoop(a, aStart, b, bStart, length);
}

/** {@link sameBytes} without Node's Buffer, as browsers run it: four bytes a step where both ranges align alike. */
export function sameBytesLoop(a: Uint8Array, aStart: number, b: Uint8Array, bStart: number, length: number): boolean {
  let i = 0;
  const aAt = a.byteOffset + aStart;
  const bAt = b.byteOffset + bStart;
  if (length >= 16 && (aAt & 3) === (bAt & 3)) {
    for (; ((aAt + i) & 3) !== 0; i++) if (a[aStart + i] !== b[bStart + i]) return false;
    const aWords = new Int32Array(a.buffer, aAt + i, (length - i) >>> 2);
    const bWords = new Int32Array(b.buffer, bAt + i, (length - i) >>> 2);
    for (let w = 0; w < aWords.length; w++) if (aWords[w] !== bWords[w]) return false;
    i += aWords.length * 4;
  }
  for (; i < length; i++) if (a[aStart + i] !== b[bStart + i]) return false;
  return true;
}
