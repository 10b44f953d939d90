import type { FileSource } from "@maskport/core";
import { isRecord } from "./json-guards.ts";

/** Which importer of this package a `.json` file is for. */
export type JsonFileShape = "coco" | "sa1b";

/**
 * What a `.json` file holds, judged on its first MiB so that the `coco` and `sa1b` importers
 * never both claim a file: an SA-1B file is an object with an `image` object and an
 * `annotations` list and none of COCO's `images` or `categories` lists; a COCO instances file
 * is any other object with an `images`, `annotations` or `categories` list. A file that fits in
 * that MiB and parses is judged on its top-level keys; a larger or malformed one on the keys
 * its head names (so the importer can still report where the JSON breaks). Never throws:
 * undefined for other files, folders and missing paths.
 */
export async function jsonFileShape(files: FileSource, path: string): Promise<JsonFileShape | undefined> {
  try {
    if (!path.toLowerCase().endsWith(".json")) return undefined;
    if ((await files.kind(path)) !== "file") return undefined;
    // One byte more than the head tells whether the file is longer.
    const bytes = await files.read(path, HEAD_BYTES + 1);
    // As Buffer's toString: invalid bytes become U+FFFD, a byte-order mark stays.
    const head = new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes.subarray(0, HEAD_BYTES));
    if (bytes.length <= HEAD_BYTES) {
      const parsed = parsedOrUndefined(head);
      if (parsed !== undefined) return shapeOfValue(parsed.value);
    }
    return shapeOfHead(head);
  } catch {
    return undefined;
  }
}

// --- internal ---

const HEAD_BYTES = 1 << 20;

function parsedOrUndefined(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) };
  } catch {
    return undefined;
  }
}

function shapeOfValue(root: unknown): JsonFileShape | undefined {
  if (!isRecord(root)) return undefined;
  const cocoLists = Array.isArray(root.images) || Array.isArray(root.categories);
  if (!cocoLists && isRecord(root.image) && Array.isArray(root.annotations)) return "sa1b";
  return cocoLists || Array.isArray(root.annotations) ? "coco" : undefined;
}

function shapeOfHead(head: string): JsonFileShape | undefined {
  if (!/^\s*\{/.test(head)) return undefined;
  const cocoLists = /"(images|categories)"\s*:\s*\[/.test(head);
  const annotations = /"annotations"\s*:\s*\[/.test(head);
  if (!cocoLists && annotations && /"image"\s*:\s*\{/.test(head)) return "sa1b";
  return cocoLists || annotations ? "coco" : undefined;
}
