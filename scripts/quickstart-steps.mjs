// The commands `npm run quickstart` runs (and prints), shared with the test that runs them.

/** Where the quick start writes. */
export const QUICKSTART_OUT = ["out/quickstart", "out/quickstart-nifti"];

/**
 * The maskport argument lists of the quick start, in order.
 * @param formats every installed exporter but nifti (it stacks NIfTI slices; 2D masks have none)
 */
export function quickstartSteps(formats) {
  const input = "examples/mri-brain-tumor/segmentation_mask";
  const images = "examples/mri-brain-tumor/images";
  return [
    ["inspect", input, "--images", images],
    ["convert", input, "--images", images, ...formats.flatMap((format) => ["--to", format]), "--out", QUICKSTART_OUT[0], "--force"],
    // A synthetic BraTS-like MRI volume (scripts/make-nifti-sample.mjs): sliced axially with its
    // T1c slices as images into COCO and YOLO, and stacked back into a NIfTI volume.
    ["convert", "examples/brats-synthetic", "--nifti.labels", "brats2023", "--nifti.image", "t1c", "--to", "coco", "--to", "yolo", "--to", "nifti", "--out", QUICKSTART_OUT[1], "--force"],
  ];
}

/** One shell word: kept bare when safe, else single-quoted. */
export function shellQuote(word) {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}
