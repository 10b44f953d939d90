/**
 * The closest canonical (RAS+) orientation of a voxel grid, as nibabel's `io_orientation`
 * finds it: the rotation part of the affine (columns normalised, shear removed by polar
 * decomposition), then for voxel axes i, j, k in turn the world axis it moves along most,
 * among those not yet taken, and whether it moves the negative way.
 */
import { MaskportError } from "@maskport/core";
import type { Affine } from "./voxel-affine.ts";

/** Where one voxel axis goes: world axis 0 = R, 1 = A, 2 = S, flipped when it runs L, P or I. */
export interface AxisOrientation {
  readonly axis: 0 | 1 | 2;
  readonly flip: boolean;
}

/** One entry per voxel axis (i, j, k). */
export type Orientation = readonly [AxisOrientation, AxisOrientation, AxisOrientation];

/**
 * @param file named in the error
 * @throws MaskportError INVALID_INPUT for a non-invertible (or non-finite) affine
 */
export function closestCanonical(affine: Affine, file: string): Orientation {
  const columns = [0, 1, 2].map((c) => [0, 1, 2].map((r) => affine[r]?.[c] ?? 0));
  const bad = (why: string): never => {
    throw new MaskportError("INVALID_INPUT", `has a non-invertible voxel-to-world affine (${why}): the volume's orientation is unknown`, {
      file,
      plugin: "nifti",
      hint: "Fix the sform/qform (e.g. in 3D Slicer or with nibabel's set_sform), or set both codes to 0 to use the voxel sizes alone.",
    });
  };
  if (!columns.flat().every(Number.isFinite)) bad("a value is not finite");
  const normalised = columns.map((column, c) => {
    const length = Math.hypot(...column);
    if (length === 0) bad(`voxel axis ${"ijk"[c]} has no direction`);
    return column.map((v) => v / length);
  });
  // Row-major 3×3 with the normalised columns.
  let m = [0, 1, 2].map((r) => [0, 1, 2].map((c) => normalised[c]![r]!));
  if (Math.abs(determinant(m)) < 1e-6) bad("its voxel axes are linearly dependent");
  // Newton's iteration for the orthogonal polar factor: M ← (M + M⁻ᵀ) / 2.
  for (let step = 0; step < 100; step++) {
    const inverseT = transpose(inverse(m));
    const next = m.map((row, r) => row.map((v, c) => (v + inverseT[r]![c]!) / 2));
    const change = Math.max(...next.flat().map((v, i) => Math.abs(v - m.flat()[i]!)));
    m = next;
    if (change < 1e-15) break;
  }
  const taken = [false, false, false];
  return [0, 1, 2].map((c) => {
    let best = -1;
    for (let r = 0; r < 3; r++) if (!taken[r] && (best === -1 || Math.abs(m[r]![c]!) > Math.abs(m[best]![c]!))) best = r;
    taken[best] = true;
    return { axis: best as 0 | 1 | 2, flip: m[best]![c]! < 0 };
  }) as unknown as Orientation;
}

/** Axis codes of an orientation, e.g. `LPS` for a DICOM-ordered grid. */
export function axisCodes(orientation: Orientation): string {
  return orientation.map(({ axis, flip }) => (flip ? "LPI" : "RAS")[axis]).join("");
}

// --- internal ---

function determinant(m: number[][]): number {
  const [[a, b, c], [d, e, f], [g, h, i]] = m as [[number, number, number], [number, number, number], [number, number, number]];
  return a * (e * i - f * h) - b * (d * i - f * g) + c * (d * h - e * g);
}

function inverse(m: number[][]): number[][] {
  const [[a, b, c], [d, e, f], [g, h, i]] = m as [[number, number, number], [number, number, number], [number, number, number]];
  const det = determinant(m);
  return [
    [(e * i - f * h) / det, (c * h - b * i) / det, (b * f - c * e) / det],
    [(f * g - d * i) / det, (a * i - c * g) / det, (c * d - a * f) / det],
    [(d * h - e * g) / det, (b * g - a * h) / det, (a * e - b * d) / det],
  ];
}

function transpose(m: number[][]): number[][] {
  return [0, 1, 2].map((r) => [0, 1, 2].map((c) => m[c]![r]!));
}
