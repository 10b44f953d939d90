/**
 * How the medical dataset layouts (nnU-Net v2, the Decathlon) split samples: by the input's
 * subset name, and what a sample without a raw image becomes.
 */
import { MaskportError, type EncodeContext, type Sample } from "@maskport/core";

/** Where a sample goes: training cases (`imagesTr`), the validation list, or the test cases (`imagesTs`). */
export type Role = "training" | "validation" | "test";

/** `val`, `valid`, `validation` → validation; `test` → test (any case); every other subset trains. */
export function roleOf(subset: string): Role {
  const name = subset.toLowerCase();
  if (name === "val" || name === "valid" || name === "validation") return "validation";
  return name === "test" ? "test" : "training";
}

/** What to do with a sample that has no raw image. */
export type MissingImage = "error" | "skip";

/**
 * True when the sample has a raw image; else reports it (`skip`) and returns false, or throws.
 * @throws MaskportError IMAGE_MISSING under `error`: a training case needs its image
 */
export function hasImage(sample: Sample, missingImage: MissingImage, context: EncodeContext, plugin: string): boolean {
  if (sample.image !== undefined) return true;
  const found = sample.imageName === undefined ? "" : ` (the input names "${sample.imageName}", which was not found)`;
  const why = `sample "${sample.id}" has no raw image${found}, and a ${plugin === "nnunet" ? "nnU-Net" : "Decathlon"} case needs one`;
  if (missingImage === "skip") {
    context.report({ severity: "warning", code: "IMAGE_MISSING", message: `${why}; skipped` });
    return false;
  }
  throw new MaskportError("IMAGE_MISSING", why, {
    sampleId: sample.id,
    plugin,
    hint: `Give the images with --images <folder>, or skip such samples with --${plugin}.missingImage=skip.`,
  });
}

/** JSON text of a value on one line, for records streamed into a JSON file. */
export function jsonOf(value: unknown): string {
  return JSON.stringify(value);
}
