import { MaskportError } from "../errors.ts";
import type { Diagnostic } from "../plugin.ts";
import type { Instance, Labelmap } from "../types.ts";
import { instancesFromRuns } from "./instances-from-runs.ts";
import { rowRuns } from "./row-runs.ts";

/**
 * How a sample's pixels become instances:
 * - `object`: one instance per object-mask id (falls back to `components` without an object mask);
 * - `components`: connected components of each class (the object mask is ignored);
 * - `class`: one instance per class present (the object mask is ignored).
 */
export type Grouping = "object" | "components" | "class";

/** Input of {@link instancesFromRasters}. Rasters are row-major, `width × height` long. */
export interface RasterInstancesInput {
  readonly width: number;
  readonly height: number;
  /** Label id per pixel; {@link NO_LABEL} and the labelmap's background id mean "no label". */
  readonly classRaster: Int32Array | Uint16Array | Uint8Array;
  /** Instance id per pixel, 0 = none. */
  readonly objectRaster?: Int32Array | Uint16Array | Uint8Array;
  readonly labelmap: Labelmap;
  /** Pixel connectivity of components (default 8). */
  readonly connectivity?: 4 | 8;
  /** Default `object`. */
  readonly grouping?: Grouping;
  /** Named in diagnostics and errors. */
  readonly sampleId?: string;
  /** The class mask file, named in errors. */
  readonly file?: string;
}

/** Instances of one sample plus the warnings met while building them. */
export interface RasterInstances {
  readonly instances: Instance[];
  readonly diagnostics: Omit<Diagnostic, "plugin">[];
}

/**
 * Splits a sample's class (and object) raster into instances whose bitmaps are cropped to a
 * tight bbox. Instances always partition the labelled (non-background) pixels exactly:
 * - With an object raster: one instance per object id, labelled by the majority class under
 *   it (ties: the label first in labelmap order; CLASS_DISAGREEMENT warning with the counts).
 *   Object pixels over background are left out (warning); an object entirely over background
 *   is dropped (INSTANCE_DROPPED warning). Labelled pixels outside every object become extra
 *   instances, one per connected component of each class, with ids after the largest object id
 *   (CLASS_DISAGREEMENT warning).
 * - Without (or grouping `components`): connected components of each class, ids 1.. in scan order
 *   of their first pixel. Grouping `class`: one instance per class, ids 1.. by ascending label id.
 * Order: ascending instanceId.
 * @throws MaskportError UNKNOWN_VALUE for a class raster value that is no label id; SIZE_MISMATCH for wrong raster lengths
 */
export function instancesFromRasters(input: RasterInstancesInput): RasterInstances {
  const { width, height } = input;
  const size = width * height;
  const where = { ...(input.file === undefined ? {} : { file: input.file }), ...(input.sampleId === undefined ? {} : { sampleId: input.sampleId }) };
  if (input.classRaster.length !== size || (input.objectRaster !== undefined && input.objectRaster.length !== size)) {
    throw new MaskportError("SIZE_MISMATCH", `rasters do not hold ${width}×${height} pixels`, where);
  }
  const { classRaster, objectRaster, ...rest } = input;
  const byObject = objectRaster !== undefined && (input.grouping ?? "object") === "object";
  return instancesFromRuns({
    ...rest,
    classRuns: rowRuns(classRaster, width, height),
    ...(byObject ? { objectRuns: rowRuns(objectRaster, width, height) } : {}),
  });
}
