/** The voxel → world (RAS+ mm) affine of a NIfTI header, chosen as nibabel's `get_best_affine` does. */
import type { NiftiHeader } from "./nifti-header.ts";

/** A 3×4 affine: `world = matrix[row][0..2] · (i, j, k) + matrix[row][3]`. */
export type Affine = readonly (readonly [number, number, number, number])[];

/** The affine and which header fields gave it. */
export interface BestAffine {
  readonly matrix: Affine;
  readonly source: "sform" | "qform" | "pixdim";
}

/**
 * The sform when `sform_code` > 0, else the qform when `qform_code` > 0 (nifti1.h method 2:
 * quaternion, voxel sizes, qfac = pixdim[0] < 0 ? −1 : 1 flipping k), else nifti1.h method 1,
 * diag(pixdim[1..3]) (nibabel's fallback instead flips x, the Analyze habit; see README).
 */
export function bestAffine(header: NiftiHeader): BestAffine {
  if (header.sformCode > 0) return { matrix: header.srow.map((row) => [row[0] ?? 0, row[1] ?? 0, row[2] ?? 0, row[3] ?? 0] as const), source: "sform" };
  const [, px = 1, py = 1, pz = 1] = header.pixdim;
  if (header.qformCode > 0) return { matrix: qformMatrix(header), source: "qform" };
  return {
    matrix: [
      [px, 0, 0, 0],
      [0, py, 0, 0],
      [0, 0, pz, 0],
    ],
    source: "pixdim",
  };
}

/** nifti1.h method 2 (niftilib's `nifti_quatern_to_mat44`). */
function qformMatrix(header: NiftiHeader): Affine {
  let [b, c, d] = header.quatern;
  let a = 1 - (b * b + c * c + d * d);
  if (a < 1e-7) {
    // A 180° rotation: renormalise (b, c, d) and take a = 0, as niftilib does.
    const norm = 1 / Math.sqrt(b * b + c * c + d * d);
    b *= norm;
    c *= norm;
    d *= norm;
    a = 0;
  } else a = Math.sqrt(a);
  const [qfac = 1, dx = 1, dy = 1, dz = 1] = header.pixdim;
  const x = dx > 0 ? dx : 1;
  const y = dy > 0 ? dy : 1;
  const z = (dz > 0 ? dz : 1) * (qfac < 0 ? -1 : 1);
  const [ox, oy, oz] = header.qoffset;
  return [
    [(a * a + b * b - c * c - d * d) * x, 2 * (b * c - a * d) * y, 2 * (b * d + a * c) * z, ox],
    [2 * (b * c + a * d) * x, (a * a + c * c - b * b - d * d) * y, 2 * (c * d - a * b) * z, oy],
    [2 * (b * d - a * c) * x, 2 * (c * d + a * b) * y, (a * a + d * d - c * c - b * b) * z, oz],
  ];
}
