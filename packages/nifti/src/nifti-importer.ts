/**
 * Importer `nifti`: label volumes (`.nii`, `.nii.gz`; one file, BraTS case folders or a
 * Decathlon folder) reoriented to RAS+ and cut into 2D slices, one sample per slice with
 * the connected components of each label as instances, and the volume's geometry riding
 * on each sample (`sample.nifti`) for the `nifti` exporter.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { instancesFromRasters, MaskportError, type Dataset, type Importer, type Labelmap } from "@maskport/core";
import { writePng } from "@maskport/core/node";
import { findCases, detectNifti, type NiftiInput } from "./find-cases.ts";
import { findLabelmap, namedByValue } from "./find-labelmap.ts";
import { distinctIds } from "./label-volume.ts";
import { PRESET_NAMES, type PresetName } from "./label-presets.ts";
import type { NiftiSample } from "./nifti-slice.ts";
import { prepareCase, type CaseSource, type PrepareSettings } from "./prepare-case.ts";
import { chooseImages } from "./choose-images.ts";
import { readPlane, sliceCount, slicePlane, type Axis } from "./slice-plane.ts";
import { parseWindow } from "./window-intensities.ts";

/** Options of the `nifti` importer. */
export interface NiftiImporterOptions {
  readonly axis: Axis;
  /** `auto`: dataset.json, then labelmap.txt beside the input, then `label_<value>`. */
  readonly labels: PresetName | "auto";
  /** Image volume: a BraTS modality (`t1c`, `t1n`, `t2w`, `t2f` or `t1ce`, `t1`, `t2`, `flair`), a path, or for a Decathlon folder its entry's image (any value; a number or `modality` name picks a 4D image's volume). Empty: none. */
  readonly image: string;
  /** `"<low>,<high>"` percentiles of the non-zero image voxels mapped to 0 and 255. */
  readonly window: string;
  readonly emptySlices: "skip" | "keep";
  /** 8 or 4: pixel connectivity of instances. */
  readonly connectivity: number;
}

/** One slice, as plain data a worker can load. */
export interface SliceRef {
  readonly id: string;
  readonly subset: string;
  readonly source: CaseSource;
  readonly index: number;
  /** Folder the slice's grey PNG is written to, when there is an image. */
  readonly imageDir?: string;
}

/** The `nifti` importer. */
export const niftiImporter: Importer<NiftiImporterOptions> = {
  apiVersion: 1,
  kind: "importer",
  name: "nifti",
  description: "NIfTI-1/2 label volumes (.nii, .nii.gz; BraTS folders, Decathlon) sliced in RAS+ radiological orientation",
  options: {
    axis: { description: "Slicing direction", default: "axial", choices: ["axial", "coronal", "sagittal"] },
    labels: { description: "Label names: a preset, or auto (dataset.json, labelmap.txt beside the input, else label_<value>)", default: "auto", choices: ["auto", ...PRESET_NAMES] },
    image: { description: "Image volume for the slice PNGs: t1c, t1n, t2w, t2f (t1ce, t1, t2, flair), a path, or for a Decathlon folder its images (a 4D volume's number or modality name); empty: none", default: "" },
    window: { description: "Percentiles of the non-zero image voxels mapped to grey 0 and 255", default: "0.5,99.5" },
    emptySlices: { description: "Slices without labels: skip them, or keep them as samples without instances", default: "skip", choices: ["skip", "keep"] },
    connectivity: { description: "Pixel connectivity (8 or 4) of instances: connected components of each label", default: 8 },
  },
  async detect(input) {
    return detectNifti(input);
  },
  async read(input, options, context): Promise<Dataset<SliceRef>> {
    const connectivity = options.connectivity;
    if (connectivity !== 4 && connectivity !== 8) throw new MaskportError("INVALID_OPTION", `--nifti.connectivity must be 4 or 8, not ${connectivity}`, { plugin: "nifti" });
    const window = parseWindow(options.window);
    const found = findCases(input);
    const named = findLabelmap(options.labels, found.folder, found.datasetJson);
    const labelmap = named?.labelmap ?? labelmapOfValues(found, window, context.report);
    const known = named === undefined ? undefined : new Set(labelmap.labels.map((label) => label.id));
    const settings: PrepareSettings = { known, window };
    const sources = chooseImages(found, options.image);
    const axis = options.axis;
    const load = async (ref: SliceRef): Promise<NiftiSample> => loadSlice(ref, axis, settings, labelmap, connectivity);
    const subsets = [...new Set(found.cases.map((c) => c.subset))];
    if (context.purpose === "load") return { labelmap, subsets, async *refs() {}, load };
    const withImages = sources.some((source) => source.image !== undefined);
    let imageDir: string | undefined;
    return {
      labelmap,
      subsets,
      async *refs() {
        for (const [c, source] of sources.entries()) {
          const prepared = prepareCase(source, settings, context.report);
          const count = sliceCount(prepared.view, axis);
          const digits = Math.max(3, String(count - 1).length);
          for (let index = 0; index < count; index++) {
            if (options.emptySlices === "skip" && !hasLabels(prepared.ids, slicePlane(prepared.view, axis, index))) continue;
            const id = `${source.case}/${axis}_${String(index).padStart(digits, "0")}`;
            if (withImages) imageDir ??= temporaryFolder();
            yield { id, subset: found.cases[c]?.subset ?? "default", source, index, ...(imageDir === undefined ? {} : { imageDir }) };
          }
        }
      },
      load,
    };
  },
};

