/**
 * The volume geometry a slice sample carries (`sample.nifti`), so the `nifti` exporter can put
 * each slice back where it came from. Plain data: it crosses worker threads with the sample.
 */
import type { Sample, SampleInfo } from "@maskport/core";
import type { Orientation } from "./closest-canonical.ts";
import type { Axis } from "./slice-plane.ts";

/** Where a slice sits in its volume. */
export interface NiftiSlice {
  /** The case: the output volume is `<case>.nii.gz`. */
  readonly case: string;
  readonly axis: Axis;
  /** Slice index along the axis, in RAS+ order (axial 0 = most inferior). */
  readonly index: number;
  /** Stored grid size nx, ny, nz of the label volume. */
  readonly shape: readonly [number, number, number];
  /** The stored grid's closest canonical orientation. */
  readonly orientation: Orientation;
  /** The label volume's header bytes as read (348 or 540, its own byte order). */
  readonly header: Uint8Array;
}

/** A sample read from a NIfTI volume. */
export type NiftiSample = Sample & { readonly nifti: NiftiSlice };

/** The slice geometry of a sample, or undefined when it did not come from a NIfTI volume. */
export function niftiSliceOf(sample: Sample | SampleInfo): NiftiSlice | undefined {
  const value = (sample as { nifti?: unknown }).nifti;
  if (typeof value !== "object" || value === null) return undefined;
  const slice = value as Partial<NiftiSlice>;
  const ok =
    typeof slice.case === "string" &&
    (slice.axis === "axial" || slice.axis === "coronal" || slice.axis === "sagittal") &&
    Number.isSafeInteger(slice.index) &&
    Array.isArray(slice.shape) &&
    slice.shape.length === 3 &&
    Array.isArray(slice.orientation) &&
    slice.orientation.length === 3 &&
    slice.header instanceof Uint8Array;
  return ok ? (value as NiftiSlice) : undefined;
}
