/** Builds maskport's labelmap from the labels a CVAT XML file declares in `<meta>`. */
import { findBackgroundId, MaskportError, vocColor } from "@maskport/core";
import type { Label, Labelmap, Rgb } from "@maskport/core";
import type { CvatXmlLabel } from "./parse-cvat-xml.ts";

/**
 * CVAT-dialect labelmap of the declared labels in file order, with `background` (0,0,0)
 * inserted first when no label has that name — as CVAT's make_colormap does before writing
 * masks. Ids are the 0-based positions. Skeleton point labels (those with a parent) are left
 * out: skeletons carry no pixels.
 * @throws MaskportError `LABELMAP_BAD_COLOR` or `LABELMAP_DUPLICATE_NAME`, naming the file
 */
export function labelmapFromCvatLabels(declared: readonly CvatXmlLabel[], file: string): Labelmap {
  const own = declared.filter((label) => label.parent === undefined);
  const entries: { name: string; color: Rgb | undefined }[] = own.map((label) => ({ name: label.name, color: parseHexColor(label, file) }));
  if (!entries.some((entry) => entry.name === "background")) entries.unshift({ name: "background", color: [0, 0, 0] });
  const seen = new Set<string>();
  const labels: Label[] = entries.map((entry, id) => {
    if (seen.has(entry.name)) {
      throw new MaskportError("LABELMAP_DUPLICATE_NAME", `label "${entry.name}" is declared twice in <meta>`, { file });
    }
    seen.add(entry.name);
    // A label without a colour (hand-written files) gets a VOC palette colour: stable and distinct.
    return { id, name: entry.name, color: entry.color ?? vocColor(id), parts: [], actions: [] };
  });
  // CVAT's rule: the first black label, else the label named background.
  return { labels, backgroundId: findBackgroundId(labels), dialect: "cvat" };
}

// --- internal ---

function parseHexColor(label: CvatXmlLabel, file: string): Rgb | undefined {
  if (label.color === undefined || label.color === "") return undefined;
  const match = /^#([0-9a-fA-F]{2})([0-9a-fA-F]{2})([0-9a-fA-F]{2})$/.exec(label.color);
  if (match === null) {
    throw new MaskportError("LABELMAP_BAD_COLOR", `label "${label.name}" has colour "${label.color}", expected #rrggbb`, { file });
  }
  return [Number.parseInt(match[1] as string, 16), Number.parseInt(match[2] as string, 16), Number.parseInt(match[3] as string, 16)];
}
