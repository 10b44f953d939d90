/**
 * Which voxels make up a 2D slice. The volume is viewed in its closest canonical RAS+ order
 * without copying (signed strides), and each slice follows the radiological display
 * convention of ITK-SNAP and 3D Slicer:
 * - axial slice k:    pixel (x, y) = RAS voxel (nx−1−x, ny−1−y, k)
 * - coronal slice j:  pixel (x, y) = RAS voxel (nx−1−x, j, nz−1−y)
 * - sagittal slice i: pixel (x, y) = RAS voxel (i, ny−1−x, nz−1−y)
 */
import type { Orientation } from "./closest-canonical.ts";

/** The slicing direction. */
export type Axis = "axial" | "coronal" | "sagittal";

/** A slice's place in the stored (file-order) voxel array: pixel (x, y) is voxel `origin + x·dx + y·dy`. */
export interface SlicePlane {
  readonly width: number;
  readonly height: number;
  readonly origin: number;
  readonly dx: number;
  readonly dy: number;
}

/** The volume in RAS+ order: sizes along R, A, S and the signed strides into the stored array. */
export interface RasView {
  readonly size: readonly [number, number, number];
  readonly stride: readonly [number, number, number];
  /** Stored index of RAS voxel (0, 0, 0). */
  readonly base: number;
}

/** The RAS+ view of a stored grid of `shape` (i fastest) with this orientation. */
export function rasView(shape: readonly [number, number, number], orientation: Orientation): RasView {
  const storedStride = [1, shape[0], shape[0] * shape[1]];
  const size: number[] = [0, 0, 0];
  const stride: number[] = [0, 0, 0];
  let base = 0;
  orientation.forEach(({ axis, flip }, i) => {
    const n = shape[i] as number;
    const s = storedStride[i] as number;
    size[axis] = n;
    stride[axis] = flip ? -s : s;
    if (flip) base += (n - 1) * s;
  });
  return { size: size as [number, number, number], stride: stride as [number, number, number], base };
}

/** How many slices the axis has. */
export function sliceCount(view: RasView, axis: Axis): number {
  return view.size[axis === "axial" ? 2 : axis === "coronal" ? 1 : 0];
}

/** Slice `index` along `axis`. */
export function slicePlane(view: RasView, axis: Axis, index: number): SlicePlane {
  const [nx, ny, nz] = view.size;
  const [sx, sy, sz] = view.stride;
  const b = view.base;
  switch (axis) {
    case "axial":
      return { width: nx, height: ny, origin: b + (nx - 1) * sx + (ny - 1) * sy + index * sz, dx: -sx, dy: -sy };
    case "coronal":
      return { width: nx, height: nz, origin: b + (nx - 1) * sx + index * sy + (nz - 1) * sz, dx: -sx, dy: -sz };
    case "sagittal":
      return { width: ny, height: nz, origin: b + index * sx + (ny - 1) * sy + (nz - 1) * sz, dx: -sy, dy: -sz };
  }
}

/** Copies a slice's voxels into `out` (row-major, width × height). */
export function readPlane<T extends { [i: number]: number; length: number }>(volume: ArrayLike<number>, plane: SlicePlane, out: T): T {
  let p = 0;
  for (let y = 0, row = plane.origin; y < plane.height; y++, row += plane.dy) {
    for (let x = 0, v = row; x < plane.width; x++, v += plane.dx) out[p++] = volume[v] as number;
  }
  return out;
}

/** Writes a slice's pixels (row-major) back into the voxels it came from. */
export function writePlane(volume: { [i: number]: number }, plane: SlicePlane, pixels: ArrayLike<number>): void {
  let p = 0;
  for (let y = 0, row = plane.origin; y < plane.height; y++, row += plane.dy) {
    for (let x = 0, v = row; x < plane.width; x++, v += plane.dx) volume[v] = pixels[p++] as number;
  }
}
