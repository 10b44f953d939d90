// NIfTI → nifti importer → (transforms) → nifti exporter: voxel- and header-identical when
// untouched; BraTS 2021 → 2023 renumbering changes only 4 → 3; dropped instances become 0.
import { gunzipSync } from "node:zlib";
import { collectFiles, minArea, resolveOptions, runExport, type Diagnostic } from "@maskport/core";
import * as niftiReader from "nifti-reader-js";
import { afterAll, describe, expect, it } from "vitest";
import { blobVolume, componentCount } from "./__fixtures__/components.ts";
import { niftiBytes, tempFolder, type TestVolume } from "./__fixtures__/make-nifti.ts";
import { niftiExporter, type NiftiExporterOptions } from "./nifti-exporter.ts";
import { niftiImporter, type NiftiImporterOptions } from "./nifti-importer.ts";
import { encodeNifti } from "./write-nifti.ts";

const { write, remove } = tempFolder("maskport-nifti-round-trip-");
afterAll(remove);

async function roundTrip(input: string, importerOptions: Record<string, unknown> = {}, exporterOptions: Record<string, unknown> = {}, transforms: { transform: typeof minArea; options: object }[] = []) {
  const diagnostics: Diagnostic[] = [];
  const dataset = await niftiImporter.read(input, resolveOptions<NiftiImporterOptions>("nifti", niftiImporter.options, importerOptions), { report: (d) => diagnostics.push(d) });
  const options = resolveOptions<NiftiExporterOptions>("nifti", niftiExporter.options, exporterOptions);
  const files = await collectFiles(runExport(dataset, niftiExporter, options, { transforms, onDiagnostic: (d) => diagnostics.push(d) }));
  return { files, diagnostics };
}

const bytesOf = (files: Map<string, Uint8Array | { copyFrom: string }>, path: string): Uint8Array => {
  const file = files.get(path);
  if (!(file instanceof Uint8Array)) throw new Error(`${path} was not written: ${[...files.keys()].join(", ")}`);
  return gunzipSync(file);
};

const SHAPE = [9, 7, 6] as const;
const oblique = [
  [0, 0, -1.2, 90],
  [-0.9, 0.2, 0, 120],
  [0.1, 1.1, 0.05, -60],
];

describe("an untouched round trip is voxel- and header-identical", () => {
  const cases: [string, TestVolume][] = [
    ["int16, little-endian, oblique sform, .nii.gz", { shape: SHAPE, values: blobVolume(SHAPE, [1, 2, 4]), datatype: "int16", sform: oblique, description: "brain seg" }],
    ["uint8, big-endian NIfTI-2, qform only, .nii", { shape: SHAPE, values: blobVolume(SHAPE, [1, 3], 7), datatype: "uint8", version: 2, bigEndian: true, pixdim: [1, 1.5, 3], qform: { b: 0, c: 1, d: 0, qfac: -1, pixdim: [1, 1.5, 3], offset: [1, 2, 3] } }],
    ["float32 with scl_slope 0.5, .nii.gz", { shape: SHAPE, values: blobVolume(SHAPE, [2, 4, 6], 3), datatype: "float32", slope: 0.5, inter: 0 }],
    ["int8 with scl_inter 1, big-endian, .nii.gz", { shape: SHAPE, values: blobVolume(SHAPE, [0, 2], 5).map((v) => v - 1), datatype: "int8", bigEndian: true, slope: 1, inter: 1 }],
    ["int32 and float64, NIfTI-2", { shape: SHAPE, values: blobVolume(SHAPE, [1, 2], 9), datatype: "int32", version: 2 }],
  ];
  for (const [name, volume] of cases) {
    for (const axis of ["axial", "coronal", "sagittal"]) {
      it(`${name}, ${axis}`, async () => {
        const file = write(`${name.replace(/[^a-z0-9]+/gi, "-")}.nii${name.includes(".nii.gz") ? ".gz" : ""}`, volume);
        const original = niftiBytes(volume);
        const { files, diagnostics } = await roundTrip(file, { axis, labels: "auto" });
        expect(diagnostics.filter((d) => d.severity === "error")).toEqual([]);
        const name2 = `${file.split("/").pop()!.replace(/\.nii(\.gz)?$/, "")}.nii.gz`;
        const written = bytesOf(files, name2);
        // The fixture writes vox_offset 352/544 and no extensions, so every byte must come back.
        expect(written.length).toBe(original.length);
        expect(Buffer.from(written).equals(Buffer.from(original))).toBe(true);
        // And an independent reader sees the same geometry.
        const theirs = niftiReader.readHeader(written.buffer.slice(written.byteOffset, written.byteOffset + written.byteLength) as ArrayBuffer);
        const before = niftiReader.readHeader(original.buffer as ArrayBuffer);
        expect([theirs.dims, theirs.pixDims, theirs.datatypeCode, theirs.qform_code, theirs.sform_code, theirs.affine]).toEqual([before.dims, before.pixDims, before.datatypeCode, before.qform_code, before.sform_code, before.affine]);
      });
    }
  }
});

