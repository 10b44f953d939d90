// TEMPORARY (until nnunet-exporter.ts stops base64-coding case images with Node's Buffer): the
// part of Buffer it uses, for the worker. Core's sameBytes finds `Buffer.prototype.compare` here
// too (it must not find a Buffer without a prototype: it reads the method at load).

/** A Uint8Array with Node's `compare` and base64 / UTF-8 / latin1 `toString`. */
export class ComparableBytes extends Uint8Array {
  /** Node's `buf.compare(target, targetStart, targetEnd, sourceStart, sourceEnd)`. */
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

  override toString(encoding: string = "utf8"): string {
    if (encoding === "utf8" || encoding === "utf-8") return new TextDecoder().decode(this);
    const binary = latin1(this);
    if (encoding === "latin1" || encoding === "binary") return binary;
    if (encoding === "base64") return btoa(binary);
    throw new Error(`Buffer stand-in: no ${encoding} encoding`);
  }
}

/** Node's `Buffer.from`: a view of an ArrayBuffer, a copy of bytes, or a decoded string. */
export function bufferFrom(value: ArrayBufferLike | ArrayLike<number> | string, offsetOrEncoding?: number | string, length?: number): ComparableBytes {
  if (typeof value === "string") {
    const encoding = (offsetOrEncoding as string | undefined) ?? "utf8";
    if (encoding === "utf8" || encoding === "utf-8") return copy(new TextEncoder().encode(value));
    const binary = encoding === "base64" ? atob(value.replace(/[^A-Za-z0-9+/]/g, "")) : encoding === "latin1" || encoding === "binary" ? value : undefined;
    if (binary === undefined) throw new Error(`Buffer stand-in: no ${encoding} encoding`);
    const bytes = new ComparableBytes(binary.length);
    for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }
  if (value instanceof ArrayBuffer) return new ComparableBytes(value, offsetOrEncoding as number | undefined, length);
  return copy(value as ArrayLike<number>);
}

function copy(bytes: ArrayLike<number>): ComparableBytes {
  const out = new ComparableBytes(bytes.length);
  out.set(bytes);
  return out;
}

/** Bytes as a latin1 string, in slices (String.fromCharCode takes only so many arguments). */
function latin1(bytes: Uint8Array): string {
  let text = "";
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return text;
}

const global = globalThis as { Buffer?: unknown };
global.Buffer ??= { from: bufferFrom, prototype: ComparableBytes.prototype };
