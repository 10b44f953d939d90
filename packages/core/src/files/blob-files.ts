import type { FileSource, FolderEntry, PathKind } from "./file-source.ts";
import { normalize as normalizePath } from "./paths.ts";

/** A file picked in a browser (a `File` is a `Blob`), at its `/`-separated path. */
export interface PickedFile {
  /** Absolute: `/` + the browser's `webkitRelativePath` (`/segmentation_mask/labelmap.txt`). */
  readonly path: string;
  readonly blob: Blob;
}

/**
 * A {@link FileSource} over files held in memory or picked in a browser: folders are the paths'
 * prefixes, nothing is a link. Messages name files without the leading `/`, as the user picked them.
 */
export function blobFileSource(files: Iterable<PickedFile>): FileSource {
  const blobs = new Map<string, Blob>();
  const folders = new Map<string, Map<string, PathKind>>([["/", new Map()]]);
  for (const { path, blob } of files) {
    const clean = normalize(path);
    if (clean === "/") continue;
    blobs.set(clean, blob);
    let child = clean;
    let kind: PathKind = "file";
    while (child !== "/") {
      const parent = child.slice(0, Math.max(1, child.lastIndexOf("/")));
      let entries = folders.get(parent);
      if (entries === undefined) folders.set(parent, (entries = new Map()));
      const known = entries.has(child.slice(child.lastIndexOf("/") + 1));
      entries.set(child.slice(child.lastIndexOf("/") + 1), kind);
      if (known) break;
      child = parent;
      kind = "folder";
    }
  }
  return {
    async kind(path) {
      const clean = normalize(path);
      return blobs.has(clean) ? "file" : folders.has(clean) ? "folder" : undefined;
    },
    async *list(dir) {
      const entries = folders.get(normalize(dir));
      if (entries === undefined) throw Object.assign(new Error(`no such folder: ${dir}`), { code: "ENOENT" });
      for (const [name, kind] of entries) yield { name, kind, linked: false } satisfies FolderEntry;
    },
    async folderKey(dir) {
      const clean = normalize(dir);
      return folders.has(clean) ? clean : undefined;
    },
    async read(path, length) {
      const blob = blobs.get(normalize(path));
      if (blob === undefined) throw Object.assign(new Error(`no such file: ${path}`), { code: "ENOENT" });
      return new Uint8Array(await (length === undefined ? blob : blob.slice(0, length)).arrayBuffer());
    },
    resolve: normalize,
    show(path) {
      const clean = normalize(path);
      return clean === "/" ? "." : clean.slice(1);
    },
  };
}

/** Absolute and normalised: picked paths hang off `/`, relative ones too. */
function normalize(path: string): string {
  return normalizePath(`/${path}`);
}
