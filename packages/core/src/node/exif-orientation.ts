import { open } from "node:fs/promises";
import { jpegOrientation } from "../files/exif-orientation.ts";

export { jpegOrientation } from "../files/exif-orientation.ts";

/** {@link jpegOrientation} of a file's first 64 KiB (where EXIF lives: APP1 is at most 64 KiB). */
export async function readJpegOrientation(file: string): Promise<number | undefined> {
  const handle = await open(file, "r");
  try {
    const head = new Uint8Array(65_600);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return jpegOrientation(head.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}
