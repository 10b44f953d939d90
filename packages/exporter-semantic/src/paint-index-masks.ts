/**
 * Paints a sample's instances into a class index mask (and, optionally, an instance mask),
 * later instances over earlier ones, and says what every overlap did.
 */
import { MaskportError } from "@maskport/core";
import type { EncodeContext, Instance, InstanceFidelity, Sample } from "@maskport/core";
import { indexArray, type ClassIndices } from "./class-indices.ts";

/** Largest instance number a 16-bit instance mask holds. */
export const MAX_INSTANCE_NUMBER = 65535;

/** The painted rasters (row-major, sample width × height) and each painted instance's fidelity. */
export interface IndexMasks {
  /** Class index per pixel (0 background). */
  readonly classes: Uint8Array | Uint16Array;
  /** Instance number 1..K per pixel (0 none), in painting order; only when asked for. */
  readonly instances: Uint16Array | undefined;
  /** The painted instances, in painting order (instance number k is entry k − 1). */
  readonly painted: readonly Instance[];
  readonly fidelity: InstanceFidelity[];
}

/**
 * Paints `sample.instances` in order; where instances overlap, the later one wins. Instances
 * the labelmap cannot place (unknown label, background label, empty) are reported and left out.
 * Fidelity: an instance loses the pixels that a later instance of another class paints over
 * (with `instances`, of any class); each overlap is an INSTANCES_OVERLAP warning naming both
 * instances, the pixel count, the first pixel and what was written there.
 * @throws MaskportError TOO_MANY_INSTANCES when `instances` is on and more than 65,535 instances would be numbered
 */
export function paintIndexMasks(sample: Sample, indices: ClassIndices, withInstances: boolean, context: EncodeContext, plugin: string): IndexMasks {
  const { width, height } = sample;
  const painted: Instance[] = [];
  const classOf: number[] = [0];
  for (const instance of sample.instances) {
    const index = indices.indexOf(instance.label);
    const why =
      index === undefined
        ? instance.label === context.labelmap.backgroundId
          ? "has the background label"
          : `has label id ${instance.label}, which the labelmap does not define`
        : instance.area === 0
          ? "is empty"
          : undefined;
    if (why !== undefined || index === undefined) {
      context.report({ severity: "warning", code: "INSTANCE_DROPPED", instanceId: instance.instanceId, message: `instance ${instance.instanceId} ${why}; not painted` });
      continue;
    }
    painted.push(instance);
    classOf.push(index);
  }
  if (withInstances && painted.length > MAX_INSTANCE_NUMBER) {
    throw new MaskportError("TOO_MANY_INSTANCES", `sample "${sample.id}" has ${painted.length} instances, but a 16-bit instance mask numbers at most ${MAX_INSTANCE_NUMBER}`, {
      sampleId: sample.id,
      plugin,
      hint: "Export without instances, or to coco or cvat.",
    });
  }
  const owner = new Uint32Array(width * height);
  painted.forEach((instance, k) => forEachPixel(instance, width, height, (p) => (owner[p] = k + 1)));

  const classes = indexArray(indices.labels.length, owner.length);
  const classTable = Uint16Array.from(classOf);
  for (let p = 0; p < owner.length; p++) classes[p] = classTable[owner[p] as number] as number;

  const fidelity = painted.map((instance, k) => {
    const number = k + 1;
    // Per later instance that covers this one: pixels and the first of them.
    const covered = new Map<number, { count: number; first: number }>();
    forEachPixel(instance, width, height, (p) => {
      const by = owner[p] as number;
      if (by === number || (!withInstances && classTable[by] === classTable[number])) return;
      const entry = covered.get(by);
      if (entry === undefined) covered.set(by, { count: 1, first: p });
      else entry.count++;
    });
    let lost = instance.area - inFrame(instance, width, height);
    for (const [by, { count, first }] of covered) {
      lost += count;
      const later = painted[by - 1] as Instance;
      const x = first % width;
      const y = (first - x) / width;
      const written = withInstances ? `instance ${by} (${name(indices, classTable[by] as number)})` : name(indices, classTable[by] as number);
      context.report({
        severity: "warning",
        code: "INSTANCES_OVERLAP",
        instanceId: instance.instanceId,
        message: `instance ${instance.instanceId} (${name(indices, classTable[number] as number)}) and the later instance ${later.instanceId} (${name(indices, classTable[by] as number)}) overlap on ${count} px, first at (${x}, ${y}): written as ${written}`,
      });
    }
    const record: InstanceFidelity = {
      instanceId: instance.instanceId,
      label: instance.label,
      area: instance.area,
      encoding: withInstances ? "index png + instance png" : "index png",
      lost,
      added: 0,
      iou: (instance.area - lost) / instance.area,
    };
    return record;
  });
  const instances = withInstances ? Uint16Array.from(owner) : undefined;
  return { classes, instances, painted, fidelity };
}

// --- internal ---

function name(indices: ClassIndices, index: number): string {
  return JSON.stringify(index === 0 ? indices.backgroundName : (indices.labels[index - 1]?.name ?? `class ${index}`));
}

/** Calls `visit` with the frame index of every set pixel of the instance inside the frame. */
function forEachPixel(instance: Instance, width: number, height: number, visit: (p: number) => void): void {
  const { bbox, bitmap } = instance;
  const x0 = Math.max(0, bbox.x);
  const x1 = Math.min(width, bbox.x + bitmap.width);
  const y0 = Math.max(0, bbox.y);
  const y1 = Math.min(height, bbox.y + bitmap.height);
  const data = bitmap.data;
  for (let y = y0; y < y1; y++) {
    let src = (y - bbox.y) * bitmap.width + (x0 - bbox.x);
    for (let p = y * width + x0, end = y * width + x1; p < end; p++, src++) if (data[src] !== 0) visit(p);
  }
}

/** Pixels of the instance inside the frame (an instance is never larger, but a hand-made one may be). */
function inFrame(instance: Instance, width: number, height: number): number {
  let count = 0;
  forEachPixel(instance, width, height, () => count++);
  return count;
}
