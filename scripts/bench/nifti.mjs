// The bench's NIfTI row: one 240×240×155 BraTS-like case (label uint8 + T1c int16, the size of
// a BraTS volume), converted by the built CLI in a child process, --jobs 1.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { writeBratsLikeCase } from "../make-nifti-sample.mjs";

/** Converts the case to each target; returns one result per run (conversion wall and CPU seconds, peak RSS). */
export function benchNifti(root, work, outputs) {
  const input = join(work, "nifti");
  if (!existsSync(join(input, "BraTS-GLI-00240-000"))) writeBratsLikeCase(input, "BraTS-GLI-00240-000", [240, 240, 155], [1, 1, 1]);
  const statsFile = join(work, "nifti-stats.json");
  const runs = [
    ["nifti → nifti (labels only)", ["--to", "nifti"]],
    ["nifti → coco (+ t1c slices)", ["--to", "coco", "--nifti.image", "t1c"]],
  ];
  return runs.map(([label, args], n) => {
    rmSync(statsFile, { force: true });
    const out = join(outputs, `nifti-${n}`);
    const result = spawnSync(process.execPath, [join(root, "apps/cli/dist/main.js"), "convert", input, "--nifti.labels", "brats2023", ...args, "--out", out, "--jobs", "1", "--quiet"], {
      cwd: root,
      env: { ...process.env, MASKPORT_STATS_FILE: statsFile },
      encoding: "utf8",
    });
    if (result.status !== 0) throw new Error(`${label} failed (exit ${result.status}):\n${result.stderr}`);
    return { label, ...JSON.parse(readFileSync(statsFile, "utf8")) };
  });
}
