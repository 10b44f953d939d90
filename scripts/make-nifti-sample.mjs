// Writes the bundled synthetic BraTS-like case `examples/brats-synthetic/` (README.md there
// says what it holds). Nothing comes from a patient: a seeded PRNG and integer arithmetic
// only, so the voxels are identical everywhere; .nii.gz bytes also depend on Node's zlib.
//
//   node scripts/make-nifti-sample.mjs               # rewrite the committed copy
//   node scripts/make-nifti-sample.mjs --out <dir>   # write elsewhere
// `npm run bench` imports writeBratsLikeCase for its 240×240×155 NIfTI row.
//
// The NIfTI-1 writer here is deliberately separate from @maskport/nifti's (offsets typed in
// from nifti1.h), so reading the sample with the package is a test of the package.
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";

const root = fileURLToPath(new URL("..", import.meta.url));

/**
 * Writes `<out>/<name>/<name>-seg.nii.gz`, `-t1c` and `-t2f` of an nx×ny×nz BraTS-like case:
 * two ellipsoid tumours (edema 2 around enhancing 3, one with a necrotic core 1) in an
 * ellipsoid "brain", and a one-voxel speck of edema. Returns the case folder.
 */
export function writeBratsLikeCase(out, name, [NX, NY, NZ], VOXEL = [1, 1, 1.5]) {
  let seed = 20260;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  // Stored like most BraTS files: i runs right → left, j anterior → posterior, k inferior →
  // superior (sform diag(−1, −1, 1): "LPS"), so reading it exercises the reorientation.
  const ras = (i, j, k) => [NX - 1 - i, NY - 1 - j, k];
  const inside = (x, y, z, [cx, cy, cz], [rx, ry, rz]) => ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 + ((z - cz) / rz) ** 2 <= 1;
  // Sizes are fractions of the grid, so any grid gets the same anatomy.
  const at = (fx, fy, fz) => [fx * NX, fy * NY, fz * NZ];
  const seg = new Uint8Array(NX * NY * NZ);
  const t1c = new Int16Array(NX * NY * NZ);
  const t2f = new Int16Array(NX * NY * NZ);
  // Tumour 1 (patient's left, anterior): edema around enhancing tumour around a necrotic core.
  // Tumour 2 (patient's right, posterior): edema and enhancing tumour only.
  const tumours = [
    { centre: at(0.3, 0.61, 0.54), edema: at(0.2, 0.18, 0.19), enhancing: at(0.117, 0.111, 0.125), core: at(0.05, 0.056, 0.0625) },
    { centre: at(0.7, 0.33, 0.42), edema: at(0.117, 0.111, 0.125), enhancing: at(0.05, 0.056, 0.0625), core: undefined },
  ];
  const brainCentre = at(0.5, 0.5, 0.5);
  const brainRadii = at(0.433, 0.444, 0.4375);
  for (let k = 0; k < NZ; k++)
    for (let j = 0; j < NY; j++)
      for (let i = 0; i < NX; i++) {
        const p = i + NX * (j + NY * k);
        const [x, y, z] = ras(i, j, k);
        const brain = inside(x, y, z, brainCentre, brainRadii);
        let label = 0;
        for (const t of tumours) {
          if (inside(x, y, z, t.centre, t.edema)) label = Math.max(label, 2);
          if (inside(x, y, z, t.centre, t.enhancing)) label = 3;
          if (t.core !== undefined && inside(x, y, z, t.centre, t.core)) label = 1;
        }
        if (!brain) label = 0;
        seg[p] = label;
        const noise = Math.floor(random() * 40);
        // T1 with contrast: enhancing rim bright, core dark; FLAIR: edema bright.
        t1c[p] = brain ? [600, 250, 700, 1400][label] + noise : 0;
        t2f[p] = brain ? [500, 900, 1300, 1100][label] + noise : 0;
      }
  seg[Math.floor(NX / 6) + NX * (Math.floor(NY / 7) + NY * Math.floor(NZ * 0.625))] = 2;

  /** A single-file NIfTI-1, little-endian, sform and qform both diag(−1, −1, 1) × voxel size. */
  function nifti(values, datatype, bitpix, description) {
    const bytes = new Uint8Array(352 + values.byteLength);
    const v = new DataView(bytes.buffer);
    v.setInt32(0, 348, true);
    [3, NX, NY, NZ, 1, 1, 1, 1].forEach((d, n) => v.setInt16(40 + 2 * n, d, true));
    v.setInt16(70, datatype, true);
    v.setInt16(72, bitpix, true);
    [1, ...VOXEL, 0, 0, 0, 0].forEach((d, n) => v.setFloat32(76 + 4 * n, d, true)); // pixdim[0] = qfac 1
    v.setFloat32(108, 352, true);
    v.setUint8(123, 2 | 8); // mm, s
    new TextEncoder().encodeInto(description, new Uint8Array(bytes.buffer, 148, 79));
    v.setInt16(252, 1, true); // qform: scanner
    v.setInt16(254, 1, true); // sform: scanner
    // qform rotation diag(−1, −1, 1) = 180° about z: quaternion (b, c, d) = (0, 0, 1).
    [0, 0, 1].forEach((q, n) => v.setFloat32(256 + 4 * n, q, true));
    const offset = [((NX - 1) * VOXEL[0]) / 2, ((NY - 1) * VOXEL[1]) / 2, -((NZ - 1) * VOXEL[2]) / 2];
    offset.forEach((o, n) => v.setFloat32(268 + 4 * n, o, true));
    [
      [-VOXEL[0], 0, 0, offset[0]],
      [0, -VOXEL[1], 0, offset[1]],
      [0, 0, VOXEL[2], offset[2]],
    ]
      .flat()
      .forEach((s, n) => v.setFloat32(280 + 4 * n, s, true));
    [0x6e, 0x2b, 0x31, 0].forEach((c, n) => v.setUint8(344 + n, c));
    bytes.set(new Uint8Array(values.buffer, values.byteOffset, values.byteLength), 352);
    return gzipSync(bytes, { level: 9 });
  }

  const folder = resolve(out, name);
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, `${name}-seg.nii.gz`), nifti(seg, 2, 8, "synthetic BraTS-like labels (maskport)"));
  writeFileSync(join(folder, `${name}-t1c.nii.gz`), nifti(t1c, 4, 16, "synthetic T1 post-contrast (maskport)"));
  writeFileSync(join(folder, `${name}-t2f.nii.gz`), nifti(t2f, 4, 16, "synthetic T2-FLAIR (maskport)"));
  return folder;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { values: args } = parseArgs({ options: { out: { type: "string", default: join(root, "examples/brats-synthetic") } } });
  const folder = writeBratsLikeCase(args.out, "BraTS-GLI-99999-000", [60, 72, 48]);
  console.log(`wrote ${folder}: 60×72×48 voxels, labels 1 necrotic core, 2 edema, 3 enhancing tumour (BraTS 2023 numbering)`);
}