// --- internal ---

function loadSlice(ref: SliceRef, axis: Axis, settings: PrepareSettings, labelmap: Labelmap, connectivity: 4 | 8): NiftiSample {
  const prepared = prepareCase(ref.source, settings);
  const plane = slicePlane(prepared.view, axis, ref.index);
  const { width, height } = plane;
  const classRaster = readPlane(prepared.ids, plane, new Uint16Array(width * height));
  const { instances } = instancesFromRasters({ width, height, classRaster, labelmap, connectivity, grouping: "components", sampleId: ref.id, file: ref.source.label });
  let image: { path: string; fileName: string } | undefined;
  if (prepared.grey !== undefined && ref.imageDir !== undefined) {
    const fileName = `${ref.id}.png`;
    const path = join(ref.imageDir, fileName);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, writePng({ width, height, channels: 1, data: readPlane(prepared.grey, plane, new Uint8Array(width * height)) }));
    image = { path, fileName };
  }
  const { header, shape } = prepared.label;
  return {
    id: ref.id,
    subset: ref.subset,
    width,
    height,
    ...(image === undefined ? {} : { image, imageName: image.fileName }),
    instances,
    nifti: { case: ref.source.case, axis, index: ref.index, shape, orientation: prepared.orientation, header: header.bytes },
  };
}

function hasLabels(ids: Uint16Array, plane: ReturnType<typeof slicePlane>): boolean {
  for (let y = 0, row = plane.origin; y < plane.height; y++, row += plane.dy) {
    for (let x = 0, v = row; x < plane.width; x++, v += plane.dx) if (ids[v] !== 0) return true;
  }
  return false;
}

/** `label_<value>` for every value in any case's label volume, read one at a time, with a warning. */
function labelmapOfValues(found: NiftiInput, window: ReturnType<typeof parseWindow>, report: (d: { severity: "warning"; code: "LABELMAP_MISSING"; message: string; file: string }) => void): Labelmap {
  const values = new Set<number>();
  for (const c of found.cases) for (const v of distinctIds(prepareCase({ case: c.name, label: c.label }, { known: undefined, window }).ids)) values.add(v);
  const labelmap = namedByValue([...values]);
  report({
    severity: "warning",
    code: "LABELMAP_MISSING",
    file: found.folder,
    message: `no label names (no --nifti.labels preset, dataset.json labels or labelmap.txt beside the input): the values are named ${labelmap.labels.map((l) => l.name).join(", ")}`,
  });
  return labelmap;
}

/** A folder for the slice PNGs, removed when the process exits (the runner has copied them by then). */
function temporaryFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), "maskport-nifti-"));
  process.once("exit", () => rmSync(folder, { recursive: true, force: true }));
  return folder;
}
