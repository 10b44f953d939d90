/** The `semantic` layout's folder names. */

/** Class index masks: `masks/<sample id>.png`. */
export const MASKS_DIR = "masks";
/** Instance masks: `instances/<sample id>.png`. */
export const INSTANCES_DIR = "instances";
/** Per-label binary masks: `binary/<label>/<sample id>.png`. */
export const BINARY_DIR = "binary";
/** Raw images: `images/<sample id>.<ext>`. */
export const IMAGES_DIR = "images";
/** Sample ids of each subset: `splits/<subset>.txt`. */
export const SPLITS_DIR = "splits";
