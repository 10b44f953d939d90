/**
 * Loads one sample of an index-mask layout (semantic, nnU-Net, Decathlon): a gray class mask
 * whose values are label ids, optionally a gray instance mask, and the raw image beside them.
 */
import { assertSameSize, classValuesFromImage, decodePng, fileNamer, fileSourceOf, instancesFromRasters, MaskportError, namedSource, objectRasterFromImage, readImageInfo } from "@maskport/core";
import type { Dataset, ImageRef, ImportContext, Labelmap, Sample } from "@maskport/core";

/** One sample as plain data (paths of the source, as the importer found them), so a worker can load it. */
export interface IndexRef {
  readonly id: string;
  readonly subset: string;
  /** The class index mask. */
  readonly mask: string;
  /** The instance mask, when the layout has one. */
  readonly instances?: string;
  readonly image?: ImageRef;
}

/**
 * Reads a ref's masks through `context.files` and turns them into instances: one per instance
 * number when there is an instance mask (labelled by the class under it), else one per
 * connected component of each class.
 * @throws MaskportError for unreadable PNGs, values that are no label id (naming the pixel), masks
 *   of different sizes, and a raw image whose size is not the mask's
 */
export async function loadIndexSample(ref: IndexRef, labelmap: Labelmap, connectivity: 4 | 8, context: Pick<ImportContext, "report" | "files">): Promise<Sample> {
  const files = fileSourceOf({ files: context.files });
  const name = fileNamer({ files: context.files });
  const mask = name(ref.mask);
  const classImage = decodePng(await files.read(ref.mask), mask);
  const classes = classValuesFromImage(classImage, labelmap, mask);
  let objects: Int32Array | undefined;
  if (ref.instances !== undefined) {
    const instancesFile = name(ref.instances);
    const objectImage = decodePng(await files.read(ref.instances), instancesFile);
    assertSameSize(classImage, objectImage, mask, instancesFile);
    objects = objectRasterFromImage(objectImage, instancesFile).data;
  }
  const { width, height } = classImage;
  if (ref.image !== undefined) {
    const { size } = await readImageInfo(namedSource(files, name), ref.image.path);
    if (size !== undefined && (size.width !== width || size.height !== height)) {
      throw new MaskportError("IMAGE_SIZE_MISMATCH", `image is ${size.width}×${size.height} but its mask ${mask} is ${width}×${height}`, {
        file: name(ref.image.path),
        sampleId: ref.id,
      });
    }
  }
  const { instances, diagnostics } = instancesFromRasters({
    width,
    height,
    classRaster: classes,
    ...(objects === undefined ? {} : { objectRaster: objects }),
    labelmap,
    connectivity,
    sampleId: ref.id,
    file: mask,
  });
  for (const diagnostic of diagnostics) context.report({ ...diagnostic, file: mask });
  return { id: ref.id, subset: ref.subset, width, height, ...(ref.image === undefined ? {} : { image: ref.image }), instances };
}

/** The connectivity option as 4 or 8. @throws MaskportError INVALID_OPTION */
export function connectivityOf(value: number, plugin: string): 4 | 8 {
  if (value !== 4 && value !== 8) throw new MaskportError("INVALID_OPTION", `--${plugin}.connectivity must be 4 or 8, not ${value}`, { plugin });
  return value;
}

/**
 * The dataset of an index layout from its listed refs.
 * @param empty what to say, about which file, when nothing was listed
 * @throws MaskportError EMPTY_DATASET when `refs` is empty
 */
export function indexDataset(labelmap: Labelmap, subsets: readonly string[], refs: readonly IndexRef[], load: (ref: IndexRef) => Promise<Sample>, empty: { readonly message: string; readonly file: string }): Dataset<IndexRef> {
  if (refs.length === 0) throw new MaskportError("EMPTY_DATASET", empty.message, { file: empty.file });
  return {
    labelmap,
    subsets,
    size: refs.length,
    async *refs() {
      yield* refs;
    },
    load,
  };
}
