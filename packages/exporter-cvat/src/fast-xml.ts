import { onFirstUse } from "@maskport/core/on-first-use";

/**
 * fast-xml-parser, loaded when XML is first read or written rather than whenever the package
 * is imported (see onFirstUse): encode workers and the CLI's plugin discovery import this
 * package and never touch XML.
 */
export const fastXml = onFirstUse<typeof import("fast-xml-parser")>(import.meta.url, "fast-xml-parser");
