// TEMPORARY (until core's PNG decoder compares rows without Node's Buffer: png-fast.ts and
// png-runs.ts call Buffer.from(…).compare(…)): the one Buffer method it uses, for the worker.

/** Node's `buf.compare(target, targetStart, targetEnd, sourceStart, sourceEnd)` on plain bytes. */
class ComparableBytes extends Uint8Array {
  compare(target: Uint8Array, targetStart = 0, targetEnd = target.length, sourceStart = 0, sourceEnd = this.length): number {
    const length = Math.min(targetEnd - targetStart, sourceEnd - sourceStart);
    for (let i = 0; i < length; i++) {
      const a = this[sourceStart + i]!;
      const b = target[targetStart + i]!;
      if (a !== b) return a < b ? -1 : 1;
    }
    return Math.sign(sourceEnd - sourceStart - (targetEnd - targetStart));
  }
}

const global = globalThis as { Buffer?: unknown };
global.Buffer ??= { from: (buffer: ArrayBuffer, offset?: number, length?: number) => new ComparableBytes(buffer, offset, length) };
