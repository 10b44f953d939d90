// Every slice of volumes stored in all 48 axis orientations (and obliquely) against the
// issue's rule, pixel by pixel:
//   axial k:    pixel (x, y) = RAS voxel (nx−1−x, ny−1−y, k)
//   coronal j:  pixel (x, y) = RAS voxel (nx−1−x, j, nz−1−y)
//   sagittal i: pixel (x, y) = RAS voxel (i, ny−1−x, nz−1−y)
import { afterAll, describe, expect, it } from "vitest";
import { allOrientations, tempFolder, type TestVolume } from "./__fixtures__/make-nifti.ts";
import { readSlices } from "./__fixtures__/read-slices.ts";

const { write, remove } = tempFolder("maskport-nifti-orientation-");
afterAll(remove);

/** Sizes along R, A, S, all different so a swapped axis cannot pass. */
const N = [4, 3, 5] as const;
/** The content in RAS: every voxel its own value 1..60. */
const f = (r: number, a: number, s: number): number => 1 + r + N[0] * (a + N[1] * s);
const VOXEL = [1.5, 2, 0.8];

/** Stored grid, values and voxel → world matrix (3×3) of a RAS cube stored with this permutation and these flips. */
function stored(perm: readonly number[], flip: readonly boolean[]): { shape: number[]; values: number[]; matrix: number[][] } {
  const shape = perm.map((axis) => N[axis as 0 | 1 | 2]);
  const [s0, s1, s2] = shape as [number, number, number];
  const values: number[] = [];
  for (let k = 0; k < s2; k++)
    for (let j = 0; j < s1; j++)
      for (let i = 0; i < s0; i++) {
        const ras = [0, 0, 0];
        [i, j, k].forEach((c, axis) => (ras[perm[axis] as number] = flip[axis] ? (shape[axis] as number) - 1 - c : c));
        values.push(f(ras[0] as number, ras[1] as number, ras[2] as number));
      }
  // Column i: the world direction stored axis i moves along.
  const matrix = [0, 1, 2].map((row) => [0, 1, 2].map((column) => (perm[column] === row ? (flip[column] ? -1 : 1) * (VOXEL[column] as number) : 0)));
  return { shape, values, matrix };
}

/** What the rule says each slice holds. */
function expected(axis: "axial" | "coronal" | "sagittal", index: number): { width: number; height: number; pixels: number[] } {
  const [nx, ny, nz] = N;
  const size = axis === "axial" ? [nx, ny] : axis === "coronal" ? [nx, nz] : [ny, nz];
  const [width, height] = size as [number, number];
  const pixels: number[] = [];
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      if (axis === "axial") pixels.push(f(nx - 1 - x, ny - 1 - y, index));
      else if (axis === "coronal") pixels.push(f(nx - 1 - x, index, nz - 1 - y));
      else pixels.push(f(index, ny - 1 - x, nz - 1 - y));
    }
  return { width, height, pixels };
}

async function checkEverySlice(file: string): Promise<void> {
  for (const axis of ["axial", "coronal", "sagittal"] as const) {
    const { slices } = await readSlices(file, { axis, emptySlices: "keep" });
    expect(slices.length).toBe(axis === "axial" ? N[2] : axis === "coronal" ? N[1] : N[0]);
    slices.forEach(({ sample, raster }, index) => {
      const want = expected(axis, index);
      expect(sample.id.endsWith(`/${axis}_${String(index).padStart(3, "0")}`)).toBe(true);
      expect([sample.width, sample.height]).toEqual([want.width, want.height]);
      expect(Array.from(raster), `${file} ${axis} ${index}`).toEqual(want.pixels);
    });
  }
}

/** Rotation about (1, 1, 1)/√3 by `degrees` (below 45°, so the closest axes do not change). */
function rotation(degrees: number): number[][] {
  const t = (degrees * Math.PI) / 180;
  const [x, y, z] = [1, 1, 1].map((v) => v / Math.sqrt(3)) as [number, number, number];
  const c = Math.cos(t);
  const s = Math.sin(t);
  const C = 1 - c;
  return [
    [c + x * x * C, x * y * C - z * s, x * z * C + y * s],
    [y * x * C + z * s, c + y * y * C, y * z * C - x * s],
    [z * x * C - y * s, z * y * C + x * s, c + z * z * C],
  ];
}

const multiply = (a: number[][], b: number[][]): number[][] => a.map((row) => [0, 1, 2].map((c) => row.reduce((sum, v, k) => sum + v * (b[k]?.[c] ?? 0), 0)));
const withOffset = (m: number[][], offset: number[]): number[][] => m.map((row, r) => [...row, offset[r] ?? 0]);

