import { lazyDependency } from "@maskport/core";
/**
 * fast-xml-parser, loaded when XML is first read or written rather than whenever the package
 * is imported: encode workers and the CLI's plugin discovery import this package and never
 * touch XML. `get()` gives it (in Node, required then); outside Node, `load()` it first.
 */
export const fastXml = lazyDependency<typeof import("fast-xml-parser")>(import.meta.url, "fast-xml-parser", () => import("fast-xml-parser"));
