/**
 * Exporter `nifti`: stacks the slices of each NIfTI case back into one label volume,
 * `<case>.nii.gz`, with the original header's geometry and datatype. Each voxel gets its
 * label's value (or, with `outputLabels`, the preset's value of the label's name); instances
 * a transform dropped and skipped empty slices are 0. Also writes `labelmap.txt`.
 */
import { formatIndexLabelmap, MaskportError, type Exporter, type InstanceFidelity, type Labelmap, type OutputFile } from "@maskport/core";
import { PRESET_NAMES, PRESETS, type PresetName } from "./label-presets.ts";
import { niftiSliceOf, type NiftiSlice } from "./nifti-slice.ts";
import { rasView, sliceCount, slicePlane, writePlane } from "./slice-plane.ts";
import { encodeNifti } from "./write-nifti.ts";

/** Options of the `nifti` exporter. */
export interface NiftiExporterOptions {
  /** `keep`: each label's own value; a preset: the preset's value of the label's name. */
  readonly outputLabels: "keep" | PresetName;
}

/** One slice's voxels: output label value per pixel (row-major), and where it goes. */
export interface NiftiFragment {
  readonly fidelity: readonly InstanceFidelity[];
  /** Undefined for a sample that did not come from a NIfTI volume (reported as an error). */
  readonly slice: NiftiSlice | undefined;
  readonly values: Uint16Array | undefined;
}

/** The `nifti` exporter. */
export const niftiExporter: Exporter<NiftiExporterOptions, NiftiFragment> = {
  apiVersion: 1,
  kind: "exporter",
  name: "nifti",
  description: "NIfTI label volumes (<case>.nii.gz) stacked from slices read by the nifti importer, original geometry and datatype",
  options: {
    outputLabels: { description: "Label values written: keep each label's own, or renumber by name to a preset's", default: "keep", choices: ["keep", ...PRESET_NAMES] },
  },
  encodeSample(sample, options, context) {
    const slice = niftiSliceOf(sample);
    if (slice === undefined) {
      context.report({
        severity: "error",
        code: "INVALID_INPUT",
        message: `sample ${sample.id} has no NIfTI volume geometry: --to nifti stacks only slices read from NIfTI volumes by the nifti importer`,
      });
      return { fidelity: [], slice: undefined, values: undefined };
    }
    const valueOf = outputValues(context.labelmap, options.outputLabels);
    const { width, height } = sample;
    const values = new Uint16Array(width * height);
    const painted: { instance: (typeof sample.instances)[number]; value: number }[] = [];
    for (const instance of sample.instances) {
      const value = instance.label === context.labelmap.backgroundId ? undefined : valueOf.get(instance.label);
      if (value === undefined || instance.area === 0) {
        const why = instance.area === 0 ? "is empty" : instance.label === context.labelmap.backgroundId ? "has the background label" : `has label id ${instance.label}, which the labelmap does not define`;
        context.report({ severity: "warning", code: "INSTANCE_DROPPED", instanceId: instance.instanceId, message: `instance ${instance.instanceId} ${why}; its voxels stay 0` });
        continue;
      }
      forEachPixel(instance, width, height, (p) => (values[p] = value));
      painted.push({ instance, value });
    }
    // An instance loses the pixels a later instance of another value painted over.
    const fidelity = painted.map(({ instance, value }): InstanceFidelity => {
      let lost = instance.area;
      forEachPixel(instance, width, height, (p) => void (values[p] === value && lost--));
      return { instanceId: instance.instanceId, label: instance.label, area: instance.area, encoding: "nifti voxels", lost, added: 0, iou: (instance.area - lost) / instance.area };
    });
    return { fidelity, slice, values };
  },
  async *write(input, options, context) {
    let current: Building | undefined;
    const done = new Set<string>();
    for await (const { sample, fragment } of input.fragments) {
      const { slice, values } = fragment;
      if (slice === undefined || values === undefined) continue;
      if (current !== undefined && current.slice.case !== slice.case) {
        done.add(current.slice.case);
        yield finish(current);
        current = undefined;
      }
      if (current === undefined) {
        if (done.has(slice.case)) throw new MaskportError("INVALID_INPUT", `the slices of case ${slice.case} do not arrive together (sample ${sample.id} comes after another case's): its volume was already written`, { plugin: "nifti", sampleId: sample.id });
        current = { slice, labels: new Uint16Array(slice.shape[0] * slice.shape[1] * slice.shape[2]), seen: new Set() };
      }
      place(current, slice, values, sample.id);
    }
    if (current !== undefined) yield finish(current);
    yield { path: "labelmap.txt", contents: formatIndexLabelmap(writtenLabels(context.labelmap, options.outputLabels)) };
  },
};

