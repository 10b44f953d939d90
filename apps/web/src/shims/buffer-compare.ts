// TEMPORARY (until core's PNG decoder compares rows without Node's Buffer: png-fast.ts and
// png-runs.ts call Buffer.from(…).compare(…)): the one Buffer method it uses, for the worker.

/** Node's `buf.compare(target, targetStart, targetEnd, sourceStart, sourceEnd)` on plain bytes. */
export class ComparableBytes extends Uint8Array {
  compare(target: Uint8Array, targetStart = 0, targetEnd = target.length, sourceStart = 0, sourceEnd = this.length): number {
    const length = Math.min(targetEnd - targetStart, sourceEnd - sourceStart);
    // Four bytes a step while they are equal (most compared mask rows are), then byte by byte.
    const a = new DataView(this.buffer, this.byteOffset + sourceStart, length);
    const b = new DataView(target.buffer, target.byteOffset + targetStart, length);
    let i = 0;
    for (const end = length - 3; i < end && a.getUint32(i) === b.getUint32(i); i += 4);
    for (; i < length; i++) {
      const x = a.getUint8(i);
      const y = b.getUint8(i);
      if (x !== y) return x < y ? -1 : 1;
    }
    return Math.sign(sourceEnd - sourceStart - (targetEnd - targetStart));
  }
}

const global = globalThis as { Buffer?: unknown };
global.Buffer ??= { from: (buffer: ArrayBuffer, offset?: number, length?: number) => new ComparableBytes(buffer, offset, length) };
