import type { SampleInfo } from "../types.ts";

/**
 * The file name an exporter gives a sample's raw image: `image.fileName` when the file was
 * found (the file that is copied), else the name the input gives it (`imageName`), else
 * undefined, when the exporter makes one up (`<id>.<imageExtension>`).
 */
export function imageFileName(sample: Pick<SampleInfo, "image" | "imageName">): string | undefined {
  return sample.image?.fileName ?? sample.imageName;
}
