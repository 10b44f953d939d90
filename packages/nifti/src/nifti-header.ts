/**
 * The NIfTI-1 (348-byte) and NIfTI-2 (540-byte) headers: where each field sits, reading them
 * in either byte order, and checking what a single-file volume needs.
 */
import { MaskportError } from "@maskport/core";
import { DATATYPE_NAMES, DATATYPES, type Datatype } from "./nifti-datatypes.ts";

/** The header fields maskport uses. Arrays are copies; `bytes` keeps the header as read. */
export interface NiftiHeader {
  readonly version: 1 | 2;
  readonly littleEndian: boolean;
  /** `dim[0..7]`: dim[0] is the number of dimensions. */
  readonly dim: readonly number[];
  readonly datatype: Datatype;
  /** `pixdim[0..7]`: pixdim[0] is qfac, 1..3 the voxel size. */
  readonly pixdim: readonly number[];
  /** Byte offset of the voxels in the (uncompressed) file. */
  readonly voxOffset: number;
  readonly sclSlope: number;
  readonly sclInter: number;
  readonly qformCode: number;
  readonly sformCode: number;
  /** quatern_b, c, d. */
  readonly quatern: readonly [number, number, number];
  /** qoffset_x, y, z. */
  readonly qoffset: readonly [number, number, number];
  /** srow_x, srow_y, srow_z (4 each). */
  readonly srow: readonly (readonly number[])[];
  /** Spatial unit code (xyzt_units & 7): 1 metre, 2 mm, 3 µm, 0 unknown. */
  readonly spaceUnit: number;
  /** The header bytes as found (348 or 540), in the file's byte order. */
  readonly bytes: Uint8Array;
}

/** Header size in bytes of each version. */
export const HEADER_SIZE = { 1: 348, 2: 540 } as const;
/** Where the voxels of a single file start when there are no extensions: header + 4 extension bytes. */
export const DATA_OFFSET = { 1: 352, 2: 544 } as const;

type Kind = "i16" | "i32" | "i64" | "f32" | "f64" | "u8";
/** Field → [offset, type] per version (nifti1.h, nifti2.h). */
export const LAYOUT = {
  1: { dim: [40, "i16"], datatype: [70, "i16"], bitpix: [72, "i16"], pixdim: [76, "f32"], voxOffset: [108, "f32"], sclSlope: [112, "f32"], sclInter: [116, "f32"], xyztUnits: [123, "u8"], qformCode: [252, "i16"], sformCode: [254, "i16"], quatern: [256, "f32"], qoffset: [268, "f32"], srow: [280, "f32"], magic: [344, "u8"] },
  2: { dim: [16, "i64"], datatype: [12, "i16"], bitpix: [14, "i16"], pixdim: [104, "f64"], voxOffset: [168, "i64"], sclSlope: [176, "f64"], sclInter: [184, "f64"], xyztUnits: [500, "i32"], qformCode: [344, "i32"], sformCode: [348, "i32"], quatern: [352, "f64"], qoffset: [376, "f64"], srow: [400, "f64"], magic: [4, "u8"] },
} as const satisfies Record<1 | 2, Record<string, readonly [number, Kind]>>;

/** Byte width of each field type. */
export const WIDTH: Readonly<Record<Kind, number>> = { u8: 1, i16: 2, i32: 4, i64: 8, f32: 4, f64: 8 };

/**
 * Parses and checks a single-file header (`n+1` / `n+2` magic) at the start of `data`.
 * @param file named in errors
 * @throws MaskportError INVALID_INPUT for anything that is not a readable single-file NIfTI
 *   volume: too short, unknown size or magic, header/image pairs, bad dims, unsupported datatype,
 *   a `vox_offset` inside the header or past the end of the data
 */
