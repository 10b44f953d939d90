// Reading: every label datatype, both byte orders, NIfTI-2, gzip and raw, scaling, and the
// bad inputs the issue names (each a named error naming the file).
import { readFileSync } from "node:fs";
import { isMaskportError } from "@maskport/core";
import * as niftiReader from "nifti-reader-js";
import { afterAll, describe, expect, it } from "vitest";
import { niftiBytes, tempFolder, type TestDatatype } from "./__fixtures__/make-nifti.ts";
import { readSlices, removeImageFolders } from "./__fixtures__/read-slices.ts";
import { readNifti } from "./read-nifti.ts";

const { write, remove } = tempFolder("maskport-nifti-read-");
afterAll(() => {
  remove();
  removeImageFolders();
});

// A 3×2×2 RAS volume: one labelled voxel per slice where its value says.
const SHAPE = [3, 2, 2];
const VALUES = [0, 1, 0, 0, 0, 2, 3, 0, 0, 0, 0, 1];

async function axialRasters(file: string, options: Record<string, unknown> = {}): Promise<number[][]> {
  const { slices } = await readSlices(file, { emptySlices: "keep", ...options });
  return slices.map((s) => Array.from(s.raster));
}
// By the rule, axial pixel (x, y) of slice k = voxel (2 − x, 1 − y, k).
// Slice 0: row y = 0 is j = 1 (x = 0 is i = 2): [2, 0, 0]; row 1 is j = 0: [0, 1, 0].
const AXIAL = [
  [2, 0, 0, 0, 1, 0],
  [1, 0, 0, 0, 0, 3],
];

describe("label datatypes, byte orders and versions", () => {
  const types: TestDatatype[] = ["uint8", "int8", "int16", "uint16", "int32", "float32", "float64"];
  for (const datatype of types) {
    for (const version of [1, 2] as const) {
      for (const bigEndian of [false, true]) {
        const name = `${datatype}-v${version}-${bigEndian ? "be" : "le"}`;
        it(`reads ${name} (.nii.gz and .nii)`, async () => {
          const volume = { shape: SHAPE, values: VALUES, datatype, version, bigEndian };
          expect(await axialRasters(write(`${name}.nii.gz`, volume))).toEqual(AXIAL);
          expect(await axialRasters(write(`${name}.nii`, volume))).toEqual(AXIAL);
        });
      }
    }
  }

  it("parses the header fields nifti-reader-js reads, in every version and byte order", () => {
    for (const version of [1, 2] as const)
      for (const bigEndian of [false, true]) {
        const bytes = niftiBytes({ shape: [5, 4, 3], values: Array.from({ length: 60 }, () => 0), datatype: "int16", version, bigEndian, pixdim: [0.5, 0.75, 2], slope: 2, inter: -1 });
        const theirs = niftiReader.readHeader(bytes.buffer as ArrayBuffer);
        const ours = readNifti(write(`fields-${version}-${bigEndian}.nii`, bytes)).header;
        expect(ours.version).toBe(version);
        expect(ours.littleEndian).toBe(theirs.littleEndian);
        expect(ours.dim).toEqual(theirs.dims);
        expect(ours.pixdim.slice(1, 4)).toEqual(theirs.pixDims.slice(1, 4));
        expect(ours.datatype.code).toBe(theirs.datatypeCode);
        expect(ours.voxOffset).toBe(theirs.vox_offset);
        expect([ours.sclSlope, ours.sclInter]).toEqual([theirs.scl_slope, theirs.scl_inter]);
        expect([ours.qformCode, ours.sformCode]).toEqual([theirs.qform_code, theirs.sform_code]);
      }
  });

  it("applies scl_slope and scl_inter: stored 0, 1, 2 with slope 2, intercept −2 are labels −2 (refused), 0, 2", async () => {
    // value = stored × 2 − 2; stored [1, 2] → labels 0 and 2.
    const file = write("scaled.nii.gz", { shape: [2, 1, 1], values: [1, 2], datatype: "int16", slope: 2, inter: -2 });
    expect(await axialRasters(file)).toEqual([[2, 0]]);
    const negative = write("scaled-negative.nii.gz", { shape: [2, 1, 1], values: [0, 2], datatype: "int16", slope: 2, inter: -2 });
    await expect(readSlices(negative)).rejects.toThrow(/voxel \(0, 0, 0\) holds -2/);
  });

  it("reads float labels that are whole numbers and refuses 1.5, naming the voxel", async () => {
    expect(await axialRasters(write("float-whole.nii", { shape: [2, 1, 1], values: [0, 3], datatype: "float32" }))).toEqual([[3, 0]]);
    const file = write("float-half.nii.gz", { shape: [2, 2, 1], values: [0, 1, 0, 1.5], datatype: "float64" });
    const error = await readSlices(file).catch((e: unknown) => e);
    expect(isMaskportError(error) && error.code).toBe("UNKNOWN_VALUE");
    expect(String((error as Error).message)).toContain("voxel (1, 1, 0) holds 1.5");
    expect(String((error as Error).message)).toContain("float-half.nii.gz");
  });
});

