/** Turns the shapes of one CVAT `<image>` into maskport instances. */
import type { ImportContext, Instance, Labelmap } from "@maskport/core";
import { cropUnion, decodeMaskShape, decodePolygon, parsePoints, type PlacedBitmap, type ShapeLocation } from "./decode-cvat-shape.ts";
import type { CvatXmlImage } from "./parse-cvat-xml.ts";

/** The frame an `<image>` describes. */
export interface ImageFrame {
  /** Sample id (frame path without extension). */
  readonly id: string;
  readonly width: number;
  readonly height: number;
  /** `image "a.png" (id 3)`, for messages. */
  readonly where: string;
}

/**
 * Decodes one `<image>`'s `<mask>` and `<polygon>` shapes into instances: tight crops, in
 * CVAT's paint order (stable by z_order), shapes sharing a non-zero group_id merged into one
 * instance with the label of its largest member. Other shape kinds are reported once per kind
 * (SHAPE_SKIPPED); shapes with an undeclared label or no pixel in the image are reported
 * (INSTANCE_DROPPED); a `<mask>` with set pixels outside the image is clipped (MASK_MODIFIED).
 * @throws MaskportError `INVALID_MASK` / `INVALID_INPUT` for malformed shapes, naming file and image
 */
export function decodeImageInstances(image: CvatXmlImage, entry: ImageFrame, labelmap: Labelmap, file: string, context: ImportContext): Instance[] {
  const labelIds = new Map(labelmap.labels.map((label) => [label.name, label.id]));
  const where: ShapeLocation = { file, image: entry.where };
  const skipped = new Map<string, number>();
  const members: Member[] = [];
  const report = (message: string): void => context.report({ severity: "warning", code: "INSTANCE_DROPPED", sampleId: entry.id, file, message });
  image.shapes.forEach((shape, order) => {
    if (!READ_KINDS.has(shape.kind)) {
      skipped.set(shape.kind, (skipped.get(shape.kind) ?? 0) + 1);
      return;
    }
    const labelName = shape.attributes.label ?? "";
    const label = labelIds.get(labelName);
    if (label === undefined) {
      report(`${entry.where}: <${shape.kind}> has label "${labelName}", which <meta> does not declare; skipped`);
      return;
    }
    let placed: PlacedBitmap;
    if (shape.kind === "mask") {
      const mask = decodeMaskShape(shape.attributes, where, entry);
      placed = mask;
      if (mask.outside > 0 && mask.bitmap.data.length > 0) {
        context.report({
          severity: "warning",
          code: "MASK_MODIFIED",
          sampleId: entry.id,
          file,
          message: `${entry.where}: <mask label="${labelName}"> has ${mask.outside} set pixel(s) outside the ${entry.width}×${entry.height} image; clipped to the image`,
        });
      }
    } else {
      const points = parsePoints(shape.attributes.points ?? "", where);
      if (points.length < 3) {
        report(`${entry.where}: <polygon label="${labelName}"> has ${points.length} point(s), a polygon needs 3; skipped`);
        return;
      }
      placed = decodePolygon(points, entry.width, entry.height);
    }
    const zOrder = Number.parseInt(shape.attributes.z_order ?? "0", 10);
    const group = Number.parseInt(shape.attributes.group_id ?? "0", 10);
    members.push({ label, zOrder: Number.isFinite(zOrder) ? zOrder : 0, group: Number.isFinite(group) ? group : 0, order, placed });
  });
  for (const [kind, count] of skipped) {
    context.report({
      severity: "warning",
      code: "SHAPE_SKIPPED",
      sampleId: entry.id,
      file,
      message: `${entry.where}: ${count} <${kind}> shape(s) skipped: maskport reads <mask> and <polygon> only`,
    });
  }

  // CVAT paints in z_order, stably; a group is one instance at its first member's place.
  members.sort((a, b) => a.zOrder - b.zOrder || a.order - b.order);
  const groups: Member[][] = [];
  const byGroup = new Map<number, Member[]>();
  for (const member of members) {
    if (member.group === 0) groups.push([member]);
    else {
      let group = byGroup.get(member.group);
      if (group === undefined) {
        group = [];
        byGroup.set(member.group, group);
        groups.push(group);
      }
      group.push(member);
    }
  }

  const instances: Instance[] = [];
  for (const group of groups) {
    const crop = cropUnion(
      group.map((member) => member.placed),
      entry.width,
      entry.height,
    );
    if (crop === undefined) {
      report(`${entry.where}: a shape of label "${labelmap.labels.find((l) => l.id === group[0]?.label)?.name ?? ""}" covers no pixel of the image; skipped`);
      continue;
    }
    instances.push({ label: largestMemberLabel(group, entry), instanceId: instances.length + 1, ...crop });
  }
  return instances;
}

// --- internal ---

const READ_KINDS = new Set(["mask", "polygon"]);

interface Member {
  readonly label: number;
  readonly zOrder: number;
  readonly group: number;
  readonly order: number;
  readonly placed: PlacedBitmap;
}

/** CVAT's MergeInstanceSegments: the group takes the label of its largest member. */
function largestMemberLabel(group: readonly Member[], entry: ImageFrame): number {
  if (group.length === 1) return (group[0] as Member).label;
  let best = group[0] as Member;
  let bestArea = -1;
  for (const member of group) {
    const area = cropUnion([member.placed], entry.width, entry.height)?.area ?? 0;
    if (area > bestArea) {
      best = member;
      bestArea = area;
    }
  }
  return best.label;
}
