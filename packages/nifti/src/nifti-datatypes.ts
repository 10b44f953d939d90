/** The NIfTI `datatype` codes maskport reads and writes (nifti1.h `DT_*`), with their storage. */

/** A typed array of voxel values (64-bit integers are read as BigInt arrays and converted). */
export type VoxelArray = Uint8Array | Int8Array | Int16Array | Uint16Array | Int32Array | Uint32Array | Float32Array | Float64Array | BigInt64Array | BigUint64Array;

/** One voxel storage type. */
export interface Datatype {
  readonly code: number;
  readonly name: string;
  /** Bytes per voxel (bitpix / 8). */
  readonly bytes: 1 | 2 | 4 | 8;
  /** Whether stored values are floating point (labels must still be whole numbers). */
  readonly float: boolean;
  /** Smallest and largest storable value. */
  readonly min: number;
  readonly max: number;
  /** A view of `length` voxels over host-order bytes (the buffer is aligned to `bytes`). */
  view(buffer: ArrayBuffer, byteOffset: number, length: number): VoxelArray;
}

type Row = readonly [code: number, name: string, bytes: 1 | 2 | 4 | 8, float: boolean, min: number, max: number, view: Datatype["view"]];

/** Every supported datatype by code. Complex, RGB and 128-bit types are no label or intensity types. */
export const DATATYPES: ReadonlyMap<number, Datatype> = new Map(
  (
    [
      [2, "uint8", 1, false, 0, 255, (b, o, n) => new Uint8Array(b, o, n)],
      [4, "int16", 2, false, -32768, 32767, (b, o, n) => new Int16Array(b, o, n)],
      [8, "int32", 4, false, -2147483648, 2147483647, (b, o, n) => new Int32Array(b, o, n)],
      [16, "float32", 4, true, -3.4028234663852886e38, 3.4028234663852886e38, (b, o, n) => new Float32Array(b, o, n)],
      [64, "float64", 8, true, -Number.MAX_VALUE, Number.MAX_VALUE, (b, o, n) => new Float64Array(b, o, n)],
      [256, "int8", 1, false, -128, 127, (b, o, n) => new Int8Array(b, o, n)],
      [512, "uint16", 2, false, 0, 65535, (b, o, n) => new Uint16Array(b, o, n)],
      [768, "uint32", 4, false, 0, 4294967295, (b, o, n) => new Uint32Array(b, o, n)],
      [1024, "int64", 8, false, -(2 ** 53), 2 ** 53, (b, o, n) => new BigInt64Array(b, o, n)],
      [1280, "uint64", 8, false, 0, 2 ** 53, (b, o, n) => new BigUint64Array(b, o, n)],
    ] as const satisfies readonly Row[]
  ).map(([code, name, bytes, float, min, max, view]): [number, Datatype] => [code, { code, name, bytes, float, min, max, view }]),
);

/** Names of the supported types, for messages. */
export const DATATYPE_NAMES: string = [...DATATYPES.values()].map((type) => type.name).join(", ");

/** Whether this machine stores numbers little-endian (every platform Node runs on today). */
export const HOST_LITTLE_ENDIAN: boolean = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

/** Reverses the byte order of every `bytes`-wide element of `data`, in place. */
export function swapBytes(data: Uint8Array, bytes: 1 | 2 | 4 | 8): void {
  if (bytes === 1) return;
  for (let p = 0; p < data.length; p += bytes) {
    for (let a = p, b = p + bytes - 1; a < b; a++, b--) {
      const t = data[a] as number;
      data[a] = data[b] as number;
      data[b] = t;
    }
  }
}
