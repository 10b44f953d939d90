/** A label volume's voxels as label ids: whole numbers 0..65535 after scaling, checked voxel by voxel. */
import { MaskportError } from "@maskport/core";
import { voxelOf, type StoredVolume } from "./read-nifti.ts";

/** Largest label id a labelmap holds. */
const MAX_LABEL = 65535;

/**
 * The label id of every voxel, in stored order.
 * @param known label ids the labelmap defines; undefined accepts any id
 * @throws MaskportError UNKNOWN_VALUE naming the first voxel that is not a whole number in
 *   0..65535 (float labels such as 1.5 included) or, with `known`, not a label id
 */
export function labelIds(volume: StoredVolume, known: ReadonlySet<number> | undefined): Uint16Array {
  const { values, scaling } = volume;
  const out = new Uint16Array(values.length);
  const slope = scaling?.slope ?? 1;
  const inter = scaling?.inter ?? 0;
  const plain = scaling === undefined || (slope === 1 && inter === 0);
  const seen = new Uint8Array(MAX_LABEL + 1);
  for (let p = 0; p < values.length; p++) {
    const raw = values[p] as number | bigint;
    const value = plain ? Number(raw) : Number(raw) * slope + inter;
    if (!(value >= 0 && value <= MAX_LABEL && Number.isInteger(value))) fail(volume, p, value);
    out[p] = value;
    if (seen[value] === 0) {
      seen[value] = 1;
      if (known !== undefined && !known.has(value)) unknown(volume, p, value, known);
    }
  }
  return out;
}

/** The distinct label ids of a volume, ascending. */
export function distinctIds(ids: Uint16Array): number[] {
  const seen = new Uint8Array(MAX_LABEL + 1);
  for (let p = 0; p < ids.length; p++) seen[ids[p] as number] = 1;
  const out: number[] = [];
  for (let v = 0; v <= MAX_LABEL; v++) if (seen[v] === 1) out.push(v);
  return out;
}

// --- internal ---

function fail(volume: StoredVolume, index: number, value: number): never {
  const why = Number.isInteger(value) ? "outside the label range 0..65535" : Number.isNaN(value) ? "not a number" : "not a whole number";
  throw new MaskportError("UNKNOWN_VALUE", `voxel ${voxelOf(volume, index)} holds ${value} (${volume.header.datatype.name}${volume.scaling === undefined ? "" : " after scl_slope/scl_inter"}): ${why}, so no label`, {
    file: volume.file,
    plugin: "nifti",
    hint: "A label volume holds whole label values (0 background). Is this an image volume given as labels?",
  });
}

function unknown(volume: StoredVolume, index: number, value: number, known: ReadonlySet<number>): never {
  throw new MaskportError("UNKNOWN_VALUE", `voxel ${voxelOf(volume, index)} holds label ${value}, which the labelmap does not define (it has ${[...known].sort((a, b) => a - b).join(", ")})`, {
    file: volume.file,
    plugin: "nifti",
    hint: "Choose the right --nifti.labels preset, or name every value in dataset.json or labelmap.txt.",
  });
}
