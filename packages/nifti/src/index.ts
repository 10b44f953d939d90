/**
 * @maskport/nifti: NIfTI label volumes in and out. The default export is the package's
 * plugins: the `nifti` importer (volumes → 2D slice samples) and the `nifti` exporter
 * (slices → volumes).
 */
import { niftiExporter } from "./nifti-exporter.ts";
import { niftiImporter } from "./nifti-importer.ts";

export { niftiImporter, type NiftiImporterOptions, type SliceRef } from "./nifti-importer.ts";
export { niftiExporter, type NiftiExporterOptions, type NiftiFragment } from "./nifti-exporter.ts";
export { niftiSliceOf, type NiftiSample, type NiftiSlice } from "./nifti-slice.ts";
export type { Axis } from "./slice-plane.ts";
export type { AxisOrientation, Orientation } from "./closest-canonical.ts";
export { PRESETS, type PresetName } from "./label-presets.ts";

const plugins = [niftiImporter, niftiExporter] as const;
export default plugins;
