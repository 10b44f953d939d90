/** Reads a `.nii` / `.nii.gz` file: header, checks, and the first 3D volume's stored values. */
import { readFileSync } from "node:fs";
import { constants as bufferConstants } from "node:buffer";
import { constants, gunzipSync, type ZlibOptions } from "node:zlib";
import { MaskportError } from "@maskport/core";
import { HOST_LITTLE_ENDIAN, swapBytes, type VoxelArray } from "./nifti-datatypes.ts";
import { parseHeader, voxelCounts, type NiftiHeader } from "./nifti-header.ts";

/** A volume as stored: values in file order (i fastest), host byte order, before scaling. */
export interface StoredVolume {
  readonly file: string;
  readonly header: NiftiHeader;
  /** nx, ny, nz. */
  readonly shape: readonly [number, number, number];
  /** How many 3D volumes the file holds (dims 4..7 multiplied); only the first is read. */
  readonly volumes: number;
  readonly values: VoxelArray;
  /** `scl_slope`/`scl_inter` when they apply (slope finite and not 0), else undefined. */
  readonly scaling: { readonly slope: number; readonly inter: number } | undefined;
}

/**
 * @param volume which 3D volume of a 4D file to read (0 = the first)
 * @throws MaskportError INPUT_NOT_FOUND; INVALID_INPUT for a truncated or corrupt gzip stream, a
 *   header {@link parseHeader} refuses, fewer than 3 dimensions, or voxels missing past `vox_offset`
 */
export function readNifti(file: string, volume = 0): StoredVolume {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (cause) {
    throw new MaskportError("INPUT_NOT_FOUND", "cannot be read", { file, plugin: "nifti", cause });
  }
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
    const gzipped = bytes;
    const inflate = (input: Uint8Array, options: ZlibOptions): Buffer => {
      try {
        return gunzipSync(input, options);
      } catch (cause) {
        if ((cause as { code?: string }).code === "ERR_BUFFER_TOO_LARGE") {
          throw new MaskportError("INVALID_INPUT", `inflates to more than the ${options.maxOutputLength} bytes its header declares`, { file, plugin: "nifti", cause });
        }
        throw new MaskportError("INVALID_INPUT", `is not a complete gzip stream (${cause instanceof Error ? cause.message : String(cause)}): the file is truncated or corrupt`, {
          file,
          plugin: "nifti",
          cause,
          hint: "Download or copy the file again.",
        });
      }
    };
    // The header first, from the stream's start, so the whole inflate is bounded by what it declares.
    const head = parseHeader(inflate(gzipped.subarray(0, HEAD_BYTES), { finishFlush: constants.Z_SYNC_FLUSH }), file);
    if ((head.dim[0] as number) >= 3) {
      const { spatial, volumes } = voxelCounts(head);
      bytes = inflate(gzipped, { maxOutputLength: Math.min(head.voxOffset + spatial * volumes * head.datatype.bytes + TRAILING_BYTES, MAX_LENGTH) });
    } else bytes = inflate(gzipped, { maxOutputLength: MAX_HEADER_ONLY });
  }
  const header = parseHeader(bytes, file);
  const rank = header.dim[0] as number;
  if (rank < 3) {
    throw new MaskportError("INVALID_INPUT", `has dim[0] = ${rank}: a ${rank}D image, not a 3D volume`, { file, plugin: "nifti", hint: "2D label images are read by the mask or semantic importers." });
  }
  const { spatial, volumes } = voxelCounts(header);
  const width = header.datatype.bytes;
  const declared = spatial * volumes * width;
  const held = bytes.length - header.voxOffset;
  if (held < declared) {
    const dims = header.dim.slice(1, rank + 1).join("×");
    throw new MaskportError("INVALID_INPUT", `declares ${dims} ${header.datatype.name} voxels (${declared} bytes) from vox_offset ${header.voxOffset}, but only ${Math.max(0, held)} bytes follow: the file is truncated or vox_offset is wrong`, {
      file,
      plugin: "nifti",
    });
  }
  if (volume >= volumes) throw new MaskportError("INVALID_OPTION", `has ${volumes} volume${volumes === 1 ? "" : "s"}; volume ${volume} was asked for`, { file, plugin: "nifti" });
  const start = header.voxOffset + volume * spatial * width;
  // A fresh, aligned buffer for the typed view (a Buffer's slice() would share the file's).
  const own = new Uint8Array(spatial * width);
  own.set(bytes.subarray(start, start + spatial * width));
  if (header.littleEndian !== HOST_LITTLE_ENDIAN) swapBytes(own, width);
  const slope = header.sclSlope;
  return {
    file,
    header,
    shape: [header.dim[1] as number, header.dim[2] as number, header.dim[3] as number],
    volumes,
    values: header.datatype.view(own.buffer, 0, spatial),
    scaling: Number.isFinite(slope) && slope !== 0 ? { slope, inter: Number.isFinite(header.sclInter) ? header.sclInter : 0 } : undefined,
  };
}

/** Compressed bytes inflated to find the header (a NIfTI-2 header is 540 bytes). */
const HEAD_BYTES = 1 << 16;
/** Bytes after the voxels some writers leave (padding); more is refused. */
const TRAILING_BYTES = 1 << 20;
/** What a file with fewer than 3 dimensions may inflate to (it is refused after its header). */
const MAX_HEADER_ONLY = 1 << 20;
const MAX_LENGTH = bufferConstants.MAX_LENGTH;

/** The value of stored voxel `index` after scaling. */
export function scaledValue(volume: StoredVolume, index: number): number {
  const raw = Number(volume.values[index]);
  return volume.scaling === undefined ? raw : raw * volume.scaling.slope + volume.scaling.inter;
}

/** `(i, j, k)` of a stored index, for messages. */
export function voxelOf(volume: StoredVolume, index: number): string {
  const [nx, ny] = volume.shape;
  return `(${index % nx}, ${Math.floor(index / nx) % ny}, ${Math.floor(index / (nx * ny))})`;
}
