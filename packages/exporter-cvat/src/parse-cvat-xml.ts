/**
 * Reads a CVAT for images 1.1 `annotations.xml` into plain data: the labels of `<meta>` and
 * each `<image>` with its shape elements' raw attributes. Pixels are decoded later, one
 * sample at a time (see decode-cvat-shape.ts).
 */
import { MaskportError } from "@maskport/core";
import type { XMLParser } from "fast-xml-parser";
import { fastXml } from "./fast-xml.ts";

/** One label declared in `<meta>`. */
export interface CvatXmlLabel {
  readonly name: string;
  /** `#rrggbb` as written, when present. */
  readonly color: string | undefined;
  /** Parent label name: set for skeleton points, which are not mask labels. */
  readonly parent: string | undefined;
}

/** One shape element (`mask`, `polygon`, `box`, …) with its attributes as strings. */
export interface CvatXmlShape {
  readonly kind: string;
  readonly attributes: Readonly<Record<string, string>>;
}

/** One `<image>` element. */
export interface CvatXmlImage {
  readonly attributes: Readonly<Record<string, string>>;
  readonly shapes: readonly CvatXmlShape[];
}

/** A parsed annotations.xml. */
export interface CvatXml {
  readonly labels: readonly CvatXmlLabel[];
  /** `<meta><task><subset>` (or job's), when written. */
  readonly subset: string | undefined;
  readonly images: readonly CvatXmlImage[];
  /** Number of `<track>` elements (interpolation mode), which maskport does not read. */
  readonly tracks: number;
}

/**
 * Parses annotations.xml text. Hostile documents are refused as the input's fault, in time
 * and memory linear in the text: external entities (`<!ENTITY x SYSTEM "file:///etc/passwd">`,
 * never read), internal ones past fast-xml-parser's limits (count, size, expanded length), and
 * elements nested deeper than {@link MAX_DEPTH}.
 * @throws MaskportError `INVALID_INPUT` naming the file (and line) when it is not well-formed
 *   XML, is refused as above, or has no `<annotations>` root
 */
export function parseCvatXml(text: string, file: string): CvatXml {
  // CVAT never writes a DOCTYPE; one that declares entities (billion laughs, external files) is refused unread.
  const doctype = text.search(/<!DOCTYPE/i);
  if (doctype >= 0 && text.indexOf("<!ENTITY", doctype) >= 0) {
    throw new MaskportError("INVALID_INPUT", "the <!DOCTYPE> declares entities (<!ENTITY>), which are not read", {
      file,
      line: lineOf(text, doctype),
      hint: "The file is at fault, not maskport: CVAT never writes a <!DOCTYPE>, and its entities could expand without bound or read another file. Remove the DOCTYPE.",
    });
  }
  const valid = fastXml.get().XMLValidator.validate(text);
  if (valid !== true) {
    throw new MaskportError("INVALID_INPUT", `not well-formed XML: ${valid.err.msg}`, { file, line: valid.err.line });
  }
  let root: Node[];
  try {
    root = parser().parse(text) as Node[];
  } catch (error) {
    // Well-formed (validated above), so what the parser refuses with a plain Error is in the
    // document itself; a TypeError or the like stays a bug.
    if (!(error instanceof Error) || error.constructor !== Error) throw error;
    throw new MaskportError("INVALID_INPUT", `refused by the XML reader: ${error.message}`, {
      file,
      cause: error,
      hint: /<!DOCTYPE/i.test(text)
        ? "The file is at fault, not maskport: CVAT never writes a <!DOCTYPE>; its entities are not read (an external one would read another file). Remove the DOCTYPE."
        : `The file is at fault, not maskport: CVAT nests elements a few levels deep, and more than ${MAX_DEPTH} levels are refused.`,
    });
  }
  const annotations = children(root, "annotations")[0];
  if (annotations === undefined) throw new MaskportError("INVALID_INPUT", "no <annotations> root element: not a CVAT for images XML file", { file });
  const body = childNodes(annotations, "annotations");
  const meta = children(body, "meta")[0];
  const owner = meta === undefined ? undefined : firstOf(childNodes(meta, "meta"), ["task", "job", "project"]);
  const labelsNode = owner === undefined ? undefined : children(childNodes(owner.node, owner.tag), "labels")[0];
  const labels = labelsNode === undefined ? [] : children(childNodes(labelsNode, "labels"), "label").map((label) => parseLabel(childNodes(label, "label")));
  const subsetNode = owner === undefined ? undefined : children(childNodes(owner.node, owner.tag), "subset")[0];
  const images: CvatXmlImage[] = [];
  let tracks = 0;
  for (const node of body) {
    if ("image" in node) {
      const shapes: CvatXmlShape[] = [];
      for (const child of childNodes(node, "image")) {
        const kind = tagOf(child);
        if (kind !== undefined) shapes.push({ kind, attributes: attributesOf(child) });
      }
      images.push({ attributes: attributesOf(node), shapes });
    } else if ("track" in node) tracks++;
  }
  return { labels, subset: subsetNode === undefined ? undefined : textOf(childNodes(subsetNode, "subset")), images, tracks };
}

// --- internal ---

function lineOf(text: string, index: number): number {
  let line = 1;
  for (let i = text.indexOf("\n"); i >= 0 && i < index; i = text.indexOf("\n", i + 1)) line++;
  return line;
}

type Node = Record<string, unknown>;

/** Deepest element nesting read: CVAT writes fewer than ten levels (annotations/meta/task/labels/label/attributes/attribute is 7). */
const MAX_DEPTH = 100;

let parserInstance: XMLParser | undefined;
const parser = (): XMLParser => (parserInstance ??= new (fastXml.get().XMLParser)(PARSER_OPTIONS));

const PARSER_OPTIONS: ConstructorParameters<typeof XMLParser>[0] = {
  ignoreAttributes: false,
  attributeNamePrefix: "",
  preserveOrder: true,
  parseAttributeValue: false,
  parseTagValue: false,
  // Label names keep their spaces; whitespace between elements is skipped below.
  trimValues: false,
  // Decodes numeric character references such as &#10; (CVAT escapes newlines so).
  htmlEntities: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  maxNestedTags: MAX_DEPTH,
};

function tagOf(node: Node): string | undefined {
  for (const key of Object.keys(node)) if (key !== ":@" && key !== "#text" && key !== "#comment") return key;
  return undefined;
}

function childNodes(node: Node, tag: string): Node[] {
  const value = node[tag];
  return Array.isArray(value) ? (value as Node[]) : [];
}

function children(nodes: Node[], tag: string): Node[] {
  return nodes.filter((node) => tag in node);
}

function firstOf(nodes: Node[], tags: readonly string[]): { tag: string; node: Node } | undefined {
  for (const node of nodes) {
    const tag = tagOf(node);
    if (tag !== undefined && tags.includes(tag)) return { tag, node };
  }
  return undefined;
}

function attributesOf(node: Node): Record<string, string> {
  const attributes = node[":@"];
  return typeof attributes === "object" && attributes !== null ? (attributes as Record<string, string>) : {};
}

function textOf(nodes: Node[]): string {
  let text = "";
  for (const node of nodes) if (typeof node["#text"] === "string") text += node["#text"];
  return text;
}

function parseLabel(nodes: Node[]): CvatXmlLabel {
  const field = (tag: string): string | undefined => {
    const node = children(nodes, tag)[0];
    return node === undefined ? undefined : textOf(childNodes(node, tag));
  };
  return { name: field("name") ?? "", color: field("color")?.trim(), parent: field("parent") };
}
