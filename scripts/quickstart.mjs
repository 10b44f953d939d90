// `npm run quickstart`: install (frozen lockfile), build, then convert the bundled MRI
// sample into every installed output format with the real `maskport` binary.
import { spawnSync } from "node:child_process";
import { pnpm, run } from "./pnpm.mjs";

pnpm("install", "--frozen-lockfile", "--reporter=silent");
pnpm("exec", "turbo", "run", "build", "--output-logs=errors-only");

const bin = "./node_modules/.bin/maskport";
const listed = spawnSync(bin, ["plugins", "--json"], { encoding: "utf8" });
if (listed.status !== 0) {
  console.error(listed.stderr || listed.stdout);
  process.exit(listed.status ?? 1);
}
const formats = JSON.parse(listed.stdout)
  // nifti stacks slices of NIfTI volumes back: it has nothing to stack from 2D masks (see below).
  .plugins.filter((plugin) => plugin.kind === "exporter" && !plugin.error && plugin.name !== "nifti")
  .map((plugin) => plugin.name);
const input = "examples/mri-brain-tumor/segmentation_mask";
console.log(`\nmaskport inspect ${input}\n`);
run(bin, ["inspect", input]);
console.log(`\nmaskport convert ${input} ${formats.map((f) => `--to ${f}`).join(" ")} --out out/quickstart\n`);
run(bin, ["convert", input, "--images", "examples/mri-brain-tumor/images", ...formats.flatMap((f) => ["--to", f]), "--out", "out/quickstart", "--force"]);

// A synthetic BraTS-like MRI volume (scripts/make-nifti-sample.mjs): sliced axially with its
// T1c slices as images into COCO and YOLO, and stacked back into a NIfTI volume.
const volume = "examples/brats-synthetic";
const niftiArgs = ["--nifti.labels", "brats2023", "--nifti.image", "t1c", "--to", "coco", "--to", "yolo", "--to", "nifti", "--out", "out/quickstart-nifti", "--force"];
console.log(`\nmaskport convert ${volume} ${niftiArgs.slice(0, -1).join(" ")}\n`);
run(bin, ["convert", volume, ...niftiArgs]);
console.log("\nDone: see out/quickstart/ and out/quickstart-nifti/");
