// Whether two byte ranges are equal: Node's native compare where there is one (mask rows mostly
// repeat the row above, so this runs once a row), a plain loop in browsers.
const compare = (globalThis as { Buffer?: { prototype: { compare(this: Uint8Array, target: Uint8Array, ts: number, te: number, ss: number, se: number): number } } }).Buffer?.prototype.compare;

/** Whether `a[aStart, aStart + length)` equals `b[bStart, bStart + length)`. */
export function sameBytes(a: Uint8Array, aStart: number, b: Uint8Array, bStart: number, length: number): boolean {
  if (compare !== undefined) return compare.call(a, b, bStart, bStart + length, aStart, aStart + length) === 0;
  return sameBytesLoop(a, aStart, b, bStart, length);
}

/** {@link sameBytes} without Node's Buffer, as browsers run it. */
export function sameBytesLoop(a: Uint8Array, aStart: number, b: Uint8Array, bStart: number, length: number): boolean {
  for (let i = 0; i < length; i++) if (a[aStart + i] !== b[bStart + i]) return false;
  return true;
}
