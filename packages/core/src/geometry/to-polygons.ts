import { MaskportError } from "../errors.ts";
import type { Bitmap } from "../types.ts";
import { attachHole } from "./bridge-holes.ts";
import { attachParts } from "./bridge-parts.ts";
import { compress, padToThree } from "./compress-ring.ts";
import { traceCrackRings } from "./crack-rings.ts";
import type { Attachment } from "./ring-points.ts";
import { placeSpokes } from "./place-spokes.ts";
import { emitRing } from "./splice-rings.ts";
import { simplifyRings } from "./simplify-rings.ts";
import type { PolygonOptions, Ring } from "./types.ts";

/**
 * Polygons for one bitmap (usually an instance crop), in the bitmap's own frame (add
 * bbox.x / bbox.y for image coordinates), aimed at the target's decoder:
 * - `"pycocotools"`: vertices on pixel corners; decodes exactly under pycocotools, holes and
 *   parts included (its scan toggles each pixel column once per horizontal edge, so a
 *   zero-width bridge, walked out and back, toggles twice and vanishes).
 * - `"fillpoly"`: integer pixel-centre vertices through the object's boundary pixels, so
 *   `cv2.fillPoly` (which draws the edges inclusively, then fills between them) gives back
 *   exactly the pixels of each part, holes included; 1-pixel parts and 1-pixel lines become
 *   degenerate rings, padded to at least 3 vertices (Ultralytics reads a line of ≤ 2 points
 *   as a box). A bridge between parts is drawn by fillPoly and may add background pixels:
 *   measure with {@link polygonFidelity}.
 * Holes are joined to their enclosing boundary by a vertical zero-width bridge through the
 * object's own pixels, up from the hole's top-left corner (or top-left boundary pixel).
 * With `parts: "bridge"` parts are joined one by one along the shortest vertex-to-vertex gap
 * that crosses no boundary (see attachParts); with `"separate"` each part is its own ring
 * (islands in holes too).
 * `tolerance` > 0 simplifies each boundary without changing its topology (see simplifyRings);
 * a negative or non-finite tolerance throws INVALID_OPTION, a malformed bitmap INVALID_MASK.
 */
export function toPolygons(bitmap: Bitmap, options: PolygonOptions): Ring[] {
  const tolerance = options.tolerance ?? 0;
  if (!Number.isFinite(tolerance) || tolerance < 0) {
    throw new MaskportError("INVALID_OPTION", `polygon tolerance must be a number of pixels ≥ 0, got ${tolerance}`);
  }
  const rings = traceCrackRings(bitmap);
  if (rings.count === 0) return [];
  const centre = options.target === "fillpoly";
  const attachments: Attachment[][] = Array.from({ length: rings.count }, () => []);
  for (let r = 0; r < rings.count; r++) {
    if (rings.hole[r] === 1) attachHole(rings, r, centre, attachments);
  }
  const outers: number[] = [];
  for (let r = 0; r < rings.count; r++) if (rings.hole[r] === 0) outers.push(r);
  if (options.parts === "bridge") attachParts(rings, outers, centre, attachments);
  const placed = placeSpokes(rings, attachments, centre);
  const roots = options.parts === "bridge" ? outers.slice(0, 1) : outers;
  let polygons = roots.map((root) => compress(emitRing(rings, root, centre, placed)));
  if (tolerance > 0) polygons = simplifyRings(polygons, tolerance);
  return centre ? polygons.map(padToThree) : polygons;
}

