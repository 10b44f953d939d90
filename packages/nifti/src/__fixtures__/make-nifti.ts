/**
 * Writes NIfTI files for tests, independently of the package's reader and writer: every
 * offset is typed in here from nifti1.h / nifti2.h.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";

export type TestDatatype = "uint8" | "int8" | "int16" | "uint16" | "int32" | "float32" | "float64";
const CODES: Record<TestDatatype, [code: number, bytes: number]> = { uint8: [2, 1], int8: [256, 1], int16: [4, 2], uint16: [512, 2], int32: [8, 4], float32: [16, 4], float64: [64, 8] };

/** What to write. Voxel values are given in stored order (i fastest). */
export interface TestVolume {
  readonly shape: readonly number[];
  readonly values: ArrayLike<number>;
  readonly datatype?: TestDatatype;
  readonly version?: 1 | 2;
  readonly bigEndian?: boolean;
  /** srow_x, srow_y, srow_z, with sform_code 1 (default: identity). */
  readonly sform?: readonly (readonly number[])[];
  readonly sformCode?: number;
  /** qform: quaternion b, c, d, qfac, voxel sizes, offset; with qform_code. */
  readonly qform?: { readonly b: number; readonly c: number; readonly d: number; readonly qfac: number; readonly pixdim?: readonly number[]; readonly offset?: readonly number[] };
  readonly qformCode?: number;
  readonly pixdim?: readonly number[];
  readonly slope?: number;
  readonly inter?: number;
  /** Override vox_offset (default 352 / 544). */
  readonly voxOffset?: number;
  /** Override dim[0] (default shape.length). */
  readonly rank?: number;
  readonly description?: string;
}

/** The bytes of a single-file NIfTI (uncompressed). */
export function niftiBytes(volume: TestVolume): Uint8Array {
  const version = volume.version ?? 1;
  const le = volume.bigEndian !== true;
  const [code, bytes] = CODES[volume.datatype ?? "uint8"];
  const dataStart = version === 1 ? 352 : 544;
  const count = volume.values.length;
  const buffer = new ArrayBuffer(dataStart + count * bytes);
  const v = new DataView(buffer);
  const pixdim = volume.pixdim ?? volume.qform?.pixdim ?? [1, 1, 1];
  const qfac = volume.qform?.qfac ?? 1;
  const sform = volume.sform ?? [
    [pixdim[0] ?? 1, 0, 0, 0],
    [0, pixdim[1] ?? 1, 0, 0],
    [0, 0, pixdim[2] ?? 1, 0],
  ];
  const dims = [volume.rank ?? volume.shape.length, ...volume.shape];
  while (dims.length < 8) dims.push(1);
  const pix = [qfac, ...pixdim];
  while (pix.length < 8) pix.push(0);
  const sformCode = volume.sformCode ?? (volume.qform !== undefined && volume.sform === undefined ? 0 : 1);
  const qformCode = volume.qformCode ?? (volume.qform !== undefined ? 1 : 0);
  const q = volume.qform ?? { b: 0, c: 0, d: 0, qfac: 1 };
  const offset = volume.qform?.offset ?? [0, 0, 0];
  if (version === 1) {
    v.setInt32(0, 348, le);
    dims.forEach((d, i) => v.setInt16(40 + 2 * i, d, le));
    v.setInt16(70, code, le);
    v.setInt16(72, bytes * 8, le);
    pix.forEach((p, i) => v.setFloat32(76 + 4 * i, p, le));
    v.setFloat32(108, volume.voxOffset ?? dataStart, le);
    v.setFloat32(112, volume.slope ?? 0, le);
    v.setFloat32(116, volume.inter ?? 0, le);
    v.setUint8(123, 2); // mm
    new TextEncoder().encodeInto((volume.description ?? "maskport test").slice(0, 79), new Uint8Array(buffer, 148, 80));
    v.setInt16(252, qformCode, le);
    v.setInt16(254, sformCode, le);
    [q.b, q.c, q.d, ...offset].forEach((x, i) => v.setFloat32(256 + 4 * i, x, le));
    sform.flat().forEach((x, i) => v.setFloat32(280 + 4 * i, x, le));
    [0x6e, 0x2b, 0x31, 0].forEach((c, i) => v.setUint8(344 + i, c));
  } else {
    v.setInt32(0, 540, le);
    [0x6e, 0x2b, 0x32, 0, 0x0d, 0x0a, 0x1a, 0x0a].forEach((c, i) => v.setUint8(4 + i, c));
    v.setInt16(12, code, le);
    v.setInt16(14, bytes * 8, le);
    dims.forEach((d, i) => v.setBigInt64(16 + 8 * i, BigInt(d), le));
    pix.forEach((p, i) => v.setFloat64(104 + 8 * i, p, le));
    v.setBigInt64(168, BigInt(volume.voxOffset ?? dataStart), le);
    v.setFloat64(176, volume.slope ?? 0, le);
    v.setFloat64(184, volume.inter ?? 0, le);
    new TextEncoder().encodeInto((volume.description ?? "maskport test").slice(0, 79), new Uint8Array(buffer, 240, 80));
    v.setInt32(344, qformCode, le);
    v.setInt32(348, sformCode, le);
    [q.b, q.c, q.d, ...offset].forEach((x, i) => v.setFloat64(352 + 8 * i, x, le));
    sform.flat().forEach((x, i) => v.setFloat64(400 + 8 * i, x, le));
    v.setInt32(500, 2, le);
  }
  const type = volume.datatype ?? "uint8";
  for (let p = 0; p < count; p++) {
    const at = dataStart + p * bytes;
    const x = volume.values[p] as number;
    if (type === "uint8") v.setUint8(at, x);
    else if (type === "int8") v.setInt8(at, x);
    else if (type === "int16") v.setInt16(at, x, le);
    else if (type === "uint16") v.setUint16(at, x, le);
    else if (type === "int32") v.setInt32(at, x, le);
    else if (type === "float32") v.setFloat32(at, x, le);
    else v.setFloat64(at, x, le);
  }
  return new Uint8Array(buffer);
}

/** A temporary folder to write NIfTI files into. */
export function tempFolder(prefix: string): { readonly root: string; write(relative: string, volume: TestVolume | Uint8Array | string, gzip?: boolean): string; remove(): void } {
  const root = mkdtempSync(join(tmpdir(), prefix));
  return {
    root,
    write(relative, volume, gzip = relative.endsWith(".gz")) {
      const path = join(root, relative);
      mkdirSync(dirname(path), { recursive: true });
      const bytes = typeof volume === "string" || volume instanceof Uint8Array ? volume : niftiBytes(volume);
      writeFileSync(path, gzip && typeof bytes !== "string" ? gzipSync(bytes) : bytes);
      return path;
    },
    remove() {
      rmSync(root, { recursive: true, force: true });
    },
  };
}

/** The 48 axis orientations: stored axis i runs along RAS axis `perm[i]`, reversed where `flip[i]`. */
export function allOrientations(): { perm: [number, number, number]; flip: [boolean, boolean, boolean] }[] {
  const perms: [number, number, number][] = [
    [0, 1, 2],
    [0, 2, 1],
    [1, 0, 2],
    [1, 2, 0],
    [2, 0, 1],
    [2, 1, 0],
  ];
  const out: { perm: [number, number, number]; flip: [boolean, boolean, boolean] }[] = [];
  for (const perm of perms) for (let f = 0; f < 8; f++) out.push({ perm, flip: [(f & 1) !== 0, (f & 2) !== 0, (f & 4) !== 0] });
  return out;
}