describe("bad input: named errors naming the file", () => {
  const good = niftiBytes({ shape: SHAPE, values: VALUES, datatype: "int16" });
  async function refusal(file: string): Promise<{ code: string; message: string }> {
    const error = await readSlices(file).catch((e: unknown) => e);
    if (!isMaskportError(error)) throw new Error(`expected a MaskportError, got ${String(error)}`);
    expect(error.message).toContain(file);
    return { code: error.code, message: error.message };
  }

  it("truncated gzip", async () => {
    const full = readFileSync(write("whole.nii.gz", good));
    const file = write("truncated.nii.gz", full.subarray(0, full.length - 12), false);
    expect(await refusal(file)).toMatchObject({ code: "INVALID_INPUT", message: expect.stringMatching(/not a complete gzip stream.*truncated/) });
  });

  it("a gzip stream inflating far past what its header declares (a zip bomb) stops at the declared size", async () => {
    // 64 MiB of zeros after a small volume compress to ~64 KB; reading stops 1 MiB past the voxels.
    const bomb = new Uint8Array(good.length + (64 << 20));
    bomb.set(good);
    const file = write("bomb.nii.gz", bomb);
    expect(await refusal(file)).toMatchObject({ code: "INVALID_INPUT", message: expect.stringMatching(/inflates to more than the \d+ bytes its header declares/) });
  });

  it("voxels cut short (the gzip stream whole)", async () => {
    const file = write("short.nii.gz", good.subarray(0, good.length - 4));
    expect(await refusal(file)).toMatchObject({ code: "INVALID_INPUT", message: expect.stringMatching(/only 20 bytes follow: the file is truncated or vox_offset is wrong/) });
  });

  it("wrong vox_offset: inside the header, and past the data", async () => {
    expect(await refusal(write("offset-low.nii", { shape: SHAPE, values: VALUES, voxOffset: 100 }))).toMatchObject({ code: "INVALID_INPUT", message: expect.stringContaining("vox_offset 100") });
    expect(await refusal(write("offset-high.nii.gz", { shape: SHAPE, values: VALUES, voxOffset: 4000 }))).toMatchObject({ code: "INVALID_INPUT", message: expect.stringContaining("vox_offset 4000") });
  });

  it("dim[0] not 3: a 2D image, and a 4D label volume", async () => {
    expect(await refusal(write("flat.nii", { shape: [3, 4], values: Array.from({ length: 12 }, () => 0), rank: 2 }))).toMatchObject({ code: "INVALID_INPUT", message: expect.stringContaining("dim[0] = 2") });
    expect(await refusal(write("four-d.nii.gz", { shape: [3, 2, 2, 2], values: [...VALUES, ...VALUES] }))).toMatchObject({ code: "INVALID_INPUT", message: expect.stringContaining("4D label volume") });
  });

  it("a 4D volume of one time point is read as 3D", async () => {
    expect(await axialRasters(write("four-d-one.nii.gz", { shape: [3, 2, 2, 1], values: VALUES }))).toEqual(AXIAL);
  });

  it("non-invertible affines: a zero column, and two parallel axes", async () => {
    const zero = write("zero-axis.nii", { shape: SHAPE, values: VALUES, sform: [[1, 0, 0, 0], [0, 0, 0, 0], [0, 0, 1, 0]] });
    expect(await refusal(zero)).toMatchObject({ code: "INVALID_INPUT", message: expect.stringContaining("non-invertible") });
    const parallel = write("parallel.nii", { shape: SHAPE, values: VALUES, sform: [[1, 2, 0, 0], [1, 2, 0, 0], [0, 0, 1, 0]] });
    expect(await refusal(parallel)).toMatchObject({ code: "INVALID_INPUT", message: expect.stringContaining("non-invertible") });
  });

  it("not NIfTI at all, a header/image pair header, an unsupported datatype", async () => {
    expect(await refusal(write("text.nii", "hello, this is not a volume at all".repeat(20)))).toMatchObject({ code: "INVALID_INPUT", message: expect.stringContaining("sizeof_hdr") });
    const pair = new Uint8Array(good);
    pair.set([0x6e, 0x69, 0x31, 0], 344);
    expect(await refusal(write("pair.nii", pair))).toMatchObject({ code: "INVALID_INPUT", message: expect.stringContaining(".hdr/.img pair") });
    const rgb = new Uint8Array(good);
    new DataView(rgb.buffer).setInt16(70, 128, true);
    expect(await refusal(write("rgb.nii", rgb))).toMatchObject({ code: "INVALID_INPUT", message: expect.stringContaining("datatype 128") });
  });

  it("the label volume and its image differ in shape", async () => {
    write("mismatch/case-seg.nii.gz", { shape: SHAPE, values: VALUES });
    write("mismatch/case-t1c.nii.gz", { shape: [3, 2, 3], values: Array.from({ length: 18 }, () => 5), datatype: "int16" });
    const error = await readSlices(`${tempRoot()}/mismatch`, { image: "t1c" }).catch((e: unknown) => e);
    expect(isMaskportError(error) && error.code).toBe("IMAGE_SIZE_MISMATCH");
    expect((error as Error).message).toMatch(/case-t1c\.nii\.gz.*3×2×3.*case-seg\.nii\.gz is 3×2×2/);
  });
});

function tempRoot(): string {
  return write("probe.txt", "x").replace(/\/probe\.txt$/, "");
}
