export { fileSourceOf, type FileSource, type FolderEntry, type PathKind } from "./file-source.ts";
export { blobFileSource, type PickedFile } from "./blob-files.ts";
export { IMAGE_EXTENSION, listFiles, listFolders, MASK_EXTENSION, stripExtension } from "./list-files.ts";
export { imageFormatOf, imageInfo, imageSizeOf, readImageInfo, type ImageFormat, type ImageInfo } from "./image-size.ts";
export { readText } from "./read-text.ts";
export * as paths from "./paths.ts";
export { jpegOrientation } from "./exif-orientation.ts";
export { fileNamer, folderOrFile, joinKeepingSlash, namedSource, pathExists, resolveFrom } from "./importer-files.ts";