describe("what the exporter changes on purpose", () => {
  it("--nifti.labels=brats2021 --nifti.outputLabels=brats2023 turns 4 into 3 and nothing else", async () => {
    const values = blobVolume(SHAPE, [1, 2, 4], 11);
    const file = write("BraTS2021_00001_seg.nii.gz", { shape: SHAPE, values, datatype: "uint8" });
    const { files } = await roundTrip(file, { labels: "brats2021" }, { outputLabels: "brats2023" });
    const data = bytesOf(files, "BraTS2021_00001_seg.nii.gz").subarray(352);
    expect(Array.from(data)).toEqual(values.map((v) => (v === 4 ? 3 : v)));
    expect(new TextDecoder().decode(files.get("labelmap.txt") as Uint8Array)).toBe("0: background\n1: necrotic core\n2: edema\n3: enhancing tumour\n");
  });

  it("instances dropped by min-area become 0; everything else stays", async () => {
    const values = blobVolume(SHAPE, [1, 2], 13);
    const file = write("specks.nii", { shape: SHAPE, values, datatype: "uint8" });
    const { files } = await roundTrip(file, {}, {}, [{ transform: minArea, options: { area: 3 } }]);
    // Expected, independently: per axial slice k (RAS = stored here), zero 8-connected components under 3 voxels.
    const [nx, ny, nz] = SHAPE;
    const want = [...values];
    for (let k = 0; k < nz; k++) {
      const slice = values.slice(k * nx * ny, (k + 1) * nx * ny);
      const { sizes, owner } = componentCount(slice, nx, ny);
      owner.forEach((id, p) => {
        if (id >= 0 && (sizes[id] as number) < 3) want[k * nx * ny + p] = 0;
      });
    }
    expect(want).not.toEqual(values);
    expect(Array.from(bytesOf(files, "specks.nii.gz").subarray(352))).toEqual(want);
  });

  it("a label name the output preset lacks is refused before anything is written", async () => {
    const file = write("named/volume.nii", { shape: [2, 1, 1], values: [0, 1], datatype: "uint8" });
    write("named/labelmap.txt", "0: background\n1: oedema\n");
    await expect(roundTrip(file, {}, { outputLabels: "brats2023" })).rejects.toThrow(/label "oedema" is not in preset brats2023/);
  });

  it("a value the original scaling cannot store resets scl_slope/scl_inter to 1/0", () => {
    // Stored 1 × slope 2 = label 2; label 3 has no whole stored value under slope 2.
    const header = niftiBytes({ shape: [2, 1, 1], values: [0, 1], datatype: "int16", slope: 2 }).subarray(0, 348);
    const written = gunzipSync(encodeNifti(header, Uint16Array.of(2, 3), "x.nii.gz"));
    const view = new DataView(written.buffer, written.byteOffset);
    expect([view.getFloat32(112, true), view.getFloat32(116, true), view.getInt16(352, true), view.getInt16(354, true)]).toEqual([1, 0, 2, 3]);
    const kept = gunzipSync(encodeNifti(header, Uint16Array.of(2, 4), "x.nii.gz"));
    const keptView = new DataView(kept.buffer, kept.byteOffset);
    expect([keptView.getFloat32(112, true), keptView.getInt16(352, true), keptView.getInt16(354, true)]).toEqual([2, 1, 2]);
  });

  it("a value the datatype cannot hold is refused", () => {
    const header = niftiBytes({ shape: [1, 1, 1], values: [0], datatype: "int8" }).subarray(0, 348);
    expect(() => encodeNifti(header, Uint16Array.of(200), "x.nii.gz")).toThrow(/label value 200 does not fit the volume's datatype int8/);
  });
});