/** Quaternion (b, c, d) and qfac of a matrix with orthogonal columns (Shepperd's method on the proper rotation). */
function quaternionOf(matrix: number[][]): { b: number; c: number; d: number; qfac: number } {
  const columns = [0, 1, 2].map((c) => [0, 1, 2].map((r) => matrix[r]![c]!));
  const unit = columns.map((col) => col.map((v) => v / Math.hypot(...col)));
  const det = unit[0]![0]! * (unit[1]![1]! * unit[2]![2]! - unit[2]![1]! * unit[1]![2]!) - unit[1]![0]! * (unit[0]![1]! * unit[2]![2]! - unit[2]![1]! * unit[0]![2]!) + unit[2]![0]! * (unit[0]![1]! * unit[1]![2]! - unit[1]![1]! * unit[0]![2]!);
  const qfac = det < 0 ? -1 : 1;
  const R = [0, 1, 2].map((r) => [0, 1, 2].map((c) => unit[c]![r]! * (c === 2 ? qfac : 1)));
  const [[r00, r01, r02], [r10, r11, r12], [r20, r21, r22]] = R as [[number, number, number], [number, number, number], [number, number, number]];
  let a: number, b: number, c: number, d: number;
  const trace = r00 + r11 + r22;
  if (trace > 0) {
    const s = 2 * Math.sqrt(1 + trace);
    [a, b, c, d] = [s / 4, (r21 - r12) / s, (r02 - r20) / s, (r10 - r01) / s];
  } else if (r00 >= r11 && r00 >= r22) {
    const s = 2 * Math.sqrt(1 + r00 - r11 - r22);
    [a, b, c, d] = [(r21 - r12) / s, s / 4, (r01 + r10) / s, (r02 + r20) / s];
  } else if (r11 >= r22) {
    const s = 2 * Math.sqrt(1 + r11 - r00 - r22);
    [a, b, c, d] = [(r02 - r20) / s, (r01 + r10) / s, s / 4, (r12 + r21) / s];
  } else {
    const s = 2 * Math.sqrt(1 + r22 - r00 - r11);
    [a, b, c, d] = [(r10 - r01) / s, (r02 + r20) / s, (r12 + r21) / s, s / 4];
  }
  return a < 0 ? { b: -b, c: -c, d: -d, qfac } : { b, c, d, qfac };
}

describe("slices follow the radiological rule in every orientation", () => {
  for (const { perm, flip } of allOrientations()) {
    const name = `${perm.join("")}-${flip.map((x) => (x ? "f" : "n")).join("")}`;
    it(`stored axes ${perm.map((p, i) => (flip[i] ? "-" : "+") + "RAS"[p]).join(" ")}: sform (.nii.gz), qform (.nii) and oblique sform`, async () => {
      const { shape, values, matrix } = stored(perm, flip);
      const base: TestVolume = { shape, values, datatype: "uint8" };
      await checkEverySlice(write(`${name}-sform.nii.gz`, { ...base, sform: withOffset(matrix, [-12, 30, 7]) }));
      await checkEverySlice(write(`${name}-qform.nii`, { ...base, pixdim: VOXEL, qform: { ...quaternionOf(matrix), pixdim: VOXEL, offset: [5, -3, 2] } }));
      // Rotated 30° in the world and sheared a little in voxel space: the closest axes stay.
      const shear = [
        [1, 0.1, -0.05],
        [0.08, 1, 0.1],
        [0, -0.1, 1],
      ];
      await checkEverySlice(write(`${name}-oblique.nii.gz`, { ...base, sform: withOffset(multiply(multiply(rotation(30), matrix), shear), [1, 2, 3]) }));
    });
  }
});

describe("which header field orients the volume", () => {
  it("uses the sform when sform_code > 0, even when the qform has a higher code and says otherwise", async () => {
    const { shape, values, matrix } = stored([0, 1, 2], [false, false, false]);
    // The qform claims x runs right to left; the sform (code 1) says left to right and wins.
    const file = write("sform-wins.nii", { shape, values, sform: withOffset(matrix, [0, 0, 0]), sformCode: 1, qform: { b: 0, c: 0, d: 1, qfac: 1, pixdim: VOXEL }, qformCode: 2 });
    await checkEverySlice(file);
  });

  it("uses the qform when sform_code is 0, whatever the srow rows hold", async () => {
    const { shape, values, matrix } = stored([2, 0, 1], [true, false, true]);
    const file = write("qform-only.nii", { shape, values, sform: [[0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]], sformCode: 0, pixdim: VOXEL, qform: { ...quaternionOf(matrix), pixdim: VOXEL }, qformCode: 1 });
    await checkEverySlice(file);
  });

  it("takes the voxel axes as R, A, S when both codes are 0, with a warning", async () => {
    const { shape, values } = stored([0, 1, 2], [false, false, false]);
    const file = write("no-codes.nii", { shape, values, sformCode: 0, qformCode: 0, pixdim: VOXEL });
    await checkEverySlice(file);
    const { diagnostics } = await readSlices(file);
    expect(diagnostics.some((d) => d.severity === "warning" && d.code === "VOLUME_GEOMETRY" && d.message.includes("both 0"))).toBe(true);
  });
});