// --- internal ---

interface Building {
  readonly slice: NiftiSlice;
  readonly labels: Uint16Array;
  readonly seen: Set<number>;
}

function place(volume: Building, slice: NiftiSlice, values: Uint16Array, sampleId: string): void {
  const first = volume.slice;
  const same = slice.axis === first.axis && slice.shape.join() === first.shape.join() && equalBytes(slice.header, first.header) && JSON.stringify(slice.orientation) === JSON.stringify(first.orientation);
  if (!same) throw new MaskportError("INVALID_INPUT", `sample ${sampleId} belongs to case ${slice.case} but carries another volume's geometry or axis`, { plugin: "nifti", sampleId });
  const view = rasView(slice.shape, slice.orientation);
  if (!(slice.index >= 0 && slice.index < sliceCount(view, slice.axis))) throw new MaskportError("INVALID_INPUT", `sample ${sampleId}: ${slice.axis} slice ${slice.index} is outside the volume`, { plugin: "nifti", sampleId });
  if (volume.seen.has(slice.index)) throw new MaskportError("ID_COLLISION", `case ${slice.case} has ${slice.axis} slice ${slice.index} twice (sample ${sampleId})`, { plugin: "nifti", sampleId });
  volume.seen.add(slice.index);
  const plane = slicePlane(view, slice.axis, slice.index);
  if (plane.width * plane.height !== values.length) throw new MaskportError("SIZE_MISMATCH", `sample ${sampleId} is not ${plane.width}×${plane.height}, the size of its slice`, { plugin: "nifti", sampleId });
  writePlane(volume.labels, plane, values);
}

function finish(volume: Building): OutputFile {
  const path = `${volume.slice.case}.nii.gz`;
  return { path, contents: encodeNifti(volume.slice.header, volume.labels, path) };
}

/** Output value of each label id: its own, or the preset's value of its name. @throws MaskportError INVALID_OPTION for a name the preset lacks */
function outputValues(labelmap: Labelmap, preset: NiftiExporterOptions["outputLabels"]): Map<number, number> {
  const values = new Map<number, number>();
  writtenLabels(labelmap, preset, values);
  return values;
}

/** The labels as written (`value: name`), filling `values` (label id → value) on the way. */
function writtenLabels(labelmap: Labelmap, preset: NiftiExporterOptions["outputLabels"], values = new Map<number, number>()): { id: number; name: string }[] {
  const written: { id: number; name: string }[] = [];
  for (const label of labelmap.labels) {
    if (label.id === labelmap.backgroundId) {
      written.push({ id: 0, name: label.name });
      continue;
    }
    let value = label.id;
    if (preset !== "keep") {
      const entry = PRESETS[preset].find((p) => p.name.toLowerCase() === label.name.toLowerCase());
      if (entry === undefined) {
        throw new MaskportError("INVALID_OPTION", `label ${JSON.stringify(label.name)} is not in preset ${preset} (${PRESETS[preset].map((p) => `${p.id} ${p.name}`).join(", ")})`, {
          plugin: "nifti",
          hint: "Rename or drop the label first (remap-labels, drop-labels), or write --nifti.outputLabels keep.",
        });
      }
      value = entry.id;
    }
    values.set(label.id, value);
    written.push({ id: value, name: label.name });
  }
  if (!written.some((w) => w.id === 0)) written.unshift({ id: 0, name: "background" });
  return written.sort((a, b) => a.id - b.id);
}

/** Calls `visit` with the frame index of every set pixel of the instance inside the frame. */
function forEachPixel(instance: { bbox: { x: number; y: number }; bitmap: { width: number; height: number; data: Uint8Array } }, width: number, height: number, visit: (p: number) => void): void {
  const { bbox, bitmap } = instance;
  const x0 = Math.max(0, bbox.x);
  const x1 = Math.min(width, bbox.x + bitmap.width);
  const y0 = Math.max(0, bbox.y);
  const y1 = Math.min(height, bbox.y + bitmap.height);
  for (let y = y0; y < y1; y++) {
    let src = (y - bbox.y) * bitmap.width + (x0 - bbox.x);
    for (let p = y * width + x0; p < y * width + x1; p++, src++) if (bitmap.data[src] !== 0) visit(p);
  }
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}
