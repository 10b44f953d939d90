/**
 * Writes a label volume as a single-file, gzipped NIfTI with a copy of the header it was read
 * with: same version, byte order, dims, datatype, voxel size, qform/sform codes and matrices,
 * description and intent. Only what a single file needs changes: `vox_offset` right after the
 * header, no extensions, and `scl_slope`/`scl_inter` set to 1/0 when the original scaling
 * cannot hold a value exactly.
 */
import { gzipSync } from "node:zlib";
import { MaskportError } from "@maskport/core";
import { HOST_LITTLE_ENDIAN, swapBytes } from "./nifti-datatypes.ts";
import { DATA_OFFSET, LAYOUT, parseHeader, voxelCounts, WIDTH, writeField, type NiftiHeader } from "./nifti-header.ts";

/**
 * @param headerBytes the original header (348 or 540 bytes)
 * @param labels label value per voxel, stored order (i fastest)
 * @param file the output's name, for errors
 * @throws MaskportError INVALID_OPTION when a value does not fit the original datatype
 */
export function encodeNifti(headerBytes: Uint8Array, labels: Uint16Array, file: string): Uint8Array {
  const header = parseHeader(headerBytes, file);
  const { spatial } = voxelCounts(header);
  if (spatial !== labels.length) throw new RangeError(`${file}: ${labels.length} voxels for a ${spatial}-voxel header`);
  const out = new Uint8Array(DATA_OFFSET[header.version] + spatial * header.datatype.bytes);
  out.set(headerBytes);
  const view = new DataView(out.buffer);
  const layout = LAYOUT[header.version];
  const set = ([offset, kind]: readonly [number, keyof typeof WIDTH], value: number, index = 0): void => writeField(view, kind, offset + index * WIDTH[kind], value, header.littleEndian);
  set(layout.voxOffset, DATA_OFFSET[header.version]);
  set(layout.dim, 3, 0);
  for (let d = 4; d < 8; d++) set(layout.dim, 1, d);
  // out[headerSize..+4] stay 0: the extension flag says "no extensions".
  const values = distinctValues(labels);
  let table = rawValues(header, values, true);
  if (table === undefined) {
    set(layout.sclSlope, 1);
    set(layout.sclInter, 0);
    table = rawValues(header, values, false);
  }
  if (table === undefined) {
    const worst = values.find((v) => v < header.datatype.min || v > header.datatype.max) ?? values.at(-1);
    throw new MaskportError("INVALID_OPTION", `label value ${worst} does not fit the volume's datatype ${header.datatype.name}`, {
      file,
      plugin: "nifti",
      hint: "Use --nifti.outputLabels (or remap-labels) to values the original datatype holds.",
    });
  }
  const data = new Uint8Array(spatial * header.datatype.bytes);
  const voxels = header.datatype.view(data.buffer, 0, spatial);
  if (voxels instanceof BigInt64Array || voxels instanceof BigUint64Array) for (let p = 0; p < spatial; p++) voxels[p] = BigInt(table.get(labels[p] as number) as number);
  else {
    const lookup = new Float64Array(65536);
    for (const [value, raw] of table) lookup[value] = raw;
    for (let p = 0; p < spatial; p++) voxels[p] = lookup[labels[p] as number] as number;
  }
  if (header.littleEndian !== HOST_LITTLE_ENDIAN) swapBytes(data, header.datatype.bytes);
  out.set(data, DATA_OFFSET[header.version]);
  return gzipSync(out);
}

// --- internal ---

function distinctValues(labels: Uint16Array): number[] {
  const seen = new Uint8Array(65536);
  for (let p = 0; p < labels.length; p++) seen[labels[p] as number] = 1;
  const out: number[] = [];
  for (let v = 0; v < 65536; v++) if (seen[v] === 1) out.push(v);
  return out;
}

/**
 * Stored value of each label value, such that reading it back (stored × slope + inter, as the
 * reader does) gives the label value exactly; undefined when one cannot be stored so.
 */
function rawValues(header: NiftiHeader, values: readonly number[], scaled: boolean): Map<number, number> | undefined {
  const active = scaled && Number.isFinite(header.sclSlope) && header.sclSlope !== 0;
  const slope = active ? header.sclSlope : 1;
  const inter = active && Number.isFinite(header.sclInter) ? header.sclInter : 0;
  const type = header.datatype;
  const table = new Map<number, number>();
  for (const value of values) {
    let raw = (value - inter) / slope;
    if (!type.float) raw = Math.round(raw);
    else if (type.bytes === 4) raw = Math.fround(raw);
    if (!(raw >= type.min && raw <= type.max) || raw * slope + inter !== value) return undefined;
    table.set(value, raw);
  }
  return table;
}