export function parseHeader(data: Uint8Array, file: string): NiftiHeader {
  const fail = (message: string, hint?: string): never => {
    throw new MaskportError("INVALID_INPUT", message, { file, plugin: "nifti", ...(hint === undefined ? {} : { hint }) });
  };
  if (data.length < HEADER_SIZE[1]) fail(`is ${data.length} bytes long: too short for a NIfTI header (348 bytes)`);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const found = [true, false].flatMap((le) => ([1, 2] as const).filter((v) => view.getInt32(0, le) === HEADER_SIZE[v]).map((v) => ({ version: v, littleEndian: le })))[0];
  if (found === undefined) return fail("is not a NIfTI file: sizeof_hdr is neither 348 (NIfTI-1) nor 540 (NIfTI-2) in either byte order");
  const { version, littleEndian } = found;
  if (data.length < HEADER_SIZE[version]) fail(`is ${data.length} bytes long: too short for a NIfTI-2 header (540 bytes)`);
  const layout = LAYOUT[version];
  const read = (kind: Kind, offset: number): number => readField(view, kind, offset, littleEndian);
  const many = ([offset, kind]: readonly [number, Kind], count: number): number[] => Array.from({ length: count }, (_, i) => read(kind, offset + i * WIDTH[kind]));

  const magic = String.fromCharCode(...data.subarray(layout.magic[0], layout.magic[0] + 4));
  if (magic === `ni${version}\0`) fail("is the header of a .hdr/.img pair: only single-file NIfTI (.nii, .nii.gz) is read", "Convert it to .nii.gz, e.g. with nibabel: nib.save(nib.load(path), 'out.nii.gz').");
  if (magic !== `n+${version}\0`) fail(`has NIfTI-${version} header size but magic ${JSON.stringify(magic)}, not "n+${version}\\0"`);

  const dim = many(layout.dim, 8);
  const rank = dim[0] as number;
  if (rank < 1 || rank > 7) fail(`has dim[0] = ${rank}: not 1..7 (a corrupt header, or one written in the other byte order)`);
  for (let d = 1; d <= rank; d++) if (!Number.isSafeInteger(dim[d]) || (dim[d] as number) < 1) fail(`has dim[${d}] = ${dim[d]}: sizes must be positive`);
  const code = read("i16", layout.datatype[0]);
  const datatype = DATATYPES.get(code) ?? fail(`has datatype ${code}, which is no label or intensity type maskport reads (${DATATYPE_NAMES})`);
  const bitpix = read("i16", layout.bitpix[0]);
  if (bitpix !== datatype.bytes * 8) fail(`has datatype ${datatype.name} but bitpix ${bitpix}, not ${datatype.bytes * 8}`);
  const voxOffset = read(layout.voxOffset[1], layout.voxOffset[0]);
  if (!Number.isInteger(voxOffset) || voxOffset < HEADER_SIZE[version]) {
    fail(`has vox_offset ${voxOffset}: the voxels cannot start inside the ${HEADER_SIZE[version]}-byte header`, "The header is corrupt; rewrite the file with a NIfTI tool.");
  }
  const [x, y, z] = many(layout.srow, 12).reduce<number[][]>((rows, v, i) => (rows[i >> 2]!.push(v), rows), [[], [], []]);
  return {
    version,
    littleEndian,
    dim,
    datatype,
    pixdim: many(layout.pixdim, 8),
    voxOffset,
    sclSlope: read(layout.sclSlope[1], layout.sclSlope[0]),
    sclInter: read(layout.sclInter[1], layout.sclInter[0]),
    qformCode: read(layout.qformCode[1], layout.qformCode[0]),
    sformCode: read(layout.sformCode[1], layout.sformCode[0]),
    quatern: many(layout.quatern, 3) as [number, number, number],
    qoffset: many(layout.qoffset, 3) as [number, number, number],
    srow: [x as number[], y as number[], z as number[]],
    spaceUnit: read(layout.xyztUnits[1], layout.xyztUnits[0]) & 7,
    bytes: Uint8Array.from(data.subarray(0, HEADER_SIZE[version])),
  };
}

/** The voxel count of the first 3D volume and of all volumes (dims past 3 multiply). */
export function voxelCounts(header: NiftiHeader): { readonly spatial: number; readonly volumes: number } {
  const [, nx = 1, ny = 1, nz = 1] = header.dim;
  const rank = header.dim[0] as number;
  let volumes = 1;
  for (let d = 4; d <= rank; d++) volumes *= header.dim[d] as number;
  return { spatial: (rank >= 1 ? nx : 1) * (rank >= 2 ? ny : 1) * (rank >= 3 ? nz : 1), volumes };
}

/** Reads one field value. */
export function readField(view: DataView, kind: Kind, offset: number, littleEndian: boolean): number {
  switch (kind) {
    case "u8":
      return view.getUint8(offset);
    case "i16":
      return view.getInt16(offset, littleEndian);
    case "i32":
      return view.getInt32(offset, littleEndian);
    case "i64":
      return Number(view.getBigInt64(offset, littleEndian));
    case "f32":
      return view.getFloat32(offset, littleEndian);
    case "f64":
      return view.getFloat64(offset, littleEndian);
  }
}

/** Writes one field value (the exporter patches a copy of the original header). */
export function writeField(view: DataView, kind: Kind, offset: number, value: number, littleEndian: boolean): void {
  switch (kind) {
    case "u8":
      return view.setUint8(offset, value);
    case "i16":
      return view.setInt16(offset, value, littleEndian);
    case "i32":
      return view.setInt32(offset, value, littleEndian);
    case "i64":
      return view.setBigInt64(offset, BigInt(value), littleEndian);
    case "f32":
      return view.setFloat32(offset, value, littleEndian);
    case "f64":
      return view.setFloat64(offset, value, littleEndian);
  }
}
