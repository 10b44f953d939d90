/**
 * One case ready to slice: its label ids (and grey image) in stored order, viewed in RAS+.
 * Each thread keeps only the case it is working on, so one volume is in memory at a time.
 */
import { MaskportError, type Diagnostic } from "@maskport/core";
import { axisCodes, closestCanonical, type Orientation } from "./closest-canonical.ts";
import { labelIds } from "./label-volume.ts";
import { readNifti, type StoredVolume } from "./read-nifti.ts";
import { rasView, type RasView } from "./slice-plane.ts";
import { bestAffine } from "./voxel-affine.ts";
import { windowIntensities, type Window } from "./window-intensities.ts";

/** What to read for a case. */
export interface CaseSource {
  readonly case: string;
  readonly label: string;
  readonly image?: string;
  /** Which 3D volume of a 4D image file (0 = first). */
  readonly imageVolume?: number;
}

/** A case's voxels and geometry. */
export interface PreparedCase {
  readonly label: StoredVolume;
  readonly ids: Uint16Array;
  readonly orientation: Orientation;
  readonly view: RasView;
  /** Windowed grey image, stored order, when an image was asked for. */
  readonly grey: Uint8Array | undefined;
  /** How many 3D volumes the image file holds. */
  readonly imageVolumes: number;
}

/** How a case is read. */
export interface PrepareSettings {
  /** Label ids the labelmap defines (undefined: any). */
  readonly known: ReadonlySet<number> | undefined;
  readonly window: Window;
}

/**
 * The prepared case, from this thread's cache when it is the one prepared last.
 * @param report receives the warnings (4D image, no orientation in the header) and the geometry note; pass it where they should be said once
 * @throws MaskportError from reading either volume, INVALID_INPUT for a 4D label volume, IMAGE_SIZE_MISMATCH when the image's grid or orientation is not the label's
 */
export function prepareCase(source: CaseSource, settings: PrepareSettings, report?: (d: Omit<Diagnostic, "plugin">) => void): PreparedCase {
  const key = JSON.stringify([source, [...(settings.known ?? [])], settings.window]);
  if (cache?.key === key) {
    if (report !== undefined) describe(source, cache.value, report);
    return cache.value;
  }
  cache = undefined;
  const value = prepare(source, settings);
  if (report !== undefined) describe(source, value, report);
  cache = { key, value };
  return value;
}

// --- internal ---

let cache: { key: string; value: PreparedCase } | undefined;

function prepare(source: CaseSource, settings: PrepareSettings): PreparedCase {
  const label = readNifti(source.label);
  if (label.volumes > 1) {
    throw new MaskportError("INVALID_INPUT", `is a ${label.header.dim[0]}D label volume (${label.header.dim.slice(1, (label.header.dim[0] as number) + 1).join("×")}): which of its ${label.volumes} volumes holds the labels is not known`, {
      file: source.label,
      plugin: "nifti",
      hint: "Save the 3D label volume alone (e.g. nibabel: img.slicer[..., 0]).",
    });
  }
  const orientation = closestCanonical(bestAffine(label.header).matrix, source.label);
  const ids = labelIds(label, settings.known);
  let grey: Uint8Array | undefined;
  let imageVolumes = 0;
  if (source.image !== undefined) {
    const image = readNifti(source.image, source.imageVolume ?? 0);
    const imageOrientation = closestCanonical(bestAffine(image.header).matrix, source.image);
    if (image.shape.join() !== label.shape.join() || axisCodes(imageOrientation) !== axisCodes(orientation)) {
      throw new MaskportError("IMAGE_SIZE_MISMATCH", `is a ${image.shape.join("×")} ${axisCodes(imageOrientation)} volume but its label volume ${source.label} is ${label.shape.join("×")} ${axisCodes(orientation)}: their voxels do not match`, {
        file: source.image,
        plugin: "nifti",
        hint: "Give the image volume the label volume was drawn on (same grid); resample one of them first otherwise.",
      });
    }
    grey = windowIntensities(image, settings.window);
    imageVolumes = image.volumes;
  }
  // The label values are now ids; the stored array is not kept.
  const kept: StoredVolume = { ...label, values: new Uint8Array(0) };
  return { label: kept, ids, orientation, view: rasView(label.shape, orientation), grey, imageVolumes };
}

function describe(source: CaseSource, prepared: PreparedCase, report: (d: Omit<Diagnostic, "plugin">) => void): void {
  const { header, shape } = prepared.label;
  const affine = bestAffine(header);
  const unit = ({ 1: "m", 2: "mm", 3: "µm" } as Record<number, string>)[header.spaceUnit] ?? "units (xyzt_units unset)";
  const size = [1, 2, 3].map((d) => round(Math.abs(header.pixdim[d] ?? 0))).join("×");
  if (affine.source === "pixdim") {
    report({ severity: "warning", code: "VOLUME_GEOMETRY", file: source.label, message: `${source.case}: sform_code and qform_code are both 0, so the header does not say how the volume lies; the voxel axes are taken as R, A, S (nifti1.h method 1; nibabel would flip x)` });
  }
  if (prepared.imageVolumes > 1 && source.imageVolume === undefined) {
    report({ severity: "warning", code: "VOLUME_GEOMETRY", file: source.image ?? source.label, message: `${source.case}: the image holds ${prepared.imageVolumes} volumes; the slices show the first (pick another with --nifti.image=<number or modality name>)` });
  }
  report({
    severity: "info",
    code: "VOLUME_GEOMETRY",
    file: source.label,
    message: `${source.case}: ${shape.join("×")} voxels of ${size} ${unit} (not resampled), stored ${axisCodes(prepared.orientation)}, reoriented to RAS by its ${affine.source}`,
  });
}

function round(value: number): string {
  return String(Math.round(value * 1000) / 1000);
}
