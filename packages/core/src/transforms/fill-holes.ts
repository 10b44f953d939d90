import type { Transform } from "../plugin.ts";
import type { Instance } from "../types.ts";
import { labelName } from "./_label-names.ts";

const NAME = "fill-holes";

/**
 * Fills each instance's holes: background regions of the crop that are not 4-connected to
 * the crop's outside (the usual pairing with 8-connected foreground, as OpenCV's
 * RETR_CCOMP holes are). The bbox cannot grow; area does. Each instance that gains pixels
 * is reported as a `MASK_MODIFIED` info diagnostic with the pixels added.
 */
export const fillHoles: Transform = Object.freeze<Transform>({
  apiVersion: 1,
  kind: "transform",
  name: NAME,
  description: "Fill the holes inside each instance.",
  options: {},
  apply(sample, _options, context) {
    let changed = false;
    const instances = sample.instances.map((instance) => {
      const filled = fill(instance);
      if (filled === undefined) return instance;
      changed = true;
      context.report({
        severity: "info",
        code: "MASK_MODIFIED",
        instanceId: instance.instanceId,
        message: `${NAME}: added ${filled.area - instance.area} px to instance ${instance.instanceId} of label "${labelName(context.labelmap, instance.label)}" (${instance.area} → ${filled.area} px)`,
      });
      return filled;
    });
    return changed ? { ...sample, instances } : sample;
  },
});

// --- internal ---

const OUTSIDE = 2;

/** The instance with its holes filled, or undefined when it has none. */
function fill(instance: Instance): Instance | undefined {
  const { width, height, data } = instance.bitmap;
  // A hole needs a ring around it, so crops thinner than 3 px have none.
  if (width < 3 || height < 3) return undefined;
  const marks = new Uint8Array(data);
  const stack = new Int32Array(width * height);
  let top = 0;
  // Seed with the background on the crop's edge: it touches the outside.
  for (let x = 0; x < width; x++) {
    top = seed(marks, stack, top, x);
    top = seed(marks, stack, top, (height - 1) * width + x);
  }
  for (let y = 1; y < height - 1; y++) {
    top = seed(marks, stack, top, y * width);
    top = seed(marks, stack, top, y * width + width - 1);
  }
  while (top > 0) {
    const p = stack[--top] ?? 0;
    const x = p % width;
    if (x > 0) top = seed(marks, stack, top, p - 1);
    if (x < width - 1) top = seed(marks, stack, top, p + 1);
    if (p >= width) top = seed(marks, stack, top, p - width);
    if (p < width * (height - 1)) top = seed(marks, stack, top, p + width);
  }
  let added = 0;
  for (let p = 0; p < marks.length; p++) {
    if (marks[p] === 0) added++;
    marks[p] = marks[p] === OUTSIDE ? 0 : 1;
  }
  if (added === 0) return undefined;
  return { ...instance, area: instance.area + added, bitmap: { width, height, data: marks } };
}

/** Marks background pixel `p` as outside and pushes it; returns the new stack top. */
function seed(marks: Uint8Array, stack: Int32Array, top: number, p: number): number {
  if (marks[p] !== 0) return top;
  marks[p] = OUTSIDE;
  stack[top] = p;
  return top + 1;
}
