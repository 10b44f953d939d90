/**
 * Serialises CVAT for images 1.1 XML in pieces — the header (declaration, `<version>`,
 * `<meta>`), one `<image>` element at a time, and the footer — so an export streams and a
 * large dataset never sits in memory as one string. Every element is built and escaped by
 * fast-xml-parser's XMLBuilder.
 */
import type { XMLBuilder } from "fast-xml-parser";
import { CVAT_XML_VERSION, formatPoints, formatRle, XML_DECLARATION, type CvatShape } from "./cvat-format.ts";
import { fastXml } from "./fast-xml.ts";

/** One label as `<meta>` lists it. */
export interface CvatMetaLabel {
  readonly name: string;
  /** `#rrggbb`. */
  readonly color: string;
  /** CVAT label type: `mask`, `polygon` or `any`. */
  readonly type: string;
}

/** What the `<meta><task>` block says. */
export interface CvatTaskMeta {
  readonly name: string;
  /** The task's subset (`default` for a plain task). */
  readonly subset: string;
  /** Written in `<created>`, `<updated>` and `<dumped>`. */
  readonly timestamp: string;
  readonly labels: readonly CvatMetaLabel[];
}

/** The attributes of one `<image>` element. */
export interface CvatImageAttributes {
  /** Frame index, 0-based, in output order. */
  readonly id: number;
  /** Frame path with extension, sub-folders kept. */
  readonly name: string;
  /** Written only for multi-subset exports, as CVAT's project exports do. */
  readonly subset?: string;
  readonly width: number;
  readonly height: number;
}

/**
 * The text before the first `<image>`: declaration, root, version and meta (labels with
 * colour and type). Ends with a newline.
 */
export function buildCvatHeader(meta: CvatTaskMeta): string {
  const task: Node[] = [
    textNode("id", "0"),
    textNode("name", meta.name),
    textNode("mode", "annotation"),
    textNode("overlap", "0"),
    textNode("bugtracker", ""),
    textNode("created", meta.timestamp),
    textNode("updated", meta.timestamp),
    textNode("subset", meta.subset),
    textNode("labels", undefined, meta.labels.map(labelNode)),
  ];
  const metaXml = build([element("meta", [element("task", task), textNode("dumped", meta.timestamp)])]);
  return `${XML_DECLARATION}\n<annotations>\n  <version>${CVAT_XML_VERSION}</version>\n${indent(metaXml)}`;
}

/** One `<image>` element with its shapes, indented one level, ending with a newline. */
export function buildCvatImage(image: CvatImageAttributes, shapes: readonly CvatShape[]): string {
  const attributes: Record<string, string> = { "@_id": String(image.id), "@_name": image.name };
  // CVAT's project exports put subset (and task_id) between name and width.
  if (image.subset !== undefined) attributes["@_subset"] = image.subset;
  attributes["@_width"] = String(image.width);
  attributes["@_height"] = String(image.height);
  return indent(build([{ image: shapes.map(shapeNode), ":@": attributes }]));
}

/** The text after the last `<image>`. */
export const CVAT_FOOTER = "</annotations>\n";

// --- internal ---

/** fast-xml-parser's ordered-tree node: `{ tag: children, ":@": attributes }`. */
type Node = Record<string, unknown>;

// XML attribute-value normalisation turns a raw newline or tab into a space on reading, so
// CVAT's writer (Python SAX) emits them as character references; the builder's default
// entity list lacks them. `&` must stay first.
const ENTITIES = [
  { regex: /&/g, val: "&amp;" },
  { regex: />/g, val: "&gt;" },
  { regex: /</g, val: "&lt;" },
  { regex: /'/g, val: "&apos;" },
  { regex: /"/g, val: "&quot;" },
  { regex: /\n/g, val: "&#10;" },
  { regex: /\r/g, val: "&#13;" },
  { regex: /\t/g, val: "&#9;" },
];

let builderInstance: XMLBuilder | undefined;
const builder = (): XMLBuilder => (builderInstance ??= new (fastXml.get().XMLBuilder)(BUILDER_OPTIONS));

// `entities` is an accepted builder option that the published typings do not declare.
const BUILDER_OPTIONS = {
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  format: true,
  indentBy: "  ",
  suppressEmptyNode: false,
  preserveOrder: true,
  entities: ENTITIES,
} as ConstructorParameters<typeof XMLBuilder>[0];

function build(nodes: Node[]): string {
  // With preserveOrder the builder starts each top-level element on a new line.
  return builder().build(nodes).replace(/^\n/, "");
}

/** Prefixes every line with two spaces (safe: newlines inside values are escaped). */
function indent(xml: string): string {
  return `${xml.replace(/^(?=.)/gm, "  ")}\n`;
}

function element(tag: string, children: Node[]): Node {
  return { [tag]: children };
}

function textNode(tag: string, text: string | undefined, children: Node[] = []): Node {
  return { [tag]: text === undefined || text === "" ? children : [{ "#text": text }] };
}

function labelNode(label: CvatMetaLabel): Node {
  return element("label", [textNode("name", label.name), textNode("color", label.color), textNode("type", label.type), textNode("attributes", "")]);
}

function shapeNode(shape: CvatShape): Node {
  if (shape.type === "mask") {
    return {
      mask: [],
      ":@": {
        "@_label": shape.label,
        "@_source": "manual",
        "@_occluded": "0",
        "@_rle": formatRle(shape.runs),
        "@_left": String(shape.left),
        "@_top": String(shape.top),
        "@_width": String(shape.width),
        "@_height": String(shape.height),
        "@_z_order": "0",
      },
    };
  }
  return {
    polygon: [],
    ":@": { "@_label": shape.label, "@_source": "manual", "@_occluded": "0", "@_points": formatPoints(shape.points), "@_z_order": "0" },
  };
}
