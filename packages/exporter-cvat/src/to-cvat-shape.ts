/**
 * Turns one instance into one CVAT shape — a lossless `<mask>`, or a pixel-corner
 * `<polygon>` — and measures how faithfully CVAT will decode it.
 */
import { compareBitmaps, decodeCvatRle, encodeCvatRle, polygonFidelity, toPolygons, traceBoundaries } from "@maskport/core";
import type { Fidelity, Instance, InstanceFidelity, Ring } from "@maskport/core";
import type { CvatShape } from "./cvat-format.ts";

/** How instances become shapes. */
export interface ShapeOptions {
  /** `mask`: lossless `<mask>` RLE. `polygon`: `<polygon>` where CVAT can hold it. */
  readonly shapes: "mask" | "polygon";
  /**
   * Polygon mode only. CVAT polygons have no holes and one outline: an instance with holes
   * or several parts becomes a `<mask>` (`mask`) or one outline joined by zero-width
   * bridges (`bridge`).
   */
  readonly complex: "mask" | "bridge";
  /** Polygon simplification tolerance in pixels; 0 keeps every corner (exact). */
  readonly tolerance: number;
}

/** A shape and its measured fidelity. */
export interface EncodedShape {
  readonly shape: CvatShape;
  readonly fidelity: InstanceFidelity;
}

/** Encodes a non-empty instance whose label is `labelName`. Coordinates are image pixels. */
export function toCvatShape(instance: Instance, labelName: string, options: ShapeOptions): EncodedShape {
  if (options.shapes === "polygon") {
    const complex = isComplex(instance);
    if (!complex || options.complex === "bridge") {
      const polygon = toPolygonShape(instance, labelName, options.tolerance, complex);
      if (polygon !== undefined) return polygon;
    }
  }
  return toMaskShape(instance, labelName);
}

// --- internal ---

function toMaskShape(instance: Instance, label: string): EncodedShape {
  const { bitmap, bbox } = instance;
  const runs = encodeCvatRle(bitmap);
  // Decoding what was written makes the reported fidelity a measurement, not a promise.
  const decoded = decodeCvatRle(runs, bitmap.width, bitmap.height);
  return {
    shape: { type: "mask", label, runs, left: bbox.x, top: bbox.y, width: bitmap.width, height: bitmap.height },
    fidelity: describe(instance, compareBitmaps(bitmap, decoded), "mask"),
  };
}

function toPolygonShape(instance: Instance, label: string, tolerance: number, bridged: boolean): EncodedShape | undefined {
  const rings = toPolygons(instance.bitmap, { target: "pycocotools", parts: "bridge", tolerance });
  const ring = rings[0];
  // A ring needs 3 vertices (pycocotools reads fewer numbers as a box); otherwise keep the mask.
  if (rings.length !== 1 || ring === undefined || ring.length < 3) return undefined;
  // Round as the file will (2 decimals) before measuring, so the fidelity is of what is written.
  const written: Ring = ring.map(([x, y]) => [round2(x), round2(y)] as const);
  const points: number[] = [];
  for (const [x, y] of written) points.push(x + instance.bbox.x, y + instance.bbox.y);
  const fidelity = polygonFidelity(instance.bitmap, [written], "pycocotools");
  return { shape: { type: "polygon", label, points }, fidelity: describe(instance, fidelity, bridged ? "polygon (bridged)" : "polygon") };
}

/** Whether an instance has a hole or more than one part (not one plain CVAT polygon). */
function isComplex(instance: Instance): boolean {
  let outers = 0;
  for (const ring of traceBoundaries(instance.bitmap)) {
    if (ring.hole) return true;
    outers++;
  }
  return outers > 1;
}

function describe(instance: Instance, fidelity: Fidelity, encoding: string): InstanceFidelity {
  return { instanceId: instance.instanceId, label: instance.label, area: instance.area, encoding, lost: fidelity.lost, added: fidelity.added, iou: fidelity.iou };
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
